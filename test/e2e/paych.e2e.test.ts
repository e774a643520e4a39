/**
 * Issue 11 end to end: x/paych on a real devnet with cosmjs, src/sdk/paych and the CLI. A payer
 * opens a channel; 1,000 vouchers are signed and verified off chain; the payee redeems one
 * (MsgUpdateChannel); the payer settles with a stale voucher (the attack: an old, lower cumulative
 * amount, hoping the payee stays quiet); during the challenge window the payee's newest voucher
 * wins and the stale ones are refused (lower nonce), as are a forged signature; after the window
 * the payee collects the newest amount and the payer gets the rest. Run `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Bip39, EnglishMnemonic, Slip10, Slip10Curve } from '@cosmjs/crypto';
import { makeCosmoshubPath } from '@cosmjs/amino';
import { DirectSecp256k1HdWallet, Registry, type EncodeObject } from '@cosmjs/proto-signing';
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, QueryClient, SigningStargateClient, type StdFee } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { Voucher } from '../../src/gen/hypermesh/paych/v1/paych';
import { checkAgainstLane, createPaychAminoConverters, MSG_CREATE_CHANNEL, MSG_SETTLE, MSG_UPDATE_CHANNEL, paychTypes, setupPaychExtension, signVoucher, verifyVoucher } from '../../src/sdk/paych';
import { CLI, createDevnet, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(600_000);
const run = promisify(execFile);
const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '6000' }], gas: '600000' };
const DEPOSIT = 1_000_000n;
const DELAY = 15;

describe('x/paych on a devnet', () => {
  let net: Devnet;
  let comet: Comet38Client;
  let q: ReturnType<typeof setupPaychExtension>['paych'];
  const registry = new Registry([...defaultRegistryTypes, ...paychTypes]);
  const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createPaychAminoConverters() });
  const clients = new Map<string, SigningStargateClient>();
  const addr = (name: string) => net.devAccounts.find((a) => a.name === name)!.address;
  const [PAYER, PAYEE, MALLORY] = ['dev1', 'dev2', 'dev3'];
  let channelId = 0n;
  const vouchers: Voucher[] = [];

  const privateKey = async (name: string) => {
    const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(net.devAccounts.find((a) => a.name === name)!.mnemonic));
    return Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(0)).privkey;
  };
  const client = async (name: string) => {
    let c = clients.get(name);
    if (!c) {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts.find((a) => a.name === name)!.mnemonic, { prefix: 'hyper' });
      c = await SigningStargateClient.connectWithSigner(net.rpc, wallet, { registry, aminoTypes, broadcastPollIntervalMs: 200 });
      clients.set(name, c);
    }
    return c;
  };
  const deliver = async (name: string, msgs: EncodeObject[]) => {
    const r = await (await client(name)).signAndBroadcast(addr(name), msgs, FEE);
    if (r.code !== 0) throw new Error(`${name}: ${r.code} ${r.rawLog}`);
    return r;
  };
  const checkTx = async (name: string, msgs: EncodeObject[]) => {
    const raw = await (await client(name)).sign(addr(name), msgs, FEE, '');
    const res = await comet.broadcastTxSync({ tx: TxRaw.encode(raw).finish() });
    return { codespace: res.codespace ?? '', code: res.code };
  };
  const hm = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--home', net.home], { env: { ...process.env, HYPERMESH_HOME: '' } });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
    }
  };
  const update = (sender: string, voucher: Voucher): EncodeObject => ({ typeUrl: MSG_UPDATE_CHANNEL, value: { sender: addr(sender), voucher } });
  const balance = async (name: string) => BigInt((await (await client(name)).getBalance(addr(name), 'uhyper')).amount);

  beforeAll(async () => {
    net = await createDevnet({ extraInit: ['--dev-accounts', '5'] });
    const file = path.join(net.home, 'config', 'genesis.json');
    const genesis = JSON.parse(fs.readFileSync(file, 'utf8'));
    genesis.app_state.paych.params.settle_delay_blocks = String(DELAY);
    fs.writeFileSync(file, JSON.stringify(genesis, null, 2));
    await net.start();
    await waitForHeight(net.rpc, 2);
    comet = await Comet38Client.connect(net.rpc);
    q = QueryClient.withExtensions(comet, setupPaychExtension).paych;
    expect((await hm(['keys', 'import-dev', '--keyring-backend', 'test'])).code).toBe(0);
  });
  afterAll(async () => {
    for (const c of clients.values()) c.disconnect();
    comet?.disconnect();
    await net?.cleanup();
  });

  test('the payer opens a channel; 1,000 vouchers are signed and verified off chain', async () => {
    await deliver(PAYER, [{ typeUrl: MSG_CREATE_CHANNEL, value: { payer: addr(PAYER), payee: addr(PAYEE), deposit: { denom: 'uhyper', amount: DEPOSIT.toString() } } }]);
    const { channels } = await q.channels({ payer: addr(PAYER) });
    expect(channels).toHaveLength(1);
    channelId = channels[0].id;
    const key = await privateKey(PAYER);
    let best: Voucher | undefined;
    for (let n = 1n; n <= 1000n; n++) {
      const v = signVoucher({ algo: 'secp256k1', privateKey: key }, net.chainId, { channelId, lane: 0n, nonce: n, amount: n * 100n });
      // what the payee checks before serving: the payer's key from the chain, and progress on the lane
      expect(verifyVoucher(channels[0].payerPubKey!, net.chainId, v)).toBe(true);
      expect(checkAgainstLane(best, v)).toBe(true);
      best = v;
      vouchers.push(v);
    }
  });

  test('one update, then the payer settles with a stale voucher; the payee’s newest wins in the window; stale and forged vouchers are refused', async () => {
    await deliver(PAYEE, [update(PAYEE, vouchers[499])]);
    expect((await q.channel(channelId)).channel!.redeemed).toBe('50000');
    // the attack: settle with #700 (70,000) while the payee holds #1000 (100,000)
    const s = await deliver(PAYER, [{ typeUrl: MSG_SETTLE, value: { sender: addr(PAYER), channelId, voucher: vouchers[699] } }]);
    const ch = (await q.channel(channelId)).channel!;
    expect(ch).toMatchObject({ redeemed: '70000', settlingAt: BigInt(s.height) + BigInt(DELAY) });
    // refused in the window, with no change: a forged signature, a lower nonce
    const forged = signVoucher({ algo: 'secp256k1', privateKey: await privateKey(MALLORY) }, net.chainId, { channelId, lane: 0n, nonce: 5000n, amount: DEPOSIT });
    expect(await checkTx(PAYEE, [update(PAYEE, forged)])).toEqual({ codespace: 'paych', code: 4 });
    expect(await checkTx(PAYEE, [update(PAYEE, vouchers[599])])).toEqual({ codespace: 'paych', code: 5 });
    // the payee's newest voucher wins; the payer's other stale vouchers can no longer come in
    await deliver(PAYEE, [update(PAYEE, vouchers[999])]);
    expect(await checkTx(PAYER, [update(PAYER, vouchers[799])])).toEqual({ codespace: 'paych', code: 5 });
    const after = await q.channel(channelId);
    expect(after.channel!.redeemed).toBe('100000');
    expect(after.lanes.map((l) => [l.lane, l.nonce, l.redeemed])).toEqual([[0n, 1000n, '100000']]);
    // the CLI shows the channel
    const shown = await hm(['query', 'paych', 'channel', String(channelId), '-o', 'json']);
    expect(JSON.parse(shown.stdout).channel).toMatchObject({ redeemed: '100000', settling_at: ch.settlingAt.toString() });
  });

  test('collect before the window ends is refused; after it the payee gets the newest amount and the payer the rest (CLI)', async () => {
    const ch = (await q.channel(channelId)).channel!;
    const early = await hm(['tx', 'paych', 'collect', PAYEE, String(channelId), '--keyring-backend', 'test', '--yes', '-o', 'json']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/collectable from height/);
    await waitForHeight(net.rpc, Number(ch.settlingAt));
    const [payee, payer] = [await balance(PAYEE), await balance(PAYER)];
    const r = await hm(['tx', 'paych', 'collect', PAYEE, String(channelId), '--keyring-backend', 'test', '--yes', '-o', 'json', '--fees', '6000uhyper']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).code).toBe(0);
    expect((await balance(PAYEE)) - payee).toBe(100_000n - 6000n);
    expect((await balance(PAYER)) - payer).toBe(DEPOSIT - 100_000n);
    await expect(q.channel(channelId)).rejects.toThrow(/not found/);
  });

  test('a voucher signed with the CLI (offline, from the keyring) redeems on a new channel', async () => {
    await deliver(PAYER, [{ typeUrl: MSG_CREATE_CHANNEL, value: { payer: addr(PAYER), payee: addr(PAYEE), deposit: { denom: 'uhyper', amount: '5000' } } }]);
    const id = (await q.channels({ payer: addr(PAYER) })).channels[0].id;
    const signed = await hm(['tx', 'paych', 'sign-voucher', PAYER, String(id), '1234', '--nonce', '3', '--lane', '2', '--keyring-backend', 'test', '--chain-id', net.chainId]);
    expect(signed.code).toBe(0);
    const file = path.join(net.home, 'voucher.json');
    fs.writeFileSync(file, signed.stdout);
    const r = await hm(['tx', 'paych', 'update-channel', PAYEE, file, '--keyring-backend', 'test', '--yes', '-o', 'json']);
    expect(r.code).toBe(0);
    expect((await q.channel(id)).lanes.map((l) => [l.lane, l.nonce, l.redeemed])).toEqual([[2n, 3n, '1234']]);
  });
});
