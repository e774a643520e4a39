import { keyringErrors } from './errors';
import { checkMnemonic, generateMnemonic, mnemonicToSeed, normalizeMnemonic } from './mnemonic';

const ABOUT = `${'abandon '.repeat(11)}about`;

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('mnemonics', () => {
  test('BIP-39 reference vector (trezor/python-mnemonic vectors.json, passphrase "TREZOR")', () => {
    expect(Buffer.from(mnemonicToSeed(ABOUT, 'TREZOR')).toString('hex')).toBe(
      'c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04',
    );
  });

  test('24 words by default, 12 on request, each valid and different', () => {
    const a = generateMnemonic();
    expect(a.split(' ')).toHaveLength(24);
    expect(checkMnemonic(a)).toBe(a);
    expect(generateMnemonic(12).split(' ')).toHaveLength(12);
    expect(generateMnemonic()).not.toBe(a);
  });

  test('normalization: case and whitespace do not change the seed', () => {
    const messy = `  ${ABOUT.toUpperCase().split(' ').join(' \t\n ')}  `;
    expect(normalizeMnemonic(messy)).toBe(ABOUT);
    expect(mnemonicToSeed(messy)).toEqual(mnemonicToSeed(ABOUT));
  });

  test.each([
    ['empty', '', 'has 0 words'],
    ['11 words', `${'abandon '.repeat(10)}about`, 'has 11 words'],
    ['unknown word', ABOUT.replace('about', 'aboot'), 'word 12 ("aboot") is not in the BIP-39 English word list'],
    ['bad checksum', `${'abandon '.repeat(11)}abandon`, 'checksum'],
  ])('rejects %s with keyring/5', (_name, m, detail) => {
    const e = thrown(() => checkMnemonic(m));
    expect(keyringErrors.InvalidMnemonic.is(e)).toBe(true);
    expect(e.message).toContain(detail);
  });
});
