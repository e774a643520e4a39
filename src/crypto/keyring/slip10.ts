/**
 * SLIP-10 key derivation for ed25519 (https://github.com/satoshilabs/slips/blob/master/slip-0010.md):
 * BIP-32's HMAC-SHA512 chain with the key "ed25519 seed", hardened children only (ed25519 has no
 * public derivation). The derived 32-byte key is the RFC 8032 private seed.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { HARDENED } from './hd_path';
import { keyringErrors } from './errors';

const MASTER_KEY = new TextEncoder().encode('ed25519 seed');

export interface Slip10Node {
  readonly privateKey: Uint8Array;
  readonly chainCode: Uint8Array;
}

export function slip10Ed25519(seed: Uint8Array, indices: readonly number[]): Slip10Node {
  let I = hmac(sha512, MASTER_KEY, seed);
  for (const index of indices) {
    if (index < HARDENED) throw keyringErrors.InvalidHdPath('SLIP-10 ed25519 derivation needs hardened indices only');
    const data = new Uint8Array(37); // 0x00 || key || ser32(index)
    data.set(I.subarray(0, 32), 1);
    new DataView(data.buffer).setUint32(33, index >>> 0, false);
    I = hmac(sha512, I.subarray(32), data);
  }
  return { privateKey: I.slice(0, 32), chainCode: I.slice(32) };
}
