import { Slip10, Slip10Curve, stringToPath } from '@cosmjs/crypto';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { makeCosmoshubPath } from '@cosmjs/amino';
import fc from 'fast-check';
import { addressOf } from '../pubkey';
import { publicKeyOf } from '../sign';
import { derivePrivateKey } from './derive';
import { keyringErrors } from './errors';
import { defaultHdPath, formatHdPath, HARDENED, parseHdPath } from './hd_path';
import { generateMnemonic, mnemonicToSeed } from './mnemonic';
import { slip10Ed25519 } from './slip10';

const ART = `${'abandon '.repeat(23)}art`;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('secp256k1 (BIP-32, m/44\'/118\'/0\'/0/0)', () => {
  test('known answer: the address cosmjs 0.39 gives for this mnemonic', () => {
    const key = derivePrivateKey('secp256k1', mnemonicToSeed(ART), defaultHdPath('secp256k1'));
    expect(addressOf(publicKeyOf('secp256k1', key))).toBe('hyper1r5v5srda7xfth3hn2s26txvrcrntldjucyukcm');
  });

  test('same address as cosmjs DirectSecp256k1HdWallet for random mnemonics and accounts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(12, 24), fc.nat({ max: 3 }), async (words, account) => {
        const mnemonic = generateMnemonic(words as 12 | 24);
        const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: 'hyper', hdPaths: [makeCosmoshubPath(account)] });
        const [acc] = await wallet.getAccounts();
        const key = derivePrivateKey('secp256k1', mnemonicToSeed(mnemonic), defaultHdPath('secp256k1', 0, account));
        expect(addressOf(publicKeyOf('secp256k1', key))).toBe(acc!.address);
      }),
      { numRuns: 4 },
    );
  });
});

describe('ed25519 (SLIP-10, every level hardened)', () => {
  // SLIP-0010 "Test vector 1 for ed25519" (https://github.com/satoshilabs/slips/blob/master/slip-0010.md).
  const seed = new Uint8Array(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
  test.each([
    ["m", '90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb', '2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7', 'a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed'],
    ["m/0'", '8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69', '68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3', '8c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c'],
    ["m/0'/1'", 'a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14', 'b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2', '1932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187'],
    ["m/0'/1'/2'", undefined, '92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9', undefined],
    ["m/0'/1'/2'/2'", undefined, '30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662', undefined],
    ["m/0'/1'/2'/2'/1000000000'", undefined, '8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793', undefined],
  ])('%s', (path, chainCode, priv, pub) => {
    const node = slip10Ed25519(seed, parseHdPath(path));
    expect(hex(node.privateKey)).toBe(priv);
    if (chainCode) expect(hex(node.chainCode)).toBe(chainCode);
    if (pub) expect(hex(publicKeyOf('ed25519', node.privateKey).key)).toBe(pub);
  });

  test('equal to cosmjs Slip10 ed25519 at the default path', () => {
    const s = mnemonicToSeed(ART);
    const path = defaultHdPath('ed25519');
    expect(path).toBe("m/44'/118'/0'/0'/0'");
    const theirs = Slip10.derivePath(Slip10Curve.Ed25519, s, stringToPath(path)).privkey;
    expect(derivePrivateKey('ed25519', s, path)).toEqual(theirs);
  });

  test('a non-hardened level is refused with keyring/6', () => {
    expect(() => derivePrivateKey('ed25519', seed, "m/44'/118'/0'/0/0")).toThrow(/hardened/);
    try {
      derivePrivateKey('ed25519', seed, "m/44'/118'/0'/0/0");
    } catch (e) {
      expect(keyringErrors.InvalidHdPath.is(e)).toBe(true);
    }
  });
});

describe('HD paths', () => {
  test('parse and format', () => {
    expect(parseHdPath("m/44'/118'/0'/0/7")).toEqual([44 + HARDENED, 118 + HARDENED, HARDENED, 0, 7]);
    expect(formatHdPath(parseHdPath("m/44h/118H/0'/0/7"))).toBe("m/44'/118'/0'/0/7");
    expect(defaultHdPath('secp256k1', 2, 5)).toBe("m/44'/118'/2'/0/5");
  });

  test.each(["", "44'/118'", "m/x", "m/2147483648", "m/-1", "m/1''"])('rejects %j', (p) => {
    expect(() => parseHdPath(p)).toThrow();
  });

  test('account and index must fit in 31 bits', () => {
    expect(() => defaultHdPath('secp256k1', HARDENED)).toThrow();
    expect(() => defaultHdPath('secp256k1', 0, -1)).toThrow();
  });
});
