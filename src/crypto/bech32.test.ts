/**
 * Vectors copied verbatim from BIP-173, "Test vectors"
 * (https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki).
 */
import { Bech32Error, convertBits, decode, decodeWords, encode, encodeWords } from './bech32';

const VALID: string[] = [
  'A12UEL5L',
  'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
  '?1ezyfcl',
];

const INVALID: Array<[string, string]> = [
  ['\x201nwldj5', 'HRP character out of range'],
  ['\x7f' + '1axkwrx', 'HRP character out of range'],
  ['\x80' + '1eym55h', 'HRP character out of range'],
  ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'overall max length exceeded'],
  ['pzry9x0s0muk', 'No separator character'],
  ['1pzry9x0s0muk', 'Empty HRP'],
  ['x1b4n0q5v', 'Invalid data character'],
  ['li1dgmt3', 'Too short checksum'],
  ['de1lg7wt' + '\xff', 'Invalid character in checksum'],
  ['A1G7SGD8', 'checksum calculated with uppercase form of HRP'],
  ['10a06t8', 'empty HRP'],
  ['1qzzfhee', 'empty HRP'],
];

describe('BIP-173 vectors', () => {
  test.each(VALID)('round-trips %s', (s) => {
    const { prefix, words } = decodeWords(s);
    expect(encodeWords(prefix, words)).toBe(s.toLowerCase());
  });

  test.each(INVALID)('rejects %j (%s)', (s) => {
    expect(() => decodeWords(s)).toThrow(Bech32Error);
  });

  test('corrupting any character of a valid string breaks the checksum', () => {
    const s = 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw';
    for (let i = 7; i < s.length; i++) {
      const swapped = s.slice(0, i) + (s[i] === 'q' ? 'p' : 'q') + s.slice(i + 1);
      expect(() => decodeWords(swapped)).toThrow('invalid checksum');
    }
  });

  test('reasons are specific', () => {
    expect(() => decodeWords('A12uEL5L')).toThrow('mixed upper and lower case');
    expect(() => decodeWords('pzry9x0s0muk')).toThrow('missing separator');
    expect(() => decodeWords('x1b4n0q5v')).toThrow('invalid data character "b"');
  });
});

describe('bytes', () => {
  test('encode/decode round trip for every length up to 64', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const s = encode('hyper', bytes);
      expect(decode(s)).toEqual({ prefix: 'hyper', bytes });
    }
  });

  test('non-zero padding bits are rejected', () => {
    // 2 words = 10 bits: 8 bits of data and 2 padding bits that must be zero.
    expect(() => convertBits([0, 1], 5, 8, false)).toThrow('invalid padding');
    expect(convertBits([0, 0], 5, 8, false)).toEqual(Uint8Array.of(0));
  });

  test('encode refuses upper-case prefixes and over-long strings', () => {
    expect(() => encode('Hyper', new Uint8Array(20))).toThrow('lower case');
    expect(() => encodeWords('a', new Array(90).fill(0))).toThrow('exceeds limit 90');
  });
});
