/**
 * The fastest secp256k1 verifier available here: libsecp256k1 compiled to WebAssembly
 * (tiny-secp256k1, pure package, no install script), after the SDK's checks
 * (secp256k1_signature.ts) and with the message hashed by OpenSSL's one-shot SHA-256. ~1.7x OpenSSL's ECDSA
 * on this machine (README, measured in scripts/bench/verify.ts). ed25519 stays with OpenSSL and
 * its ZIP-215 re-check (verify_openssl.ts).
 *
 * Like every verifier it must answer exactly as the noble reference on every input
 * (verify.test.ts runs the equivalence suite over it).
 */
import { hash as nodeHash } from 'node:crypto';
import * as ecc from 'tiny-secp256k1';
import { canonicalSecp256k1Signature, isCompressedSecp256k1Key } from './secp256k1_signature';
import type { SignatureVerifier } from './verifier';
import { createOpenSslVerifier } from './verify_openssl';

export function createWasmVerifier(): SignatureVerifier {
  const ed25519 = createOpenSslVerifier();
  return Object.freeze({
    name: 'libsecp256k1-wasm',
    secp256k1(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
      const sig = canonicalSecp256k1Signature(signature);
      if (sig === undefined || !isCompressedSecp256k1Key(pubkey)) return false;
      try {
        // canonical: s is already low, so strict (low-S) verification asks the same question
        return ecc.verify(nodeHash('sha256', message, 'buffer'), pubkey, sig, true);
      } catch {
        return false; // not a point on the curve, and other malformed input
      }
    },
    ed25519: (pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array) => ed25519.ed25519(pubkey, message, signature),
  });
}
