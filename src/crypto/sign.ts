/**
 * Private-key operations: what a wallet (the keyring, tests, the localnet scripts) needs to sign
 * txs. Signing uses noble: its secp256k1 nonces are RFC 6979 deterministic (OpenSSL 3.0's are
 * random), so the same key and sign bytes always give the same signature, as with cosmjs.
 *
 * Private keys are 32 bytes for both algorithms: the secp256k1 scalar, and the ed25519 RFC 8032
 * seed (Go's and the SDK's 64-byte ed25519 form is seed || public key).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from 'node:crypto';
import { sha256 } from './hash';
import type { KeyAlgo, PubKey } from './pubkey';

export const PRIVATE_KEY_LENGTH = 32;

/** A fresh random private key. */
export function generatePrivateKey(algo: KeyAlgo): Uint8Array {
  if (algo === 'secp256k1') return secp256k1.utils.randomSecretKey();
  return new Uint8Array(randomBytes(32));
}

/** Throws a plain Error naming the problem; the keyring wraps it in its own error. */
export function checkPrivateKey(algo: KeyAlgo, privateKey: Uint8Array): void {
  if (algo !== 'secp256k1' && algo !== 'ed25519') throw new Error(`unsupported key algorithm ${JSON.stringify(algo)}`);
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== PRIVATE_KEY_LENGTH) {
    throw new Error(`${algo} private key must be ${PRIVATE_KEY_LENGTH} bytes`);
  }
  if (algo === 'secp256k1' && !secp256k1.utils.isValidSecretKey(privateKey)) {
    throw new Error('secp256k1 private key is not in [1, n-1]');
  }
}

/** The public key of `privateKey` (secp256k1 compressed, 33 bytes; ed25519 32 bytes). */
export function publicKeyOf(algo: KeyAlgo, privateKey: Uint8Array): PubKey {
  checkPrivateKey(algo, privateKey);
  const key = algo === 'secp256k1' ? secp256k1.getPublicKey(privateKey, true) : ed25519.getPublicKey(privateKey);
  return { algo, key };
}

/**
 * Signs tx sign bytes as the SDK's `PrivKey.Sign`: secp256k1 = 64-byte low-S r || s of
 * SHA-256(signBytes); ed25519 = RFC 8032 signature of signBytes.
 */
export function sign(algo: KeyAlgo, privateKey: Uint8Array, signBytes: Uint8Array): Uint8Array {
  checkPrivateKey(algo, privateKey);
  if (algo === 'secp256k1') {
    return secp256k1.sign(sha256(signBytes), privateKey, { prehash: false, lowS: true, format: 'compact' });
  }
  return ed25519.sign(signBytes, privateKey);
}
