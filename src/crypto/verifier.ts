/**
 * What a signature verifier must decide. Implementations differ in speed only: for every input
 * they must return the same answer (verify.test.ts checks it), because the answer decides
 * whether a tx is valid and every node must agree.
 */
export interface SignatureVerifier {
  readonly name: string;
  /**
   * ECDSA over SHA-256(message) with a 33-byte compressed key and a 64-byte r || s signature,
   * by the SDK's rules (secp256k1_signature.ts: r, s read mod n, non-zero, low-S). Never throws.
   */
  secp256k1(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Ed25519 (pure, no pre-hash) under ZIP-215 rules, as CometBFT and the SDK. Never throws. */
  ed25519(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}
