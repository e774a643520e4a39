import { sdk } from '../../types/errors';
import { checkScryptParams, open, seal } from './encryption';
import { keyringErrors } from './errors';

const FAST = { N: 1024, r: 8, p: 1 };
const aad = new TextEncoder().encode('context');
const secret = Uint8Array.from({ length: 32 }, (_, i) => i);

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('scrypt + XChaCha20-Poly1305', () => {
  test('round trip; fresh salt and nonce each time', async () => {
    const a = await seal(secret, 'correct horse', aad, FAST);
    const b = await seal(secret, 'correct horse', aad, FAST);
    expect(a.salt).not.toEqual(b.salt);
    expect(a.nonce).toHaveLength(24);
    expect(a.ciphertext).toHaveLength(48);
    expect(await open(a, 'correct horse', aad, 'test')).toEqual(secret);
  });

  test('Unicode passphrases are NFC-normalized', async () => {
    const sealed = await seal(secret, 'caf\u00e9-passphrase', aad, FAST);
    expect(await open(sealed, 'cafe\u0301-passphrase', aad, 'test')).toEqual(secret);
  });

  test('wrong passphrase, other context or altered ciphertext: sdk/23', async () => {
    const sealed = await seal(secret, 'correct horse', aad, FAST);
    const wrong = await rejection(open(sealed, 'wrong horse', aad, "key 'alice'"));
    expect(sdk.WrongPassword.is(wrong)).toBe(true);
    expect(wrong.message).toBe("wrong passphrase for key 'alice': invalid account password");
    expect(sdk.WrongPassword.is(await rejection(open(sealed, 'correct horse', new Uint8Array(), 'x')))).toBe(true);
    const altered = { ...sealed, ciphertext: sealed.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(sdk.WrongPassword.is(await rejection(open(altered, 'correct horse', aad, 'x')))).toBe(true);
  });

  test.each([
    { N: 1000, r: 8, p: 1 },
    { N: 512, r: 8, p: 1 },
    { N: 2 ** 21, r: 8, p: 1 },
    { N: 2 ** 20, r: 16, p: 1 },
    { N: 1024, r: 0, p: 1 },
    { N: 1024, r: 8, p: 100 },
  ])('refuses scrypt parameters %j (a crafted file must not exhaust memory)', async (params) => {
    expect(() => checkScryptParams(params)).toThrow();
    const sealed = { ...(await seal(secret, 'pw', aad, FAST)), ...params };
    expect(keyringErrors.CorruptKeyFile.is(await rejection(open(sealed, 'pw', aad, 'x')))).toBe(true);
  });
});
