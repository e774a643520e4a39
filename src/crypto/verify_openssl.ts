/**
 * The fast verifier: OpenSSL through node:crypto, with the key object of each public key kept
 * in an LRU cache (building one parses and, for secp256k1, decompresses the point: about 40%
 * of a verification).
 *
 * secp256k1: OpenSSL's ECDSA after the SDK's checks (secp256k1_signature.ts). ECDSA verification
 * is one equation with no encoding latitude left once r, s and the key are canonical, so OpenSSL
 * and noble agree on every input (verify.test.ts).
 *
 * ed25519: OpenSSL implements RFC 8032 cofactorless verification, which accepts a subset of what
 * ZIP-215 (our rule, CometBFT's and the SDK's) accepts: any signature OpenSSL accepts satisfies
 * the cofactored equation too, but ZIP-215 also accepts non-canonical R encodings and signatures
 * that hold only up to a small-order component. So an OpenSSL "yes" is final and an OpenSSL "no"
 * is re-decided by the noble ZIP-215 reference. Honest signatures never take that path; a forged
 * one costs one noble verification (README, "Verification rules").
 */
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { LruCache } from './lru';
import { canonicalSecp256k1Signature, isCompressedSecp256k1Key } from './secp256k1_signature';
import { nobleVerifier } from './verify_noble';
import type { SignatureVerifier } from './verifier';

// DER SubjectPublicKeyInfo headers; the raw key follows. OpenSSL accepts compressed EC points here.
const SECP256K1_SPKI_PREFIX = Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** CometBFT's ed25519 verifier caches 4096 expanded keys; we keep as many per algorithm. */
export const DEFAULT_KEY_CACHE_SIZE = 4096;

export interface OpenSslVerifierOptions {
  /** Key objects kept per algorithm (default 4096). */
  readonly keyCacheSize?: number;
}

export interface OpenSslVerifier extends SignatureVerifier {
  /** Drops cached key objects (tests, benchmarks). */
  clearCache(): void;
}

export function createOpenSslVerifier(options: OpenSslVerifierOptions = {}): OpenSslVerifier {
  const size = options.keyCacheSize ?? DEFAULT_KEY_CACHE_SIZE;
  // null records a key OpenSSL refused, so a bad key repeated is refused without re-parsing.
  const secpKeys = new LruCache<string, KeyObject | null>(size);
  const edKeys = new LruCache<string, KeyObject | null>(size);

  const keyObject = (cache: LruCache<string, KeyObject | null>, prefix: Buffer, pubkey: Uint8Array) => {
    const id = Buffer.from(pubkey.buffer, pubkey.byteOffset, pubkey.length).toString('latin1');
    let ko = cache.get(id);
    if (ko === undefined) {
      try {
        ko = createPublicKey({ key: Buffer.concat([prefix, pubkey]), format: 'der', type: 'spki' });
      } catch {
        ko = null;
      }
      cache.set(id, ko);
    }
    return ko;
  };

  return Object.freeze({
    name: 'openssl',
    secp256k1(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
      const sig = canonicalSecp256k1Signature(signature);
      if (sig === undefined || !isCompressedSecp256k1Key(pubkey)) return false;
      const key = keyObject(secpKeys, SECP256K1_SPKI_PREFIX, pubkey);
      if (key === null) return false;
      try {
        return cryptoVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig);
      } catch {
        return false;
      }
    },
    ed25519(pubkey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
      if (pubkey.length !== 32 || signature.length !== 64 || !isCanonicalEd25519Scalar(signature)) return false;
      const key = keyObject(edKeys, ED25519_SPKI_PREFIX, pubkey);
      try {
        if (key !== null && cryptoVerify(null, message, key, signature)) return true;
      } catch {
        // fall through to the reference
      }
      return nobleVerifier.ed25519(pubkey, message, signature);
    },
    clearCache(): void {
      secpKeys.clear();
      edKeys.clear();
    },
  });
}

// Ed25519 group order L, little-endian, as the top half of a signature stores S.
const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * S < L, which both RFC 8032 and ZIP-215 require: checked up front so that a signature with an
 * out-of-range S is refused without the costly reference path.
 */
function isCanonicalEd25519Scalar(signature: Uint8Array): boolean {
  const top = signature[63]!;
  if (top < 0x10) return true;
  if (top > 0x10) return false;
  const le = Buffer.from(signature.buffer, signature.byteOffset + 32, 32);
  return BigInt('0x' + Buffer.from(le).reverse().toString('hex')) < ED25519_L;
}
