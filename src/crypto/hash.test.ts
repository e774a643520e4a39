import { createHash } from 'node:crypto';
import { blake3, ripemd160, sha256, sha256Truncated } from './hash';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

describe('hash known answers', () => {
  // FIPS 180-2 appendix B.1; RIPEMD-160 paper (Dobbertin, Bosselaers, Preneel) test "abc";
  // BLAKE3 reference test_vectors.json, input_len 0.
  test.each([
    ['sha256', sha256, '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['sha256', sha256, 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['ripemd160', ripemd160, 'abc', '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc'],
    ['ripemd160', ripemd160, '', '9c1185a5c5e9fc54612808977ee8f548b2258d31'],
    ['blake3', (d: Uint8Array) => blake3(d), '', 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
  ] as const)('%s(%j)', (_name, fn, input, want) => {
    expect(hex(fn(ascii(input)))).toBe(want);
  });

  test('results are plain Uint8Arrays', () => {
    expect(Object.getPrototypeOf(sha256(ascii('x')))).toBe(Uint8Array.prototype);
    expect(sha256Truncated(ascii('x'))).toEqual(sha256(ascii('x')).slice(0, 20));
  });

  test('sha256 matches createHash on subarrays and large inputs', () => {
    const big = new Uint8Array(100_000).map((_, i) => i * 7);
    const view = big.subarray(13, 50_013);
    expect(hex(sha256(view))).toBe(createHash('sha256').update(view).digest('hex'));
  });

  test('blake3 output length', () => {
    expect(blake3(ascii('abc'), 64)).toHaveLength(64);
    expect(hex(blake3(ascii('abc'), 64)).slice(0, 64)).toBe(hex(blake3(ascii('abc'))));
  });
});
