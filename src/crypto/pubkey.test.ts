import { encodeEd25519Pubkey, encodeSecp256k1Pubkey, pubkeyToAddress } from '@cosmjs/amino';
import { encodePubkey } from '@cosmjs/proto-signing';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { sdk } from '../types/errors';
import { addressCodec } from './address';
import { addressBytesOf, addressOf, decodePubKey, encodePubKey, type PubKey } from './pubkey';
import { publicKeyOf } from './sign';

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const secpKey: PubKey = publicKeyOf('secp256k1', new Uint8Array(32).fill(1));
const edKey: PubKey = publicKeyOf('ed25519', new Uint8Array(32).fill(2));

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('addresses of keys', () => {
  test('secp256k1 known answer: RIPEMD-160(SHA-256(key))', () => {
    // Account and key of `simd query auth accounts` in the Cosmos SDK's x/auth/README.md.
    const key: PubKey = { algo: 'secp256k1', key: b64('ApDrE38zZdd7wLmFS9YmqO684y5DG6fjZ4rVeihF/AQD') };
    expect(addressOf(key, addressCodec('cosmos'))).toBe('cosmos1zwg6tpl8aw4rawv8sgag9086lpw5hv33u5ctr2');
  });

  test('equal to cosmjs pubkeyToAddress for both algorithms', () => {
    expect(addressOf(secpKey)).toBe(pubkeyToAddress(encodeSecp256k1Pubkey(secpKey.key), 'hyper'));
    // cosmjs derives ed25519 addresses as SHA-256(key)[:20], like the SDK's ed25519 PubKey.Address().
    expect(addressOf(edKey)).toBe(pubkeyToAddress(encodeEd25519Pubkey(edKey.key), 'hyper'));
    expect(addressBytesOf(edKey)).toHaveLength(20);
  });
});

describe('Any public keys', () => {
  test.each([
    ['secp256k1', secpKey, encodeSecp256k1Pubkey],
    ['ed25519', edKey, encodeEd25519Pubkey],
  ] as const)('%s: byte-equal to cosmjs encodePubkey and round-trips', (_algo, key, amino) => {
    const ours = encodePubKey(key);
    const theirs = encodePubkey(amino(key.key));
    expect(ours.typeUrl).toBe(theirs.typeUrl);
    expect(Any.encode(ours).finish()).toEqual(Any.encode(theirs).finish());
    expect(decodePubKey(theirs)).toEqual(key);
  });

  const secpAny = encodePubKey(secpKey);
  test.each([
    ['multisig', Any.fromPartial({ typeUrl: '/cosmos.crypto.multisig.LegacyAminoPubKey', value: new Uint8Array() }), 'unsupported public key type'],
    ['secp256r1', Any.fromPartial({ typeUrl: '/cosmos.crypto.secp256r1.PubKey', value: secpAny.value }), 'unsupported'],
    ['empty type', Any.fromPartial({ typeUrl: '', value: secpAny.value }), 'unsupported'],
    ['truncated bytes', Any.fromPartial({ typeUrl: secpAny.typeUrl, value: secpAny.value.slice(0, 10) }), 'malformed'],
    ['empty key', Any.fromPartial({ typeUrl: secpAny.typeUrl, value: new Uint8Array() }), 'has 0 bytes, expected 33'],
    ['uncompressed secp256k1', encodeAnyKey(secpAny.typeUrl, new Uint8Array(33).fill(4)), 'must be compressed'],
    ['65-byte secp256k1', encodeAnyKey(secpAny.typeUrl, new Uint8Array(65).fill(4)), 'has 65 bytes'],
    ['33-byte ed25519', encodeAnyKey('/cosmos.crypto.ed25519.PubKey', secpKey.key), 'has 33 bytes, expected 32'],
  ])('rejects %s with sdk/8', (_name, any, detail) => {
    const e = thrown(() => decodePubKey(any));
    expect(sdk.InvalidPubKey.is(e)).toBe(true);
    expect(e.message).toContain(detail);
  });
});

test('a missing public key is sdk/8', () => {
  expect(sdk.InvalidPubKey.is(thrown(() => decodePubKey(undefined)))).toBe(true);
});

// field 1 (key), wire type 2: a PubKey message with arbitrary key bytes.
function encodeAnyKey(typeUrl: string, key: Uint8Array): Any {
  return Any.fromPartial({ typeUrl, value: Uint8Array.of(0x0a, key.length, ...key) });
}
