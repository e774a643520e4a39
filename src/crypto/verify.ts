/**
 * Signature verification for tx signers. The default verifier is libsecp256k1 (WebAssembly) for
 * secp256k1, ~1.7x OpenSSL's ECDSA here, and OpenSSL (node:crypto) with a key-object cache for
 * ed25519, 11x noble (README).
 * Both verifiers implement the same rules; callers charge gas before calling (DESIGN: gas is
 * charged for every signature).
 */
import type { PubKey } from './pubkey';
import type { SignatureVerifier } from './verifier';
import { createWasmVerifier } from './verify_wasm';

export type { SignatureVerifier } from './verifier';
export { nobleVerifier } from './verify_noble';
export { createOpenSslVerifier, type OpenSslVerifier, type OpenSslVerifierOptions } from './verify_openssl';
export { createWasmVerifier } from './verify_wasm';

/** The process-wide default. Stateless apart from OpenSSL's ed25519 key cache. */
export const defaultVerifier: SignatureVerifier = createWasmVerifier();

/**
 * True when `signature` is `pubkey`'s signature of `signBytes` (the SignDoc or amino JSON
 * bytes; secp256k1 hashes them with SHA-256 inside, ed25519 signs them as they are).
 */
export function verifySignature(
  pubkey: PubKey,
  signBytes: Uint8Array,
  signature: Uint8Array,
  verifier: SignatureVerifier = defaultVerifier,
): boolean {
  switch (pubkey.algo) {
    case 'secp256k1':
      return verifier.secp256k1(pubkey.key, signBytes, signature);
    case 'ed25519':
      return verifier.ed25519(pubkey.key, signBytes, signature);
    default:
      return false;
  }
}
