/**
 * Passphrase encryption of private keys: scrypt (RFC 7914) stretches the passphrase into a
 * 32-byte key, XChaCha20-Poly1305 encrypts and authenticates. The 24-byte random nonce makes
 * nonce reuse a non-issue; the associated data binds the ciphertext to its context (algorithm
 * and public key), so a ciphertext moved into another key's file does not decrypt.
 *
 * scrypt N = 2^16, r = 8, p = 1 by default: 64 MiB and ~0.3 s per attempt on our machines,
 * more than the SDK's bcrypt cost 12. Parameters are stored with each ciphertext, so they can
 * be raised later without breaking old files; files asking for absurd ones are refused.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from 'node:crypto';
import { sdk } from '../../types/errors';
import { keyringErrors } from './errors';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 16, r: 8, p: 1 });
export const CIPHER = 'xchacha20-poly1305';
export const KDF = 'scrypt';

/** A ciphertext with everything needed to decrypt it given the passphrase. */
export interface SealedSecret {
  readonly kdf: typeof KDF;
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Uint8Array; // 16 random bytes
  readonly cipher: typeof CIPHER;
  readonly nonce: Uint8Array; // 24 random bytes
  readonly ciphertext: Uint8Array; // plaintext length + 16-byte tag
}

export async function seal(
  plaintext: Uint8Array,
  passphrase: string,
  aad: Uint8Array,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<SealedSecret> {
  checkScryptParams(params);
  const salt = new Uint8Array(randomBytes(16));
  const nonce = new Uint8Array(randomBytes(24));
  const key = await deriveKey(passphrase, salt, params);
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  key.fill(0);
  return { kdf: KDF, N: params.N, r: params.r, p: params.p, salt, cipher: CIPHER, nonce, ciphertext };
}

/**
 * The plaintext, or sdk/23 "wrong passphrase for <what>" when authentication fails (a wrong
 * passphrase and a tampered file are indistinguishable, by design of the AEAD).
 */
export async function open(sealed: SealedSecret, passphrase: string, aad: Uint8Array, what: string): Promise<Uint8Array> {
  if (sealed.kdf !== KDF || sealed.cipher !== CIPHER) {
    throw keyringErrors.CorruptKeyFile(`${what}: unsupported encryption ${sealed.kdf}/${sealed.cipher}`);
  }
  checkScryptParams(sealed);
  if (sealed.salt.length < 16 || sealed.nonce.length !== 24 || sealed.ciphertext.length < 16) {
    throw keyringErrors.CorruptKeyFile(`${what}: truncated salt, nonce or ciphertext`);
  }
  const key = await deriveKey(passphrase, sealed.salt, sealed);
  try {
    return xchacha20poly1305(key, sealed.nonce, aad).decrypt(sealed.ciphertext);
  } catch (e) {
    throw sdk.WrongPassword(`wrong passphrase for ${what}`, e);
  } finally {
    key.fill(0);
  }
}

function deriveKey(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  // NFC so that the same passphrase typed on different systems gives the same bytes.
  const pass = new TextEncoder().encode(passphrase.normalize('NFC'));
  return scryptAsync(pass, salt, { N: params.N, r: params.r, p: params.p, dkLen: 32, maxmem: 2 ** 30 + 4096 });
}

/** Refuses parameters that are weak or that would exhaust memory (a crafted file). */
export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const ok =
    Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0 &&
    Number.isInteger(r) && r >= 1 && r <= 16 &&
    Number.isInteger(p) && p >= 1 && p <= 16 &&
    128 * N * r <= 2 ** 30;
  if (!ok) throw keyringErrors.CorruptKeyFile(`unacceptable scrypt parameters N=${N} r=${r} p=${p}`);
}
