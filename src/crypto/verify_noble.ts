/**
 * The reference verifier, on @noble/curves: its ZIP-215 ed25519 mode is the rule we follow
 * (same as CometBFT's curve25519-voi `VerifyOptionsZIP_215` and the SDK's ed25519consensus),
 * and its ECDSA is the textbook algorithm. Slower than OpenSSL (README, "Measured speeds").
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from './hash';
import { canonicalSecp256k1Signature, isCompressedSecp256k1Key } from './secp256k1_signature';
import type { SignatureVerifier } from './verifier';

export const nobleVerifier: SignatureVerifier = Object.freeze({
  name: 'noble',
  secp256k1(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    const sig = canonicalSecp256k1Signature(signature);
    if (sig === undefined || !isCompressedSecp256k1Key(pubkey)) return false;
    try {
      return secp256k1.verify(sig, sha256(message), pubkey, { prehash: false, lowS: true, format: 'compact' });
    } catch {
      return false; // off-curve key or similar
    }
  },
  ed25519(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    if (pubkey.length !== 32 || signature.length !== 64) return false;
    try {
      return ed25519.verify(signature, message, pubkey, { zip215: true });
    } catch {
      return false;
    }
  },
});
