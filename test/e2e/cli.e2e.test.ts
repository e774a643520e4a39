/**
 * Issue 6 end to end: `node bin/hypermesh.js` keys / tx / query / status against a real devnet
 * (`hypermesh init` + `start`, CometBFT included). A key made with the file backend (passphrase
 * lines on stdin) is funded from a dev account imported into the test keyring; the offline
 * generate → sign → broadcast round trip works in both sign modes; `--output json` parses for
 * every command; every kind of bad input is one line on stderr, exit code 1, no stack trace,
 * and nothing broadcast (the sender's sequence does not move). Run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { CLI, createDevnet, height, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(600_000);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `input` is written to its stdin, which is then closed unless `keepStdinOpen`. */
function hm(args: string[], input?: string, o: { keepStdinOpen?: boolean; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HYPERMESH_HOME: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += String(d)));
    p.stderr.on('data', (d) => (stderr += String(d)));
    if (input !== undefined) p.stdin.write(input);
    if (!o.keepStdinOpen) p.stdin.end();
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`hypermesh ${args.join(' ')} did not exit within ${o.timeoutMs ?? 120_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 120_000);
    p.on('exit', (code) => {
      clearTimeout(timer);
      p.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}

function expectOk(r: Result): void {
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
}

/** Exit 1, exactly one line on stderr starting "Error: ", no stack trace. */
function expectOneLineError(r: Result, message: string | RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect({ code: r.code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
  expect(lines[0]).toMatch(/^Error: /);
  expect(r.stderr).not.toMatch(/\n\s+at .+\(?.*:\d+:\d+\)?/);
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
}

function json(r: Result): any {
  expectOk(r);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not JSON: ${r.stdout}`);
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const PASS = 'correct horse battery';

describe('hypermesh CLI against a devnet', () => {
  let devnet: Devnet;
  let H: string[]; // --home
  let T: string[]; // --home, test backend
  let alice: string;
  let dev: Record<string, string>;

  const balance = async (address: string): Promise<bigint> => {
    const r = json(await hm(['query', 'bank', 'balances', address, '--denom', 'uhyper', ...H, '-o', 'json']));
    return BigInt(r.amount);
  };
  const sequence = async (address: string): Promise<string> => {
    const r = await hm(['query', 'auth', 'account', address, ...H, '-o', 'json']);
    return r.code === 0 ? JSON.parse(r.stdout).account.sequence : 'none';
  };

  beforeAll(async () => {
    devnet = await createDevnet();
    await devnet.start();
    await waitForHeight(devnet.rpc, 2);
    H = ['--home', devnet.home];
    T = [...H, '--keyring-backend', 'test'];
    dev = Object.fromEntries(devnet.devAccounts.map((a) => [a.name, a.address]));
  });
  afterAll(async () => devnet?.cleanup());

  test('keys import-dev puts the dev accounts in the test keyring', async () => {
    const r = await hm(['keys', 'import-dev', ...H]);
    expectOk(r);
    expect(r.stdout).toContain(`imported: dev0 ${dev.dev0}`);
    expect(r.stderr).toMatch(/WARNING: keyring backend 'test' stores private keys unencrypted/);
    const list = json(await hm(['keys', 'list', ...T, '-o', 'json']));
    expect(list.map((k: any) => k.address)).toEqual(devnet.devAccounts.map((a) => a.address));
  });

  test('keys add with the file backend: passphrase twice on stdin (left open), address and mnemonic printed', async () => {
    const r = await hm(['keys', 'add', 'alice', ...H, '-o', 'json'], `${PASS}\n${PASS}\n`, { keepStdinOpen: true, timeoutMs: 60_000 });
    const key = json(r);
    expect(key).toMatchObject({ name: 'alice', type: 'local' });
    expect(key.address).toMatch(/^hyper1[02-9ac-hj-np-z]{38}$/);
    expect(key.mnemonic.split(' ')).toHaveLength(24);
    alice = key.address;
    expect(fs.existsSync(path.join(devnet.home, 'keyring-file', 'alice.json'))).toBe(true);
    expect(fs.readFileSync(path.join(devnet.home, 'keyring-file', 'alice.json'), 'utf8')).toMatch(/"encoding": "encrypted"/);

    const text = await hm(['keys', 'show', 'alice', ...H]);
    expectOk(text);
    expect(text.stdout).toContain(`address: ${alice}`);
  });

  test('tx bank send from a dev account funds the new key; query bank balances shows it', async () => {
    const r = json(await hm(['tx', 'bank', 'send', 'dev0', alice, '5000000uhyper', ...T, '--yes', '-o', 'json']));
    expect(r.code).toBe(0);
    expect(r.txhash).toMatch(/^[0-9A-F]{64}$/);
    expect(Number(r.height)).toBeGreaterThan(0);
    expect(Number(r.gas_used)).toBeGreaterThan(0);
    const balances = json(await hm(['query', 'bank', 'balances', alice, ...H, '-o', 'json']));
    expect(balances.balances).toEqual([{ denom: 'uhyper', amount: '5000000' }]);
    const text = await hm(['query', 'bank', 'balances', alice, ...H]);
    expect(text.stdout).toBe('balances:\n- denom: uhyper\n  amount: "5000000"\npagination:\n  next_key: null\n  total: "1"\n');
  });

  test('the new key sends with its passphrase from stdin, --gas auto, text output with the result', async () => {
    const before = await balance(dev.dev1);
    const r = await hm(['tx', 'bank', 'send', 'alice', dev.dev1, '1234uhyper', ...H, '--yes', '--gas', 'auto', '--memo', 'first'], `${PASS}\n`);
    expectOk(r);
    expect(r.stdout).toMatch(/^txhash: [0-9A-F]{64}\nheight: \d+\ncode: 0 \(success\)\ngas_wanted: \d+\ngas_used: \d+\ntimestamp: \S+\n$/);
    expect(r.stderr).toMatch(/gas estimate: \d+ used in simulation × 1.4 = \d+/);
    expect(r.stderr).toMatch(/waiting for a block/); // progress, as plain lines (stderr is not a terminal)
    expect(await balance(dev.dev1)).toBe(before + 1234n);
    // the recipient may be given as the name of a key (in the same keyring)
    const dev2Before = await balance(dev.dev2);
    expectOk(await hm(['tx', 'bank', 'send', 'dev1', 'dev2', '1uhyper', ...T, '--yes']));
    expect(await balance(dev.dev2)).toBe(dev2Before + 1n);
  });

  test.each(['direct', 'amino-json'])('offline round trip: --generate-only > unsigned.json, tx sign --offline, tx broadcast (%s)', async (mode) => {
    const dir = fs.mkdtempSync(path.join(devnet.home, 'offline-'));
    const from = dev.dev2;
    const acc = json(await hm(['query', 'auth', 'account', from, ...H, '-o', 'json'])).account;
    const before = await balance(dev.dev3);

    const gen = await hm(['tx', 'bank', 'send', from, dev.dev3, '777uhyper', ...H, '--generate-only', '--memo', `offline ${mode}`]);
    const unsigned = json(gen);
    expect(unsigned.body.messages[0]).toEqual({ '@type': '/cosmos.bank.v1beta1.MsgSend', from_address: from, to_address: dev.dev3, amount: [{ denom: 'uhyper', amount: '777' }] });
    expect(unsigned.auth_info.signer_infos).toEqual([]);
    expect(unsigned.signatures).toEqual([]);
    fs.writeFileSync(path.join(dir, 'unsigned.json'), gen.stdout);

    const signedRun = await hm([
      'tx', 'sign', path.join(dir, 'unsigned.json'), '--from', 'dev2', ...T, '--offline',
      '--chain-id', devnet.chainId, '--account-number', acc.account_number, '--sequence', acc.sequence, '--sign-mode', mode,
    ]);
    const signed = json(signedRun);
    expect(signed.signatures).toHaveLength(1);
    expect(signed.auth_info.signer_infos[0].mode_info.single.mode).toBe(mode === 'direct' ? 'SIGN_MODE_DIRECT' : 'SIGN_MODE_LEGACY_AMINO_JSON');
    fs.writeFileSync(path.join(dir, 'signed.json'), signedRun.stdout);

    const b = json(await hm(['tx', 'broadcast', path.join(dir, 'signed.json'), ...H, '-o', 'json']));
    expect(b.code).toBe(0);
    expect(b.tx.body.memo).toBe(`offline ${mode}`);
    expect(await balance(dev.dev3)).toBe(before + 777n);

    // the same file again: the node has it already
    expectOneLineError(await hm(['tx', 'broadcast', path.join(dir, 'signed.json'), ...H]), /the node (has already received this tx|refused the tx)/);
  });

  test('online tx sign (account and chain id from the node), then encode/decode', async () => {
    const dir = fs.mkdtempSync(path.join(devnet.home, 'online-'));
    const gen = await hm(['tx', 'bank', 'send', 'dev2', dev.dev4, '5uhyper', ...T, '--generate-only']);
    fs.writeFileSync(path.join(dir, 'u.json'), gen.stdout);
    const signed = await hm(['tx', 'sign', path.join(dir, 'u.json'), '--from', 'dev2', ...T, '--output-document', path.join(dir, 's.json')]);
    expectOk(signed);
    const encoded = await hm(['tx', 'encode', path.join(dir, 's.json')]);
    expectOk(encoded);
    const decoded = json(await hm(['tx', 'decode', encoded.stdout.trim()]));
    expect(decoded).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 's.json'), 'utf8')));
    expect(json(await hm(['tx', 'broadcast', path.join(dir, 's.json'), ...H, '-o', 'json'])).code).toBe(0);
    // signing for someone else's tx is refused before anything is signed
    expectOneLineError(await hm(['tx', 'sign', path.join(dir, 'u.json'), '--from', 'dev1', ...T]), `key 'dev1' (${dev.dev1}) is not the signer of this tx; it must be signed by ${dev.dev2}`);
  });

  test('--output json parses for every command', async () => {
    const sent = json(await hm(['tx', 'bank', 'send', 'dev4', dev.dev0, '3uhyper', ...T, '--yes', '-o', 'json']));
    const outputs: Record<string, any> = {
      'keys list': json(await hm(['keys', 'list', ...T, '-o', 'json'])),
      'keys show': json(await hm(['keys', 'show', 'dev4', ...T, '-o', 'json'])),
      'query auth account': json(await hm(['query', 'auth', 'account', dev.dev4, ...H, '-o', 'json'])),
      'query bank balances': json(await hm(['query', 'bank', 'balances', dev.dev4, ...H, '-o', 'json'])),
      'query bank balances --denom': json(await hm(['query', 'bank', 'balances', dev.dev4, '--denom', 'uhyper', ...H, '-o', 'json'])),
      'query bank total': json(await hm(['query', 'bank', 'total', ...H, '-o', 'json'])),
      'query bank total --denom': json(await hm(['query', 'bank', 'total', '--denom', 'uhyper', ...H, '-o', 'json'])),
      'query tx': json(await hm(['query', 'tx', sent.txhash, ...H, '-o', 'json'])),
      'query block HEIGHT': json(await hm(['query', 'block', sent.height, ...H, '-o', 'json'])),
      'query block': json(await hm(['q', 'block', ...H, '-o', 'json'])),
      status: json(await hm(['status', ...H, '-o', 'json'])),
    };
    expect(outputs['keys show']).toMatchObject({ name: 'dev4', address: dev.dev4 });
    expect(outputs['query auth account'].account).toMatchObject({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: dev.dev4, account_number: '4' });
    expect(outputs['query bank balances --denom']).toEqual({ denom: 'uhyper', amount: expect.stringMatching(/^\d+$/) });
    expect(outputs['query bank total'].supply).toEqual([{ denom: 'uhyper', amount: expect.stringMatching(/^\d+$/) }]);
    expect(outputs['query tx']).toMatchObject({ txhash: sent.txhash, height: sent.height, code: 0, tx: { '@type': '/cosmos.tx.v1beta1.Tx' } });
    expect(outputs['query tx'].events.map((e: any) => e.type)).toContain('transfer');
    expect(outputs['query block HEIGHT'].header.height).toBe(sent.height);
    expect(outputs['query block HEIGHT'].data.txs.length).toBeGreaterThanOrEqual(1);
    expect(Number(outputs['query block'].header.height)).toBeGreaterThanOrEqual(Number(sent.height));
    expect(outputs.status.node_info.network).toBe(devnet.chainId);

    // --height reads old state
    const old = json(await hm(['query', 'bank', 'balances', alice, '--denom', 'uhyper', '--height', '1', ...H, '-o', 'json']));
    expect(old.amount).toBe('0');
    // text renderings exist for the same commands
    expect((await hm(['status', ...H])).stdout).toMatch(new RegExp(`^chain: +${devnet.chainId}\n`));
    expect((await hm(['query', 'block', sent.height, ...H])).stdout).toContain(`  ${sent.txhash}\n`);
  });

  test('a sequence mismatch (code 32) is retried once with the sequence the node names', async () => {
    // A proxy in front of the node serves an account sequence one behind, as when another tx
    // from the account is still in the mempool; CheckTx answers "expected N, got N-1".
    const target = new URL(devnet.rpc);
    const proxy = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', async () => {
        const upstream = await fetch(devnet.rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await upstream.text();
        const call = JSON.parse(body);
        if (call.method === 'abci_query' && call.params.path === '/cosmos.auth.v1beta1.Query/Account') {
          const answer = JSON.parse(text);
          const r = QueryAccountResponse.decode(Buffer.from(answer.result.response.value, 'base64'));
          const base = BaseAccount.decode(r.account!.value);
          base.sequence -= 1n;
          r.account!.value = BaseAccount.encode(base).finish();
          answer.result.response.value = Buffer.from(QueryAccountResponse.encode(r).finish()).toString('base64');
          res.end(JSON.stringify(answer));
          return;
        }
        res.end(text);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      expect(target.hostname).toBe('127.0.0.1');
      const seq = BigInt(await sequence(dev.dev1));
      expect(seq).toBeGreaterThan(0n);
      const r = await hm(['tx', 'bank', 'send', 'dev1', dev.dev0, '9uhyper', ...T, '--yes', '--node', proxyUrl]);
      expectOk(r);
      expect(r.stderr).toContain(`account sequence was ${seq - 1n}, the chain expects ${seq}: signed again with sequence ${seq}`);
      expect(r.stdout).toMatch(/code: 0 \(success\)/);
      expect(BigInt(await sequence(dev.dev1))).toBe(seq + 1n);
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });

  describe('bad input: one line on stderr, exit code 1, no stack trace, nothing broadcast', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = { dev3: await sequence(dev.dev3), alice: await sequence(alice) };
    });
    afterAll(async () => {
      await waitForHeight(devnet.rpc, (await height(devnet.rpc)) + 2);
      expect({ dev3: await sequence(dev.dev3), alice: await sequence(alice) }).toEqual(before);
    });

    const send = (...args: string[]) => ['tx', 'bank', 'send', ...args];

    test.each([
      ['invalid recipient address', () => send('dev3', 'hyper1notanaddress', '10uhyper'), 'invalid recipient address: "hyper1notanaddress"'],
      ['address with a bad checksum', () => send('dev3', dev.dev4.slice(0, -1) + (dev.dev4.endsWith('q') ? 'p' : 'q'), '10uhyper'), /invalid recipient address: ".*": invalid checksum/],
      ['"10hyper!"', () => send('dev3', dev.dev4, '10hyper!'), 'invalid amount "10hyper!": expected an integer followed by a denom; amounts are integers in a base denom, e.g. 1000uhyper'],
      ['"-5uhyper"', () => send('dev3', dev.dev4, '-5uhyper'), `unknown option '-5uhyper': an argument starting with "-" is read as an option; amounts cannot be negative`],
      ['"-5uhyper" after --', () => [...send('dev3', dev.dev4), '--', '-5uhyper'], 'invalid amount "-5uhyper": amounts cannot be negative'],
      ['"1e99uhyper"', () => send('dev3', dev.dev4, '1e99uhyper'), 'unknown denom e99uhyper (amounts are integers in a base denom, e.g. 1000uhyper)'],
      ['a display unit', () => send('dev3', dev.dev4, '1hyper'), 'unknown denom hyper: it is a display unit of uhyper (1hyper = 10^6uhyper)'],
      ['a decimal amount', () => send('dev3', dev.dev4, '1.5hyper'), 'decimals are not accepted'],
      ['an unknown key', () => send('nobody', dev.dev4, '10uhyper'), `no key named 'nobody' in keyring ${'HOME'}/keyring-test (test backend); run \`hypermesh keys list --keyring-backend test --home HOME\``],
      ['insufficient funds', () => send('dev3', dev.dev4, '999999999999999999uhyper'), new RegExp(`insufficient funds: ${'DEV3'} has \\d+uhyper, needs 999999999999999999uhyper \\+ 2000uhyper fee`)],
      ['a chain id mismatch', () => [...send('dev3', dev.dev4, '10uhyper'), '--chain-id', 'other-chain'], 'chain id mismatch: node is hypermesh-devnet-1, --chain-id says other-chain'],
      ['no --yes without a terminal', () => send('dev3', dev.dev4, '10uhyper'), 'refusing to sign and broadcast without confirmation: stdin is not a terminal; pass --yes'],
      ['an unknown fee denom', () => [...send('dev3', dev.dev4, '10uhyper'), '--fees', '10foo'], 'unknown denom foo'],
      ['both --fees and --gas-prices', () => [...send('dev3', dev.dev4, '10uhyper'), '--fees', '10uhyper', '--gas-prices', '0.1uhyper'], 'give either --fees or --gas-prices, not both'],
      ['a fee below the minimum', () => [...send('dev3', dev.dev4, '10uhyper'), '--fees', '1uhyper'], /the node refused the tx \(nothing was broadcast\): insufficient fees; got: 1uhyper required: 2000uhyper .* \(sdk\/13\); raise the fee with --fees or --gas-prices/],
      ['not enough gas', () => [...send('dev3', dev.dev4, '10uhyper'), '--gas', '1000'], /\(sdk\/11\); raise --gas or use --gas auto/],
    ])('%s', async (name, args, message) => {
      const yes = name === 'no --yes without a terminal' ? [] : ['--yes'];
      const argv = args();
      const dashDash = argv.indexOf('--');
      const full = dashDash === -1 ? [...argv, ...T, ...yes] : [...argv.slice(0, dashDash), ...T, ...yes, ...argv.slice(dashDash)];
      const want = typeof message === 'string' ? message.replaceAll('HOME', devnet.home) : new RegExp(message.source.replace('DEV3', dev.dev3));
      expectOneLineError(await hm(full), want);
    });

    test('a wrong passphrase', async () => {
      expectOneLineError(await hm(send('alice', dev.dev4, '10uhyper').concat(...H, '--yes'), 'not the passphrase\n'), "wrong passphrase for key 'alice'");
      expectOneLineError(await hm(send('alice', dev.dev4, '10uhyper').concat(...H, '--yes'), ''), /expected the passphrase of keyring .* on line 1 of stdin, but stdin ended/);
    });

    test('a node URL that refuses connections', async () => {
      const port = await closedPort();
      expectOneLineError(
        await hm(send('dev3', dev.dev4, '10uhyper').concat(...T, '--yes', '--node', `http://127.0.0.1:${port}`)),
        `cannot reach node at http://127.0.0.1:${port}: connection refused — is \`hypermesh start\` running? use --node to choose another`,
      );
      expectOneLineError(await hm(['query', 'bank', 'balances', dev.dev3, '--node', `127.0.0.1:${port}`]), `cannot reach node at http://127.0.0.1:${port}: connection refused`);
      expectOneLineError(await hm(['status', '--node', `tcp://127.0.0.1:${port}`]), `cannot reach node at http://127.0.0.1:${port}: connection refused`);
    });

    test('bad query arguments', async () => {
      expectOneLineError(await hm(['query', 'bank', 'balances', 'hyper1notanaddress', ...H]), 'invalid address: "hyper1notanaddress"');
      expectOneLineError(await hm(['query', 'auth', 'account', 'cosmos1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an', ...H]), /invalid address: .*(wrong prefix|invalid checksum)/);
      expectOneLineError(await hm(['query', 'tx', 'A'.repeat(64), ...H]), `tx ${'A'.repeat(64)} not found on ${devnet.rpc}`);
      expectOneLineError(await hm(['query', 'block', '999999999', ...H]), /refused block: height 999999999 must be less than or equal to the current blockchain height/);
      expectOneLineError(await hm(['query', 'bank', 'balances', dev.dev3, '--height', '999999999', ...H]), /cannot query with height 999999999 in the future/);
      const fresh = json(await hm(['keys', 'add', 'fresh', ...T, '-o', 'json'])).address;
      expectOneLineError(await hm(['query', 'auth', 'account', fresh, ...H]), `account ${fresh} not found: it has never received tokens`);
      expectOneLineError(await hm(send('fresh', dev.dev4, '10uhyper').concat(...T, '--yes')), `insufficient funds: ${fresh} has 0uhyper, needs 10uhyper + 2000uhyper fee (the account does not exist on chain yet: it has never received tokens)`);
    });
  });
});
