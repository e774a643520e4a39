import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { createPublicKey, verify as cryptoVerify, randomBytes } from 'node:crypto';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import fc from 'fast-check';
import { sha256 } from './hash';
import { canonicalSecp256k1Signature, isHighS, SECP256K1_HALF_N, SECP256K1_N } from './secp256k1_signature';
import { publicKeyOf, sign } from './sign';
import { createOpenSslVerifier, defaultVerifier, nobleVerifier, verifySignature, type SignatureVerifier } from './verify';
import { createWasmVerifier } from './verify_wasm';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const rand = (n: number) => new Uint8Array(randomBytes(n));
const openssl = createOpenSslVerifier({ keyCacheSize: 64 }); // small cache: exercise eviction too
const VERIFIERS: SignatureVerifier[] = [nobleVerifier, openssl, createWasmVerifier(), defaultVerifier];

type Case = { name: string; pub: Uint8Array; msg: Uint8Array; sig: Uint8Array; want: boolean };

/** Every verifier must give `want`; a disagreement would fork the chain. */
function expectAll(algo: 'secp256k1' | 'ed25519', c: Case): void {
  for (const v of VERIFIERS) {
    expect({ verifier: v.name, case: c.name, ok: v[algo](c.pub, c.msg, c.sig) }).toEqual({
      verifier: v.name,
      case: c.name,
      ok: c.want,
    });
  }
}

function bigToBytes(v: bigint, len = 32): Uint8Array {
  return hex(v.toString(16).padStart(len * 2, '0'));
}

describe('secp256k1', () => {
  const priv = hex('c0ffee00000000000000000000000000000000000000000000000000000000aa');
  const pub = publicKeyOf('secp256k1', priv).key;
  const msg = new TextEncoder().encode('hypermesh sign bytes');
  const sig = sign('secp256k1', priv, msg);
  const s = BigInt('0x' + toHex(sig.slice(32)));
  const highS = new Uint8Array([...sig.slice(0, 32), ...bigToBytes(SECP256K1_N - s)]);

  test('a signature produced by cosmjs 0.39 verifies (known answer)', () => {
    // DirectSecp256k1HdWallet.fromMnemonic('abandon x23 art', { prefix: 'hyper' }).signDirect(...)
    // over makeSignDoc(bodyBytes 0a03010203, authInfoBytes 12020405, 'hypermesh-devnet-1', 7).
    const c: Case = {
      name: 'cosmjs',
      pub: hex('02ba66a84cf7839af172a13e7fc9f5e7008cb8bca1585f8f3bafb3039eda3c1fdd'),
      msg: hex('0a050a030102031204120204051a1268797065726d6573682d6465766e65742d312007'),
      sig: hex(
        'e312d7c6d2355d3cba77c138d8a191e66715b80e2767d9be018974046a0cb558' +
          '24fdc0754da7b45fcfe79b27e46dee8b080a9a59da2f11f145d4ebc676833c3c',
      ),
      want: true,
    };
    expectAll('secp256k1', c);
    expectAll('secp256k1', { ...c, name: 'cosmjs, other chain id', msg: c.msg.map((b, i) => (i === 30 ? b ^ 1 : b)), want: false });
  });

  test('our signer gives cosmjs\'s signature byte for byte (RFC 6979 nonces, low-S)', () => {
    const mnemonic = `${'abandon '.repeat(23)}art`;
    const key = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive("m/44'/118'/0'/0/0").privateKey!;
    const signBytes = hex('0a050a030102031204120204051a1268797065726d6573682d6465766e65742d312007');
    expect(toHex(sign('secp256k1', key, signBytes))).toBe(
      'e312d7c6d2355d3cba77c138d8a191e66715b80e2767d9be018974046a0cb558' +
        '24fdc0754da7b45fcfe79b27e46dee8b080a9a59da2f11f145d4ebc676833c3c',
    );
  });

  test.each<[string, () => Case]>([
    ['valid', () => ({ name: 'valid', pub, msg, sig, want: true })],
    ['high-S twin', () => ({ name: 'high-S', pub, msg, sig: highS, want: false })],
    ['wrong key', () => ({ name: 'wrong key', pub: publicKeyOf('secp256k1', rand(32)).key, msg, sig, want: false })],
    ['wrong message', () => ({ name: 'wrong message', pub, msg: msg.slice(1), sig, want: false })],
    ['63-byte signature', () => ({ name: '63', pub, msg, sig: sig.slice(0, 63), want: false })],
    ['65-byte signature', () => ({ name: '65', pub, msg, sig: Uint8Array.of(...sig, 0), want: false })],
    ['DER signature', () => ({ name: 'der', pub, msg, sig: secp256k1.Signature.fromBytes(sig, 'compact').toBytes('der'), want: false })],
    ['all-zero signature', () => ({ name: 'zero', pub, msg, sig: new Uint8Array(64), want: false })],
    ['r = n (zero mod n)', () => ({ name: 'r=n', pub, msg, sig: Uint8Array.of(...bigToBytes(SECP256K1_N), ...sig.slice(32)), want: false })],
    ['all-0xff signature', () => ({ name: 'ff', pub, msg, sig: new Uint8Array(64).fill(0xff), want: false })],
    ['uncompressed key', () => ({ name: 'uncompressed', pub: secp256k1.getPublicKey(priv, false), msg, sig, want: false })],
    ['key with prefix 04', () => ({ name: '04', pub: Uint8Array.of(4, ...pub.slice(1)), msg, sig, want: false })],
    ['key x >= p', () => ({ name: 'x>=p', pub: Uint8Array.of(2, ...new Uint8Array(32).fill(0xff)), msg, sig, want: false })],
    ['key x off the curve', () => ({ name: 'off-curve', pub: offCurveKey(), msg, sig, want: false })],
    ['empty key', () => ({ name: 'empty key', pub: new Uint8Array(), msg, sig, want: false })],
  ])('%s', (_name, make) => expectAll('secp256k1', make()));

  test('the high-S case is a real test: OpenSSL alone accepts it', () => {
    expect(isHighS(highS)).toBe(true);
    expect(canonicalSecp256k1Signature(highS)).toBeUndefined();
    expect(rawOpenSslSecp256k1(pub, msg, highS)).toBe(true);
  });

  test('r and s are read mod n, as the SDK (decred SetByteSlice) does', () => {
    // A key for which (r, s) with r, s < 2^128 is valid, built by public-key recovery: then
    // r + n and s + n still fit in 32 bytes and the SDK accepts those encodings too.
    const { pub: q, msg: m, r, s: sv } = smallRSignature();
    const enc = (rr: bigint, ss: bigint) => Uint8Array.of(...bigToBytes(rr), ...bigToBytes(ss));
    expectAll('secp256k1', { name: 'small r, s', pub: q, msg: m, sig: enc(r, sv), want: true });
    expectAll('secp256k1', { name: 'r + n', pub: q, msg: m, sig: enc(r + SECP256K1_N, sv), want: true });
    expectAll('secp256k1', { name: 's + n', pub: q, msg: m, sig: enc(r, sv + SECP256K1_N), want: true });
    expectAll('secp256k1', { name: 'n - s (high)', pub: q, msg: m, sig: enc(r, SECP256K1_N - sv), want: false });
  });

  test('random keys and messages: valid signatures verify, any one-bit change does not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), fc.nat(), (seed, m, bit) => {
        const k = sha256(seed); // a valid scalar with overwhelming probability
        const p = publicKeyOf('secp256k1', k).key;
        const sg = sign('secp256k1', k, m);
        expectAll('secp256k1', { name: 'random valid', pub: p, msg: m, sig: sg, want: true });
        const flipped = sg.slice();
        flipped[(bit >> 3) % 64]! ^= 1 << (bit & 7);
        const want = nobleVerifier.secp256k1(p, m, flipped); // almost surely false; must agree
        expectAll('secp256k1', { name: 'bit flip', pub: p, msg: m, sig: flipped, want });
      }),
      { numRuns: 150 },
    );
  });

  test('random garbage: all verifiers agree', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 33, maxLength: 33 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (p, sg) => {
        p[0] = 2 + (p[0]! & 1);
        expectAll('secp256k1', { name: 'garbage', pub: p, msg: Uint8Array.of(1), sig: sg, want: false });
      }),
      { numRuns: 150 },
    );
  });

  test('a rejected key is cached as rejected, and still rejected', () => {
    const v = createOpenSslVerifier({ keyCacheSize: 2 });
    const bad = offCurveKey();
    expect(v.secp256k1(bad, msg, sig)).toBe(false);
    expect(v.secp256k1(bad, msg, sig)).toBe(false);
    expect(v.secp256k1(pub, msg, sig)).toBe(true);
  });
});

describe('ed25519 (ZIP-215)', () => {
  const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const msg = new Uint8Array(0);
  const pub = publicKeyOf('ed25519', seed).key;
  const sig = sign('ed25519', seed, msg);
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;

  test('RFC 8032 section 7.1, test 1', () => {
    expect(toHex(pub)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(toHex(sig)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
        '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expectAll('ed25519', { name: 'rfc8032-1', pub, msg, sig, want: true });
  });

  const IDENTITY = '0100000000000000000000000000000000000000000000000000000000000000';
  const ORDER2 = 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'; // y = -1
  const IDENTITY_NONCANONICAL = 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'; // y = p + 1
  const ZERO32 = '00'.repeat(32);
  const sZero = ZERO32;

  test.each<[string, () => Case]>([
    ['wrong key', () => ({ name: 'wrong key', pub: publicKeyOf('ed25519', rand(32)).key, msg, sig, want: false })],
    ['wrong message', () => ({ name: 'wrong msg', pub, msg: Uint8Array.of(0), sig, want: false })],
    ['63-byte signature', () => ({ name: '63', pub, msg, sig: sig.slice(0, 63), want: false })],
    ['31-byte key', () => ({ name: '31', pub: pub.slice(1), msg, sig, want: false })],
    ['S + L (non-canonical S)', () => ({ name: 'S+L', pub, msg, sig: withS(sig, sOf(sig) + L), want: false })],
    ['all-zero signature, honest key', () => ({ name: 'zero sig', pub, msg, sig: new Uint8Array(64), want: false })],
    ['key not on the curve', () => ({ name: 'off-curve', pub: hex('02' + '00'.repeat(31)), msg, sig, want: false })],
    // Small-order key and R with S = 0 satisfy the cofactored equation for every message.
    ['identity key, identity R, S = 0', () => ({ name: 'id/id', pub: hex(IDENTITY), msg, sig: hex(IDENTITY + sZero), want: true })],
    ['identity key, order-2 R, S = 0', () => ({ name: 'id/ord2', pub: hex(IDENTITY), msg, sig: hex(ORDER2 + sZero), want: true })],
    ['non-canonical identity key', () => ({ name: 'nc key', pub: hex(IDENTITY_NONCANONICAL), msg, sig: hex(IDENTITY + sZero), want: true })],
    ['non-canonical identity R', () => ({ name: 'nc R', pub: hex(IDENTITY), msg, sig: hex(IDENTITY_NONCANONICAL + sZero), want: true })],
    ['all-zero key and signature (order-4 points)', () => ({ name: 'zeros', pub: new Uint8Array(32), msg, sig: new Uint8Array(64), want: true })],
  ])('%s', (_name, make) => expectAll('ed25519', make()));

  test('signatures valid only up to a torsion component: ZIP-215 accepts, OpenSSL alone does not', () => {
    const T = ed25519.Point.fromBytes(hex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'));
    expect(T.isSmallOrder() && !T.is0()).toBe(true);
    let opensslRejected = 0;
    for (let i = 0; i < 16; i++) {
      const c = torsionSignature(T, L, i);
      expectAll('ed25519', { name: `torsion ${i}`, ...c, want: true });
      if (!rawOpenSslEd25519(c.pub, c.msg, c.sig)) opensslRejected++;
    }
    // k is a multiple of 8 (torsion cancels) about 1 time in 8; the rest need the fallback.
    expect(opensslRejected).toBeGreaterThan(8);
  });

  test('random keys and messages: valid signatures verify, any one-bit change agrees', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), fc.nat(), (sd, m, bit) => {
        const p = publicKeyOf('ed25519', sd).key;
        const sg = sign('ed25519', sd, m);
        expectAll('ed25519', { name: 'random valid', pub: p, msg: m, sig: sg, want: true });
        const flipped = sg.slice();
        flipped[(bit >> 3) % 64]! ^= 1 << (bit & 7);
        expectAll('ed25519', { name: 'bit flip', pub: p, msg: m, sig: flipped, want: nobleVerifier.ed25519(p, m, flipped) });
      }),
      { numRuns: 100 },
    );
  });

  test('random garbage: all verifiers agree', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (p, sg) => {
        expectAll('ed25519', { name: 'garbage', pub: p, msg, sig: sg, want: nobleVerifier.ed25519(p, msg, sg) });
      }),
      { numRuns: 100 },
    );
  });
});

describe('verifySignature', () => {
  test('dispatches on the key algorithm', () => {
    const sk = new Uint8Array(32).fill(3);
    const m = Uint8Array.of(1, 2, 3);
    for (const algo of ['secp256k1', 'ed25519'] as const) {
      const pk = publicKeyOf(algo, sk);
      expect(verifySignature(pk, m, sign(algo, sk, m))).toBe(true);
      expect(verifySignature(pk, m, sign(algo, sk, Uint8Array.of(9)))).toBe(false);
    }
    expect(verifySignature({ algo: 'sr25519' as never, key: new Uint8Array(32) }, m, new Uint8Array(64))).toBe(false);
  });
});

// ---- helpers ----

function offCurveKey(): Uint8Array {
  for (let x = 1; ; x++) {
    const cand = Uint8Array.of(2, ...bigToBytes(BigInt(x)));
    try {
      secp256k1.Point.fromBytes(cand);
    } catch {
      return cand; // x^3 + 7 is not a square: no point has this x
    }
  }
}

function rawOpenSslSecp256k1(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.concat([hex('3036301006072a8648ce3d020106052b8104000a032200'), pub]), format: 'der', type: 'spki' });
  return cryptoVerify('sha256', msg, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

function rawOpenSslEd25519(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.concat([hex('302a300506032b6570032100'), pub]), format: 'der', type: 'spki' });
    return cryptoVerify(null, msg, key, sig);
  } catch {
    return false;
  }
}

/** ECDSA signature with small r and s, for a key recovered from them: Q = r^-1 (sR - zG). */
function smallRSignature(): { pub: Uint8Array; msg: Uint8Array; r: bigint; s: bigint } {
  const { Point } = secp256k1;
  const n = SECP256K1_N;
  const inv = (a: bigint) => {
    let [t, newT, r, newR] = [0n, 1n, n, ((a % n) + n) % n];
    while (newR !== 0n) {
      const q = r / newR;
      [t, newT] = [newT, t - q * newT];
      [r, newR] = [newR, r - q * newR];
    }
    return ((t % n) + n) % n;
  };
  for (let x = 1n; ; x++) {
    let R;
    try {
      R = Point.fromBytes(Uint8Array.of(2, ...bigToBytes(x)));
    } catch {
      continue;
    }
    const msg = new TextEncoder().encode('small r');
    const z = BigInt('0x' + toHex(sha256(msg))) % n;
    const s = 12345n; // low, and s + n < 2^256
    const u = (s * inv(x)) % n;
    const v = (n - ((z * inv(x)) % n)) % n;
    const Q = R.multiply(u).add(Point.BASE.multiply(v));
    expect(s <= SECP256K1_HALF_N).toBe(true);
    return { pub: Q.toBytes(true), msg, r: x, s };
  }
}

function sOf(sig: Uint8Array): bigint {
  return BigInt('0x' + Buffer.from(sig.slice(32)).reverse().toString('hex'));
}

function withS(sig: Uint8Array, s: bigint): Uint8Array {
  return Uint8Array.of(...sig.slice(0, 32), ...bigToBytes(s).reverse());
}

/** A' = aB + T, R = rB, S = r + k a: valid under the cofactored equation, not (unless 8 | k) cofactorless. */
function torsionSignature(T: InstanceType<typeof ed25519.Point>, L: bigint, i: number) {
  const { Point } = ed25519;
  const a = (BigInt('0x' + toHex(sha256(Uint8Array.of(1, i)))) % (L - 1n)) + 1n;
  const r = (BigInt('0x' + toHex(sha256(Uint8Array.of(2, i)))) % (L - 1n)) + 1n;
  const pub = Point.BASE.multiply(a).add(T).toBytes();
  const R = Point.BASE.multiply(r).toBytes();
  const msg = Uint8Array.of(i);
  const k = BigInt('0x' + Buffer.from(sha512(Uint8Array.of(...R, ...pub, ...msg))).reverse().toString('hex')) % L;
  const s = (r + k * a) % L;
  return { pub, msg, sig: Uint8Array.of(...R, ...bigToBytes(s).reverse()) };
}
