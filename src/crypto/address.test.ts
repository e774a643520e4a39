import { fromBech32, toBech32 } from '@cosmjs/encoding';
import { sdk } from '../types/errors';
import {
  accountAddresses,
  addressCodec,
  consensusAddresses,
  consensusAddressOf,
  convertAddress,
  validatorAddresses,
} from './address';
import { encode } from './bech32';

const cosmos = addressCodec('cosmos');
const bytes20 = Uint8Array.from({ length: 20 }, (_, i) => i + 1);

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('address codecs', () => {
  test('round trip, and byte-equal to cosmjs', () => {
    for (const codec of [accountAddresses, validatorAddresses, consensusAddresses]) {
      const s = codec.encode(bytes20);
      expect(s.startsWith(codec.prefix + '1')).toBe(true);
      expect(s).toBe(toBech32(codec.prefix, bytes20));
      expect(codec.decode(s)).toEqual(bytes20);
      // cosmjs 0.39's default limit (Infinity) is refused by @scure/base 2.4: pass one.
      expect(fromBech32(s, 1023).data).toEqual(bytes20);
    }
    const b32 = new Uint8Array(32).fill(7);
    expect(accountAddresses.decode(accountAddresses.encode(b32))).toEqual(b32);
  });

  test('upper-case addresses decode (BIP-173 allows them); encoding is lower case', () => {
    const s = accountAddresses.encode(bytes20);
    expect(accountAddresses.decode(s.toUpperCase())).toEqual(bytes20);
  });

  test('valoper conversion keeps the bytes', () => {
    const acc = accountAddresses.encode(bytes20);
    const valoper = convertAddress(acc, accountAddresses, validatorAddresses);
    expect(valoper.startsWith('hypervaloper1')).toBe(true);
    expect(validatorAddresses.decode(valoper)).toEqual(bytes20);
  });

  const good = accountAddresses.encode(bytes20);
  const badChecksum = good.slice(0, -1) + (good.endsWith('q') ? 'p' : 'q');
  test.each([
    ['empty', '', 'empty address'],
    ['bad checksum', badChecksum, 'invalid checksum'],
    ['wrong prefix', cosmos.encode(bytes20), 'wrong prefix: expected hyper, got cosmos'],
    ['valoper given as account', validatorAddresses.encode(bytes20), 'expected hyper, got hypervaloper'],
    ['19 bytes', encode('hyper', new Uint8Array(19)), 'has 19 bytes, expected 20 or 32'],
    ['no separator', 'hyperqqqq', 'missing separator'],
    ['mixed case', good.slice(0, 10) + good.slice(10).toUpperCase(), 'mixed upper and lower case'],
    ['garbage', 'not an address at all', 'invalid character'],
  ])('rejects %s with sdk/7', (_name, input, detail) => {
    const e = thrown(() => accountAddresses.decode(input));
    expect(sdk.InvalidAddress.is(e)).toBe(true);
    expect(e.message).toContain(detail);
    expect(accountAddresses.isValid(input)).toBe(false);
  });

  test('non-string input is sdk/7, not a TypeError', () => {
    expect(sdk.InvalidAddress.is(thrown(() => accountAddresses.decode(undefined as unknown as string)))).toBe(true);
  });

  test('consensus addresses are 20 bytes only', () => {
    expect(sdk.InvalidAddress.is(thrown(() => consensusAddresses.encode(new Uint8Array(32))))).toBe(true);
  });

  test('encode refuses a wrong length', () => {
    expect(sdk.InvalidAddress.is(thrown(() => accountAddresses.encode(new Uint8Array(21))))).toBe(true);
  });
});

describe('consensus address', () => {
  test('is SHA-256(pubkey)[:20], as CometBFT', () => {
    // CometBFT crypto/ed25519 `PubKey.Address()` = tmhash.SumTruncated(pubkey).
    const pub = Buffer.from('b7a3c12dc0c8c748ab07525b701122b88bd78f600c76342d27f25e5f92444cde', 'hex');
    const addr = consensusAddressOf(new Uint8Array(pub));
    expect(Buffer.from(addr).toString('hex')).toBe(
      require('node:crypto').createHash('sha256').update(pub).digest('hex').slice(0, 40),
    );
    expect(sdk.InvalidPubKey.is(thrown(() => consensusAddressOf(new Uint8Array(33))))).toBe(true);
  });
});
