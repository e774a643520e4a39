/**
 * The Cosmos SDK's rules for a secp256k1 account signature, applied before any backend sees
 * it so that OpenSSL and noble are asked the same question (crypto/keys/secp256k1, nocgo):
 *
 * - exactly 64 bytes, r || s big-endian;
 * - r and s are read modulo n (decred's `ModNScalar.SetByteSlice`), so an encoding >= n is the
 *   same number as its reduction; zero after reduction is rejected;
 * - s must be low (s <= n/2): the SDK rejects the malleable twin (r, n - s);
 * - the public key is a 33-byte compressed point (the only form an account key can have,
 *   since the SDK's `PubKey.Address()` requires 33 bytes).
 */

/** Order of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
export const SECP256K1_HALF_N = SECP256K1_N >> 1n;

/** The canonical r || s (both in [1, n-1], s <= n/2) the SDK would verify, or undefined. */
export function canonicalSecp256k1Signature(signature: Uint8Array): Uint8Array | undefined {
  if (signature.length !== 64) return undefined;
  const rawR = toBigInt(signature, 0);
  const rawS = toBigInt(signature, 32);
  const r = rawR % SECP256K1_N;
  const s = rawS % SECP256K1_N;
  if (r === 0n || s === 0n || s > SECP256K1_HALF_N) return undefined;
  if (r === rawR && s === rawS) return signature;
  const out = new Uint8Array(64);
  writeBigInt(out, 0, r);
  writeBigInt(out, 32, s);
  return out;
}

/** True when s (mod n) is above n/2: the signature the SDK refuses as malleable. */
export function isHighS(signature: Uint8Array): boolean {
  return signature.length === 64 && toBigInt(signature, 32) % SECP256K1_N > SECP256K1_HALF_N;
}

/** 33 bytes with the 02/03 prefix of a compressed SEC1 point (not a check that it is on the curve). */
export function isCompressedSecp256k1Key(pubkey: Uint8Array): boolean {
  return pubkey.length === 33 && (pubkey[0] === 0x02 || pubkey[0] === 0x03);
}

function toBigInt(bytes: Uint8Array, offset: number): bigint {
  return BigInt('0x' + Buffer.from(bytes.buffer, bytes.byteOffset + offset, 32).toString('hex'));
}

function writeBigInt(out: Uint8Array, offset: number, v: bigint): void {
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}
