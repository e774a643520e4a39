/**
 * The CLI in process, with its own streams: keys commands on both backends (passphrases read
 * from a non-terminal stdin, one line per prompt), output formats, and that every error —
 * commander's usage errors included — is one line on stderr with exit code 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { main } from './main';

jest.setTimeout(60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], stdinText?: string): Promise<Run> {
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.on('data', (d) => (stdout += String(d)));
  err.on('data', (d) => (stderr += String(d)));
  const code = await main(args, { stdin, stdout: out, stderr: err });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}

function expectOneLineError(r: Run, message: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(/^Error: /);
  expect(r.stderr).not.toMatch(/\s+at .+:\d+:\d+/); // no stack trace
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-cli-'));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const ADDRESS_OF_MNEMONIC = 'hyper19rl4cm2hmr8afy4kldpxz3fka4jguq0al0kss3'; // cosmjs DirectSecp256k1HdWallet, prefix hyper

describe('keys, test backend', () => {
  const t = () => ['--home', home, '--keyring-backend', 'test'];

  test('add prints the key and (stderr) the mnemonic with its warning; json includes the mnemonic', async () => {
    const r = await run(['keys', 'add', 'alice', ...t()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^- name: alice\n {2}type: local\n {2}address: hyper1[0-9a-z]{38}\n {2}pubkey: '\{"@type":"\/cosmos.crypto.secp256k1.PubKey","key":"[A-Za-z0-9+/=]{44}"\}'\n$/);
    expect(r.stderr).toMatch(/WARNING: keyring backend 'test' stores private keys unencrypted/);
    expect(r.stderr).toMatch(/\*\*Important\*\* write this mnemonic phrase in a safe place/);
    expect(r.stderr.trim().split('\n').pop()!.split(' ')).toHaveLength(24);

    const j = await run(['keys', 'add', 'bob', ...t(), '--output', 'json', '--algo', 'ed25519']);
    const bob = JSON.parse(j.stdout);
    expect(bob).toMatchObject({ name: 'bob', type: 'local' });
    expect(JSON.parse(bob.pubkey)['@type']).toBe('/cosmos.crypto.ed25519.PubKey');
    expect(bob.mnemonic.split(' ')).toHaveLength(24);

    const nb = await run(['keys', 'add', 'carol', ...t(), '--no-backup']);
    expect(nb.stderr).not.toMatch(/Important/);
  });

  test('--recover reads the mnemonic from stdin and gives the cosmjs address', async () => {
    const r = await run(['keys', 'add', 'rec', ...t(), '--recover', '-o', 'json'], `${MNEMONIC}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'rec', address: ADDRESS_OF_MNEMONIC });
    expect(JSON.parse(r.stdout).mnemonic).toBeUndefined();
  });

  test('list, show (-a, --bech), json everywhere', async () => {
    const list = JSON.parse((await run(['keys', 'list', ...t(), '-o', 'json'])).stdout);
    expect(list.map((k: { name: string }) => k.name)).toEqual(['alice', 'bob', 'carol', 'rec']);
    expect((await run(['keys', 'show', 'rec', '-a', ...t()])).stdout).toBe(`${ADDRESS_OF_MNEMONIC}\n`);
    expect((await run(['keys', 'show', ADDRESS_OF_MNEMONIC, '-a', ...t()])).stdout).toBe(`${ADDRESS_OF_MNEMONIC}\n`);
    expect((await run(['keys', 'show', 'rec', '-a', '--bech', 'val', ...t()])).stdout).toMatch(/^hypervaloper1/);
    expect((await run(['keys', 'show', 'rec', '-a', '--bech', 'cons', ...t()])).stdout).toMatch(/^hypervalcons1/);
    expect(JSON.parse((await run(['keys', 'show', 'rec', ...t(), '-o', 'json'])).stdout).address).toBe(ADDRESS_OF_MNEMONIC);
  });

  test('delete asks; without a terminal it needs --yes', async () => {
    expectOneLineError(await run(['keys', 'delete', 'carol', ...t()]), "refusing to delete key 'carol' without confirmation: stdin is not a terminal; pass --yes");
    const r = await run(['keys', 'delete', 'carol', ...t(), '--yes', '-o', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'carol', deleted: true });
    expectOneLineError(await run(['keys', 'show', 'carol', ...t()]), `no key named 'carol' in keyring ${home}/keyring-test (test backend); run \`hypermesh keys list --keyring-backend test --home ${home}\``);
  });

  test('errors: duplicate name, bad mnemonic, bad name, unknown address', async () => {
    expectOneLineError(await run(['keys', 'add', 'alice', ...t()]), `key 'alice' already exists in keyring ${home}/keyring-test`);
    expectOneLineError(await run(['keys', 'add', 'x1', ...t(), '--recover'], 'abandon abandon\n'), 'mnemonic has 2 words, expected 12, 15, 18, 21 or 24');
    expectOneLineError(await run(['keys', 'add', 'bad name', ...t()]), `key name "bad name" may only contain letters, digits, '_' and '-'`);
    expectOneLineError(await run(['keys', 'show', 'hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an', ...t()]), 'no key with address hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an');
  });
});

describe('keys, file backend (passphrase lines on stdin)', () => {
  const f = () => ['--home', home, '--keyring-backend', 'file'];

  test('the first key asks for a new passphrase twice; a mismatch writes nothing', async () => {
    expectOneLineError(await run(['keys', 'add', 'sealed', ...f()], 'password123\npassword124\n'), 'the two passphrases do not match; nothing was written');
    expectOneLineError(await run(['keys', 'add', 'sealed', ...f()], 'short\nshort\n'), 'keyring passphrase must be at least 8 characters');
    const r = await run(['keys', 'add', 'sealed', ...f(), '-o', 'json'], 'password123\npassword123\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('sealed');
    expect(r.stderr).toBe('');
  });

  test('a second key asks once and checks it; a wrong one is a one-line error', async () => {
    expectOneLineError(await run(['keys', 'add', 'second', ...f()], 'wrong-pass\n'), `wrong passphrase for keyring ${home}/keyring-file`);
    expectOneLineError(await run(['keys', 'add', 'second', ...f()], ''), /expected the passphrase of keyring .* on line 1 of stdin, but stdin ended/);
    expect((await run(['keys', 'add', 'second', ...f()], 'password123\n')).code).toBe(0);
    // list and show need no passphrase
    expect(JSON.parse((await run(['keys', 'list', ...f(), '-o', 'json'], '')).stdout)).toHaveLength(2);
  });

  test('export → import round trip with armor; wrong passphrases fail in one line', async () => {
    expectOneLineError(await run(['keys', 'export', 'sealed', ...f()], 'bad-pass-1\nexport-pass\n'), "wrong passphrase for key 'sealed'");
    const ex = await run(['keys', 'export', 'sealed', ...f()], 'password123\nexport-pass\n');
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/^-----BEGIN HYPERMESH PRIVATE KEY-----\n[\s\S]*-----END HYPERMESH PRIVATE KEY-----\n$/);
    const file = path.join(home, 'sealed.armor');
    fs.writeFileSync(file, ex.stdout);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-cli-import-'));
    try {
      expectOneLineError(await run(['keys', 'import', 'copy', file, '--home', other, '--keyring-backend', 'test'], 'not-the-pass\n'), 'wrong passphrase for armored key');
      const im = await run(['keys', 'import', 'copy', file, '--home', other, '--keyring-backend', 'test', '-o', 'json'], 'export-pass\n');
      expect(im.code).toBe(0);
      const sealedAddress = (await run(['keys', 'show', 'sealed', '-a', ...f()])).stdout.trim();
      expect(JSON.parse(im.stdout).address).toBe(sealedAddress);
      expectOneLineError(await run(['keys', 'import', 'x', path.join(other, 'missing.armor'), '--home', other]), 'no such file');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('import-dev', () => {
  test('imports dev-accounts.json into the test keyring, idempotently', async () => {
    const h = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-cli-dev-'));
    try {
      expectOneLineError(await run(['keys', 'import-dev', '--home', h]), /dev-accounts.json not found: is .* a home made by `hypermesh init`\? \(use --home\)/);
      fs.writeFileSync(path.join(h, 'dev-accounts.json'), JSON.stringify([{ name: 'dev0', address: ADDRESS_OF_MNEMONIC, mnemonic: MNEMONIC }]));
      const r = await run(['keys', 'import-dev', '--home', h, '-o', 'json']);
      expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ name: 'dev0', address: ADDRESS_OF_MNEMONIC, imported: true })]);
      expect(fs.existsSync(path.join(h, 'keyring-test', 'dev0.json'))).toBe(true);
      const again = await run(['keys', 'import-dev', '--home', h]);
      expect(again.stdout).toBe(`already present: dev0 ${ADDRESS_OF_MNEMONIC}\n`);
    } finally {
      fs.rmSync(h, { recursive: true, force: true });
    }
  });
});

describe('usage errors and errors before any node is contacted', () => {
  test.each([
    [['tx', 'bank', 'send', 'a', 'b'], "missing required argument 'amount'"],
    [['tx', 'bank', 'send', 'a', 'b', '-5uhyper'], "unknown option '-5uhyper': an argument starting with \"-\" is read as an option"],
    [['tx', 'bank', 'sendx'], "unknown command 'sendx' (Did you mean send?)"],
    [['query', 'bank', 'balances', 'x', '--output', 'yaml'], "argument 'yaml' is invalid"],
    [['nonsense'], "unknown command 'nonsense'"],
  ])('%j', async (args, message) => {
    expectOneLineError(await run(args), message);
  });

  test('--help and --version exit 0', async () => {
    expect((await run(['--version'])).code).toBe(0);
    const h = await run(['tx', 'bank', 'send', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--gas-adjustment/);
  });

  test.each([
    [['tx', 'bank', 'send', 'alice', 'hyper1notanaddress', '10uhyper'], 'invalid recipient address: "hyper1notanaddress": invalid data character "o" at position 7'],
    [['tx', 'bank', 'send', 'alice', 'bob', '10hyper!'], 'invalid amount "10hyper!": expected an integer followed by a denom'],
    [['tx', 'bank', 'send', 'nobody', 'bob', '10uhyper'], `no key named 'nobody' in keyring ${'HOME'}/keyring-test (test backend)`],
    [['tx', 'bank', 'send', 'alice', 'bob', '10uhyper', '--yes', '--node', 'http://127.0.0.1:CLOSED'], 'cannot reach node at http://127.0.0.1:CLOSED: connection refused — is `hypermesh start` running? use --node to choose another'],
    [['query', 'bank', 'balances', 'hyper1xyz'], 'invalid address: "hyper1xyz"'],
    [['query', 'tx', 'abc'], 'invalid tx hash "abc": expected 64 hexadecimal characters'],
    [['query', 'block', 'x'], 'invalid height "x"'],
  ])('%j', async (args, message) => {
    const closed = String(await closedPort());
    const r = await run([...args.map((a) => a.replace('CLOSED', closed)), '--home', home, ...(args[0] === 'tx' ? ['--keyring-backend', 'test'] : [])]);
    expectOneLineError(r, message.replace('HOME', home).replace('CLOSED', closed));
  });

  test('tx sign and broadcast refuse files that are not JSON txs', async () => {
    const bin = path.join(home, 'raw.bin');
    fs.writeFileSync(bin, Buffer.from([0x0a, 0x01, 0x02]));
    expectOneLineError(await run(['tx', 'broadcast', bin]), `${bin} is not JSON: expected a transaction in JSON, as printed by \`--generate-only\` or \`hypermesh tx sign\``);
    fs.writeFileSync(bin, '{"hello":1}');
    expectOneLineError(await run(['tx', 'sign', bin, '--from', 'alice', '--home', home, '--keyring-backend', 'test']), 'is not a transaction (no "body")');
    fs.writeFileSync(bin, '{"body":{"messages":[{"@type":"/no.such.Msg"}]}}');
    expectOneLineError(await run(['tx', 'broadcast', bin]), `${bin} is not a valid transaction:`);
  });
});
