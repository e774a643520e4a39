/**
 * BIP-39 mnemonics (English word list), 24 words by default as `gaiad keys add`. A mnemonic is
 * normalized (NFKD, lower case, single spaces) before use, so one pasted with extra spaces or
 * capitals gives the same keys; cosmjs requires the normalized form and derives the same seed.
 */
import { entropyToMnemonic, mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes } from 'node:crypto';
import { keyringErrors } from './errors';

export type MnemonicLength = 12 | 15 | 18 | 21 | 24;
export const DEFAULT_MNEMONIC_WORDS: MnemonicLength = 24;
const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]));

/** A fresh random mnemonic: 24 words carry 256 bits of entropy, 12 words 128. */
export function generateMnemonic(words: MnemonicLength = DEFAULT_MNEMONIC_WORDS): string {
  if (![12, 15, 18, 21, 24].includes(words)) throw keyringErrors.InvalidMnemonic(`cannot make a mnemonic of ${words} words`);
  return entropyToMnemonic(new Uint8Array(randomBytes((words / 3) * 4)), wordlist);
}

export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/).join(' ');
}

/** The normalized mnemonic, or keyring/5 naming the problem (count, unknown word, checksum). */
export function checkMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw keyringErrors.InvalidMnemonic('mnemonic is not a string');
  const normalized = normalizeMnemonic(mnemonic);
  const words = normalized === '' ? [] : normalized.split(' ');
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    throw keyringErrors.InvalidMnemonic(`mnemonic has ${words.length} words, expected 12, 15, 18, 21 or 24`);
  }
  const unknown = words.findIndex((w) => !WORD_INDEX.has(w));
  if (unknown !== -1) {
    throw keyringErrors.InvalidMnemonic(`word ${unknown + 1} (${JSON.stringify(words[unknown])}) is not in the BIP-39 English word list`);
  }
  // Count and words are fine, so a false here can only be the checksum.
  if (!validateMnemonic(normalized, wordlist)) throw keyringErrors.InvalidMnemonic('mnemonic checksum does not match (a word is wrong or out of order)');
  return normalized;
}

/** The 64-byte BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds); `bip39Passphrase` is the optional "25th word". */
export function mnemonicToSeed(mnemonic: string, bip39Passphrase = ''): Uint8Array {
  return mnemonicToSeedSync(checkMnemonic(mnemonic), bip39Passphrase);
}
