/**
 * Public keys as they appear in transactions (`SignerInfo.public_key`, a `google.protobuf.Any`)
 * and the account addresses derived from them.
 *
 * Accepted: `/cosmos.crypto.secp256k1.PubKey` (33-byte compressed point) and
 * `/cosmos.crypto.ed25519.PubKey` (32 bytes). Everything else, multisig included, is sdk/8.
 * Only the shape is checked here; whether the bytes are a point on the curve is decided by
 * signature verification, as in the SDK (an off-curve key simply never verifies).
 */
import { PubKey as Ed25519PubKeyProto } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { PubKey as Secp256k1PubKeyProto } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { sdk } from '../types/errors';
import { accountAddresses, type AddressCodec } from './address';
import { ripemd160, sha256, sha256Truncated } from './hash';

export type KeyAlgo = 'secp256k1' | 'ed25519';
export const KEY_ALGOS: readonly KeyAlgo[] = ['secp256k1', 'ed25519'];

export interface PubKey {
  readonly algo: KeyAlgo;
  /** secp256k1: 33-byte compressed SEC1 point; ed25519: 32-byte RFC 8032 encoding. */
  readonly key: Uint8Array;
}

export const SECP256K1_PUBKEY_TYPE_URL = '/cosmos.crypto.secp256k1.PubKey' as const;
export const ED25519_PUBKEY_TYPE_URL = '/cosmos.crypto.ed25519.PubKey' as const;
export const PUBKEY_TYPE_URLS: { readonly [A in KeyAlgo]: string } = {
  secp256k1: SECP256K1_PUBKEY_TYPE_URL,
  ed25519: ED25519_PUBKEY_TYPE_URL,
};
export const PUBKEY_LENGTHS: { readonly [A in KeyAlgo]: number } = { secp256k1: 33, ed25519: 32 };

/** Validates the shape of a raw public key; throws sdk/8 with what is wrong. */
export function checkPubKey(pubkey: PubKey): PubKey {
  const want = PUBKEY_LENGTHS[pubkey.algo];
  if (want === undefined) throw sdk.InvalidPubKey(`unsupported key algorithm ${JSON.stringify(pubkey.algo)}`);
  if (!(pubkey.key instanceof Uint8Array) || pubkey.key.length !== want) {
    const got = pubkey.key instanceof Uint8Array ? pubkey.key.length : typeof pubkey.key;
    throw sdk.InvalidPubKey(`${pubkey.algo} public key has ${got} bytes, expected ${want}`);
  }
  if (pubkey.algo === 'secp256k1' && pubkey.key[0] !== 0x02 && pubkey.key[0] !== 0x03) {
    throw sdk.InvalidPubKey(`secp256k1 public key must be compressed (prefix 02 or 03, got ${hexByte(pubkey.key[0]!)})`);
  }
  return pubkey;
}

/** Decodes a tx's `public_key` Any; throws sdk/8 for unknown types and malformed keys. */
export function decodePubKey(any: Any | undefined): PubKey {
  if (any === undefined || any === null || typeof any !== 'object') throw sdk.InvalidPubKey('missing public key');
  let key: Uint8Array;
  let algo: KeyAlgo;
  try {
    switch (any.typeUrl) {
      case SECP256K1_PUBKEY_TYPE_URL:
        algo = 'secp256k1';
        key = Secp256k1PubKeyProto.decode(any.value).key;
        break;
      case ED25519_PUBKEY_TYPE_URL:
        algo = 'ed25519';
        key = Ed25519PubKeyProto.decode(any.value).key;
        break;
      default:
        throw sdk.InvalidPubKey(`unsupported public key type ${JSON.stringify(any.typeUrl)}`);
    }
  } catch (e) {
    if (sdk.InvalidPubKey.is(e)) throw e;
    throw sdk.InvalidPubKey(`malformed ${any.typeUrl}: ${(e as Error).message}`, e);
  }
  return checkPubKey({ algo, key: new Uint8Array(key) });
}

/** The Any a tx carries for `pubkey`, byte-equal to what cosmjs `encodePubkey` produces. */
export function encodePubKey(pubkey: PubKey): Any {
  checkPubKey(pubkey);
  const value =
    pubkey.algo === 'secp256k1'
      ? Secp256k1PubKeyProto.encode(Secp256k1PubKeyProto.fromPartial({ key: pubkey.key })).finish()
      : Ed25519PubKeyProto.encode(Ed25519PubKeyProto.fromPartial({ key: pubkey.key })).finish();
  return Any.fromPartial({ typeUrl: PUBKEY_TYPE_URLS[pubkey.algo], value });
}

/**
 * Account address bytes of a key, as the SDK's `PubKey.Address()`:
 * secp256k1 = RIPEMD-160(SHA-256(compressed key)); ed25519 = SHA-256(key)[:20].
 */
export function addressBytesOf(pubkey: PubKey): Uint8Array {
  checkPubKey(pubkey);
  return pubkey.algo === 'secp256k1' ? ripemd160(sha256(pubkey.key)) : sha256Truncated(pubkey.key);
}

/** Bech32 account address of a key (`hyper1...` unless another codec is given). */
export function addressOf(pubkey: PubKey, codec: AddressCodec = accountAddresses): string {
  return codec.encode(addressBytesOf(pubkey));
}

function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0');
}
