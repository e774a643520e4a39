import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sdk } from '../../types/errors';
import { convertAddress, accountAddresses, addressCodec, validatorAddresses } from '../address';
import { addressOf } from '../pubkey';
import { publicKeyOf } from '../sign';
import { keyringErrors } from './errors';
import { openKeyring, type Keyring, type KeyringBackend, type PassphraseRequest } from './keyring';

const FAST = { N: 1024, r: 8, p: 1 }; // tests only: real keyrings use N = 2^16
const PASS = 'keyring passphrase';
const ART = `${'abandon '.repeat(23)}art`;
const ART_ADDRESS = 'hyper1r5v5srda7xfth3hn2s26txvrcrntldjucyukcm'; // cosmjs 0.39, see derive.test.ts

let home: string;
beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'hm-keyring-'));
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

function open(backend: KeyringBackend, passphrase = PASS, requests: PassphraseRequest[] = [], dir = home): Promise<Keyring> {
  return openKeyring({
    dir,
    backend,
    scrypt: FAST,
    passphrase: async (r) => {
      requests.push(r);
      return passphrase;
    },
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

// The same contract for both backends, as the SDK's keyring tests run one suite per backend.
describe.each<KeyringBackend>(['file', 'test'])('backend %s', (backend) => {
  test('add generates a 24-word mnemonic; get/list/has see the key; a reopened keyring too', async () => {
    const kr = await open(backend);
    const added = await kr.add('alice');
    expect(added.mnemonic.split(' ')).toHaveLength(24);
    expect(added.algo).toBe('secp256k1');
    expect(added.hdPath).toBe("m/44'/118'/0'/0/0");
    expect(added.address).toBe(addressOf({ algo: 'secp256k1', key: added.pubkey }));
    expect(kr.dir).toBe(path.join(home, `keyring-${backend}`));

    const again = await open(backend);
    const { mnemonic: _m, ...info } = added;
    expect(await again.get('alice')).toEqual(info);
    expect(await again.list()).toEqual([info]);
    expect(await again.has('alice')).toBe(true);
    expect(await again.has('bob')).toBe(false);
    expect(await again.getByAddress(added.address)).toEqual(info);
    // the valoper form of the same bytes finds it too
    expect((await again.getByAddress(convertAddress(added.address, accountAddresses, validatorAddresses))).name).toBe('alice');
  });

  test('recovering a mnemonic gives the cosmjs address; ed25519 keys work too', async () => {
    const kr = await open(backend);
    const k = await kr.add('art', { mnemonic: ART.toUpperCase() });
    expect(k.address).toBe(ART_ADDRESS);
    expect(k.mnemonic).toBe(ART);
    const ed = await kr.add('ed', { mnemonic: ART, algo: 'ed25519' });
    expect(ed.pubkey).toHaveLength(32);
    expect(ed.hdPath).toBe("m/44'/118'/0'/0'/0'");
    const second = await kr.add('art2', { mnemonic: ART, index: 1 });
    expect(second.hdPath).toBe("m/44'/118'/0'/0/1");
    expect((await kr.list()).map((i) => i.name)).toEqual(['art', 'art2', 'ed']);
  });

  test('key files are 0600 in a 0700 directory', async () => {
    const kr = await open(backend);
    await kr.add('alice');
    expect((await fs.stat(kr.dir)).mode & 0o777).toBe(0o700);
    expect((await fs.stat(path.join(kr.dir, 'alice.json'))).mode & 0o777).toBe(0o600);
    const leftovers = (await fs.readdir(kr.dir)).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  test('the private key is plaintext only in the test backend', async () => {
    const kr = await open(backend);
    await kr.add('art', { mnemonic: ART });
    const secret = Buffer.from(await kr.exportPrivateKey('art'));
    const file = await fs.readFile(path.join(kr.dir, 'art.json'), 'utf8');
    const doc = JSON.parse(file);
    expect(doc.version).toBe(1);
    expect(doc.address).toBe(ART_ADDRESS);
    expect(doc.private_key.encoding).toBe(backend === 'test' ? 'plaintext' : 'encrypted');
    expect(file.includes(secret.toString('base64'))).toBe(backend === 'test');
    expect(file.includes(secret.toString('hex'))).toBe(false);
    expect(publicKeyOf('secp256k1', secret).key).toEqual((await kr.get('art')).pubkey);
  });

  test('duplicate names and addresses are refused, naming the key and the directory', async () => {
    const kr = await open(backend);
    await kr.add('alice', { mnemonic: ART });
    const dupName = await rejection(kr.add('alice'));
    expect(keyringErrors.DuplicateName.is(dupName)).toBe(true);
    expect(dupName.message).toContain(`key 'alice' already exists in keyring ${kr.dir}`);
    const dupAddr = await rejection(kr.add('alice2', { mnemonic: ART }));
    expect(keyringErrors.DuplicateAddress.is(dupAddr)).toBe(true);
    expect(dupAddr.message).toContain("key 'alice'");
    expect(await kr.has('alice2')).toBe(false);
  });

  test('unknown names are sdk/22, naming the key and the directory', async () => {
    const kr = await open(backend);
    for (const op of [kr.get('bob'), kr.delete('bob'), kr.signer('bob'), kr.exportArmor('bob', 'export passphrase')]) {
      const e = await rejection(op);
      expect(sdk.KeyNotFound.is(e)).toBe(true);
      expect(e.message).toContain(`key 'bob' not found in keyring ${kr.dir}`);
    }
    expect(sdk.KeyNotFound.is(await rejection(kr.getByAddress(ART_ADDRESS)))).toBe(true);
    expect(sdk.InvalidAddress.is(await rejection(kr.getByAddress('nonsense')))).toBe(true);
  });

  test.each(['', 'a b', 'a/b', '../x', 'é', 'x'.repeat(65), '.hidden'])('invalid name %j is keyring/2', async (name) => {
    const kr = await open(backend);
    expect(keyringErrors.InvalidName.is(await rejection(kr.add(name)))).toBe(true);
    expect(keyringErrors.InvalidName.is(await rejection(kr.get(name)))).toBe(true);
  });

  test('delete removes the key and frees its name and address', async () => {
    const kr = await open(backend);
    await kr.add('alice', { mnemonic: ART });
    await kr.delete('alice');
    expect(await kr.list()).toEqual([]);
    expect((await kr.add('alice', { mnemonic: ART })).address).toBe(ART_ADDRESS);
  });

  test('armor export and import round trip, into either backend', async () => {
    const kr = await open(backend);
    const orig = await kr.add('alice', { algo: 'ed25519' });
    const armor = await kr.exportArmor('alice', 'export passphrase');
    expect(armor).toMatch(/^-----BEGIN HYPERMESH PRIVATE KEY-----\nkdf: scrypt\n/);
    expect(armor).toContain('\ntype: ed25519\n');
    for (const target of ['file', 'test'] as const) {
      const other = await open(target, 'another passphrase', [], path.join(home, 'elsewhere'));
      const imported = await other.importArmor(`copy-${backend}`, armor, 'export passphrase');
      expect(imported).toEqual({ name: `copy-${backend}`, algo: 'ed25519', address: orig.address, pubkey: orig.pubkey });
      await other.delete(`copy-${backend}`);
    }
    const wrong = await rejection(kr.importArmor('bob', armor, 'not the passphrase'));
    expect(sdk.WrongPassword.is(wrong)).toBe(true);
    expect(wrong.message).toContain('wrong passphrase for armored key');
    // the same key under a second name is refused (one key, one name)
    expect(keyringErrors.DuplicateAddress.is(await rejection(kr.importArmor('bob', armor, 'export passphrase')))).toBe(true);
    expect(keyringErrors.WeakPassphrase.is(await rejection(kr.exportArmor('alice', 'short')))).toBe(true);
    expect(keyringErrors.InvalidArmor.is(await rejection(kr.importArmor('bob', 'not armor', 'export passphrase')))).toBe(true);
  });

  test('changing the armor type header is detected', async () => {
    const kr = await open(backend);
    await kr.add('alice');
    const armor = await kr.exportArmor('alice', 'export passphrase');
    const forged = armor.replace('type: secp256k1', 'type: ed25519');
    expect(sdk.WrongPassword.is(await rejection(kr.importArmor('bob', forged, 'export passphrase')))).toBe(true);
  });

  test('importPrivateKey and exportPrivateKey', async () => {
    const kr = await open(backend);
    const key = new Uint8Array(32).fill(7);
    const info = await kr.importPrivateKey('raw', 'secp256k1', key);
    expect(info.hdPath).toBeUndefined();
    expect(await kr.exportPrivateKey('raw')).toEqual(key);
    expect(keyringErrors.InvalidPrivateKey.is(await rejection(kr.importPrivateKey('zero', 'secp256k1', new Uint8Array(32))))).toBe(true);
    expect(keyringErrors.UnsupportedAlgo.is(await rejection(kr.importPrivateKey('x', 'sr25519' as never, key)))).toBe(true);
  });

  test('another address prefix is a view of the same keys', async () => {
    await (await open(backend)).add('art', { mnemonic: ART });
    const cosmosView = await openKeyring({ dir: home, backend, addressPrefix: 'cosmos', passphrase: async () => PASS });
    const info = await cosmosView.get('art');
    expect(addressCodec('cosmos').decode(info.address)).toEqual(accountAddresses.decode(ART_ADDRESS));
  });

  test('a corrupt key file is keyring/9 naming the file; list skips foreign files', async () => {
    const kr = await open(backend);
    await kr.add('alice');
    await fs.writeFile(path.join(kr.dir, 'README.txt'), 'not a key');
    expect((await kr.list()).map((k) => k.name)).toEqual(['alice']);
    await fs.writeFile(path.join(kr.dir, 'broken.json'), '{"version": 1, "name": "broken"');
    const e = await rejection(kr.get('broken'));
    expect(keyringErrors.CorruptKeyFile.is(e)).toBe(true);
    expect(e.message).toContain(path.join(kr.dir, 'broken.json'));
  });
});

describe('file backend passphrase', () => {
  test('asked once as "new" for the first key, then kept in memory', async () => {
    const requests: PassphraseRequest[] = [];
    const kr = await open('file', PASS, requests);
    await kr.add('a');
    await kr.add('b');
    await kr.exportPrivateKey('a');
    expect(requests.map((r) => r.reason)).toEqual(['new']);
    expect((await fs.stat(path.join(kr.dir, 'keyhash'))).mode & 0o777).toBe(0o600);
  });

  test('a reopened keyring asks "unlock" for the key it decrypts', async () => {
    await (await open('file')).add('alice');
    const requests: PassphraseRequest[] = [];
    const kr = await open('file', PASS, requests);
    await kr.exportPrivateKey('alice');
    expect(requests).toEqual([{ reason: 'unlock', dir: kr.dir, keyName: 'alice' }]);
  });

  test("wrong passphrase: sdk/23 \"wrong passphrase for key 'NAME'\", and nothing cached", async () => {
    await (await open('file')).add('alice');
    const kr = await open('file', 'not the passphrase');
    for (const attempt of [kr.exportPrivateKey('alice'), kr.exportArmor('alice', 'export passphrase')]) {
      const e = await rejection(attempt);
      expect(sdk.WrongPassword.is(e)).toBe(true);
      expect(e.message).toBe("wrong passphrase for key 'alice': invalid account password");
    }
    const signer = await kr.signer('alice');
    const [acc] = await signer.getAccounts(); // public: needs no passphrase
    expect(sdk.WrongPassword.is(await rejection(signer.signAmino(acc!.address, anyAminoDoc())))).toBe(true);
  });

  test('a wrong passphrase cannot add a key to an existing keyring (keyhash)', async () => {
    await (await open('file')).add('alice');
    const kr = await open('file', 'not the passphrase');
    const e = await rejection(kr.add('bob'));
    expect(sdk.WrongPassword.is(e)).toBe(true);
    expect(e.message).toContain(`wrong passphrase for keyring ${kr.dir}`);
    expect(await kr.has('bob')).toBe(false);
  });

  test('a new keyring passphrase must have 8 characters', async () => {
    const kr = await open('file', 'short');
    expect(keyringErrors.WeakPassphrase.is(await rejection(kr.add('alice')))).toBe(true);
  });

  test('without a passphrase callback the file backend refuses to write or decrypt', async () => {
    const kr = await openKeyring({ dir: home, backend: 'file', scrypt: FAST });
    expect(keyringErrors.PassphraseRequired.is(await rejection(kr.add('alice')))).toBe(true);
  });

  test('lock() forgets the passphrase', async () => {
    const requests: PassphraseRequest[] = [];
    const kr = await open('file', PASS, requests);
    await kr.add('alice');
    kr.lock();
    await kr.exportPrivateKey('alice');
    expect(requests.map((r) => r.reason)).toEqual(['new', 'unlock']);
  });

  test('a ciphertext moved into another key file does not decrypt', async () => {
    const kr = await open('file');
    await kr.add('alice');
    await kr.add('bob');
    const alice = JSON.parse(await fs.readFile(path.join(kr.dir, 'alice.json'), 'utf8'));
    const bobFile = path.join(kr.dir, 'bob.json');
    const bob = JSON.parse(await fs.readFile(bobFile, 'utf8'));
    await fs.writeFile(bobFile, JSON.stringify({ ...bob, private_key: alice.private_key }));
    expect(sdk.WrongPassword.is(await rejection(kr.exportPrivateKey('bob')))).toBe(true);
  });

  test('a test-backend key whose private key does not match its public key is keyring/9', async () => {
    const kr = await open('test');
    await kr.add('alice');
    const file = path.join(kr.dir, 'alice.json');
    const doc = JSON.parse(await fs.readFile(file, 'utf8'));
    doc.private_key.key = Buffer.alloc(32, 9).toString('base64');
    await fs.writeFile(file, JSON.stringify(doc));
    expect(keyringErrors.CorruptKeyFile.is(await rejection(kr.exportPrivateKey('alice')))).toBe(true);
  });
});

test('unknown backends are keyring/13', async () => {
  expect(keyringErrors.UnsupportedBackend.is(await rejection(openKeyring({ dir: home, backend: 'os' as never })))).toBe(true);
});

function anyAminoDoc() {
  return {
    chain_id: 'hypermesh-devnet-1',
    account_number: '0',
    sequence: '0',
    fee: { amount: [], gas: '200000' },
    msgs: [],
    memo: '',
  };
}
