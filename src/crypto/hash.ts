/**
 * Hash functions. SHA-256 goes through OpenSSL's one-shot `crypto.hash`: it is 2x faster than
 * noble for 64-byte inputs and 8x for 4 KiB (README, "Hashes"); `createHash().update().digest()`
 * is slower than noble for small inputs because of the object it allocates.
 * RIPEMD-160 comes from noble: it is only used to derive addresses (rare), and OpenSSL 3 builds
 * may ship it in the legacy provider only, so a node linked against a system OpenSSL could lack it.
 */
import { hash as nodeHash } from 'node:crypto';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { blake3 as nobleBlake3 } from '@noble/hashes/blake3.js';

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  // Copy out of the Buffer so callers get a plain Uint8Array (jest's toEqual, structuredClone).
  return new Uint8Array(nodeHash('sha256', data, 'buffer'));
}

/** RIPEMD-160 of `data` (20 bytes). */
export function ripemd160(data: Uint8Array): Uint8Array {
  return nobleRipemd160(data);
}

/** BLAKE3 of `data`, 32 bytes unless `dkLen` says otherwise: content ids of usage records. */
export function blake3(data: Uint8Array, dkLen = 32): Uint8Array {
  return nobleBlake3(data, { dkLen });
}

/** First 20 bytes of SHA-256: CometBFT's `tmhash.SumTruncated`, the SDK's `crypto.AddressHash`. */
export function sha256Truncated(data: Uint8Array): Uint8Array {
  return sha256(data).slice(0, 20);
}
