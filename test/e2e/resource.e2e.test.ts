/**
 * Issue 10 end to end: x/resource on a real devnet (`hypermesh init` + `start`, CometBFT), driven
 * by the CLI (`hypermesh tx|query resource`) and by cosmjs with src/sdk/resource.
 *
 * The devnet's validator operator registers a provider linked to its own validator, two nodes
 * (node keys made by `tx resource init-node-key`), an auditor set in genesis attests them, a relay
 * account submits node-signed heartbeats every second; rcpu is minted within capacity and refused
 * beyond capacity and beyond the collateral ratio; a consumer receives rcpu by bank send and
 * redeems it; served periods write ResourceTransactions whose BLAKE3 ids the test recomputes; the
 * provider's liability falls; the resource score raises the validator's power in CometBFT's
 * /validators, and missed heartbeats lower it again. Bad input — heartbeats signed by the wrong
 * key, capacity overflowing uint64 or above the audited figure, minting with too little bond,
 * redeeming more than held, a duplicate node id — is refused with its code and changes nothing.
 * Run `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DirectSecp256k1HdWallet, Registry, type EncodeObject } from '@cosmjs/proto-signing';
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, QueryClient, setupBankExtension, SigningStargateClient, StargateClient, type StdFee } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import {
  createResourceAminoConverters,
  heartbeatMsg,
  MSG_MINT,
  MSG_REDEEM,
  MSG_REGISTER_NODE,
  nodeKeyFromSeed,
  resourceTypes,
  setupResourceExtension,
  signHeartbeat,
  signNodeRegistration,
  transactionIdHex,
  type NodeKey,
} from '../../src/sdk/resource';
import { CLI, createDevnet, rpcGet, waitFor, waitForHeight, type Devnet } from './helpers/devnet';
import { readNodeKeyFile } from '../../src/cli/commands/resource_node_key';

jest.setTimeout(900_000);
const run = promisify(execFile);

const MAX_UINT64 = (1n << 64n) - 1n;
const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '6000' }], gas: '600000' };
const INTERVAL_S = 3; // liveness window of the devnet (genesis param)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('x/resource on a devnet, with the CLI and cosmjs', () => {
  let net: Devnet;
  let comet: Comet38Client;
  let client: StargateClient;
  let q: ReturnType<typeof setupResourceExtension>['resource'];
  const registry = new Registry([...defaultRegistryTypes, ...resourceTypes]);
  const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createResourceAminoConverters() });
  const signers = new Map<string, { client: SigningStargateClient; address: string }>();
  let provider: string; // the validator operator account
  let valoper: string;
  let consumer: string;
  let auditor: string;
  let n1: NodeKey;
  let n2: NodeKey;
  const dir = () => path.join(net.home, 'resource-e2e');

  /** Runs the CLI (with --home, unless `local`: a command that reads no home). */
  const hm = async (args: string[], local = false): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args, ...(local ? [] : ['--home', net.home])], { env: { ...process.env, HYPERMESH_HOME: '' }, maxBuffer: 16 << 20 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
    }
  };
  const txFlags = ['--keyring-backend', 'test', '--yes', '-o', 'json', '--gas', '600000'];
  const cliTx = async (args: string[]) => {
    const r = await hm(['tx', 'resource', ...args, ...txFlags]);
    if (r.code !== 0) throw new Error(`hypermesh tx resource ${args.join(' ')}: exit ${r.code}\n${r.stderr}\n${r.stdout}`);
    const res = JSON.parse(r.stdout);
    expect(res.code).toBe(0);
    return res;
  };
  const cliQuery = async (args: string[]) => {
    const r = await hm(['query', 'resource', ...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(`hypermesh query resource ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    return JSON.parse(r.stdout);
  };

  const signer = async (name: string) => {
    const existing = signers.get(name);
    if (existing) return existing;
    const account = net.devAccounts.find((a) => a.name === name)!;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: 'hyper' });
    const c = await SigningStargateClient.connectWithSigner(net.rpc, wallet, { registry, aminoTypes, broadcastPollIntervalMs: 200, broadcastTimeoutMs: 60_000 });
    const s = { client: c, address: account.address };
    signers.set(name, s);
    return s;
  };
  /** Signs msgs and sends them with broadcast_tx_sync: the CheckTx result (code 0 or the refusal). */
  const checkTx = async (name: string, msgs: EncodeObject[]) => {
    const s = await signer(name);
    const raw = await s.client.sign(s.address, msgs, FEE, '');
    const res = await comet.broadcastTxSync({ tx: TxRaw.encode(raw).finish() });
    return { code: res.code, codespace: res.codespace ?? '', log: res.log ?? '' };
  };
  const deliver = async (name: string, msgs: EncodeObject[]) => {
    const s = await signer(name);
    const r = await s.client.signAndBroadcast(s.address, msgs, FEE);
    if (r.code !== 0) throw new Error(`tx failed: ${r.code} ${r.rawLog}`);
    return r;
  };
  const latestHeight = async () => BigInt((await comet.status()).syncInfo.latestBlockHeight);
  const votingPower = async () => BigInt((await rpcGet(net.rpc, '/validators')).validators[0].voting_power);

  // the relay: node-signed heartbeats of both nodes every second, submitted by dev3
  let relaying = false;
  let relay: Promise<void> | undefined;
  const lastSeq = new Map<string, bigint>();
  const startRelay = () => {
    relaying = true;
    relay = (async () => {
      while (relaying) {
        const height = await latestHeight();
        const hbs = [n1, n2].map((k) => {
          const seq = (lastSeq.get(k.nodeId) ?? 0n) + 1n;
          lastSeq.set(k.nodeId, seq);
          return signHeartbeat(k, net.chainId, { sequence: seq, height, used: { cpuMillicores: 1000n } });
        });
        await deliver('dev3', [heartbeatMsg((await signer('dev3')).address, hbs)]);
        await sleep(700);
      }
    })();
  };
  const stopRelay = async () => {
    relaying = false;
    await relay;
  };

  beforeAll(async () => {
    net = await createDevnet({ extraInit: ['--dev-accounts', '6'] });
    const byName = (n: string) => net.devAccounts.find((a) => a.name === n)!.address;
    provider = byName('validator');
    consumer = byName('dev1');
    auditor = byName('dev4');
    // genesis: dev4 audits; 3-second liveness windows; a small minimum bond; 10-hour mint horizon
    const file = path.join(net.home, 'config', 'genesis.json');
    const genesis = JSON.parse(fs.readFileSync(file, 'utf8'));
    Object.assign(genesis.app_state.resource.params, {
      auditors: [auditor],
      heartbeat_interval_seconds: String(INTERVAL_S),
      min_bond: '1000000',
      mint_horizon_seconds: '36000',
      min_lease_seconds: '6',
      max_missed_windows: '3',
      reputation_decay: '0.300000000000000000',
    });
    fs.writeFileSync(file, JSON.stringify(genesis, null, 2));
    fs.mkdirSync(path.join(net.home, 'resource-e2e'));
    await net.start();
    await waitForHeight(net.rpc, 2);
    comet = await Comet38Client.connect(net.rpc);
    client = await StargateClient.connect(net.rpc);
    q = QueryClient.withExtensions(comet, setupResourceExtension).resource;
    const imported = await hm(['keys', 'import-dev', '--keyring-backend', 'test']);
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    relaying = false;
    await relay?.catch(() => undefined);
    for (const s of signers.values()) s.client.disconnect();
    client?.disconnect();
    comet?.disconnect();
    await net?.cleanup();
  });

  test('genesis: bank metadata for the resource tokens, the auditor, the liveness window', async () => {
    const params = await q.params();
    expect(params.auditors).toEqual([auditor]);
    expect(params.heartbeatIntervalSeconds).toBe(BigInt(INTERVAL_S));
    const bank = QueryClient.withExtensions(comet, setupBankExtension).bank;
    for (const denom of ['rcpu', 'rmem', 'rstor', 'rnet']) expect(await bank.denomMetadata(denom)).toMatchObject({ base: denom, display: denom });
    const w = await cliQuery(['window']);
    expect(Number(w.window.number)).toBeGreaterThanOrEqual(1);
  });

  test('the validator operator registers a provider linked to its validator, and two nodes (CLI)', async () => {
    valoper = (await hm(['keys', 'show', 'validator', '-a', '--bech', 'val', '--keyring-backend', 'test'])).stdout.trim();
    await cliTx(['register-provider', 'validator', '2000000uhyper', '--moniker', 'devnet-provider', '--contact', 'ops@example.com', '--link-validator', '--price', 'rcpu=9000']);
    const keys: NodeKey[] = [];
    for (const name of ['n1', 'n2']) {
      const file = path.join(dir(), `${name}.json`);
      const r = await hm(['tx', 'resource', 'init-node-key', file], true);
      expect(r.code).toBe(0);
      const key = readNodeKeyFile(file);
      expect(r.stdout.trim()).toBe(key.nodeId);
      keys.push(key);
    }
    [n1, n2] = keys;
    await cliTx(['register-node', 'validator', '--node-key', path.join(dir(), 'n1.json'), '--cpu', '400000', '--memory', String(64n << 30n), '--cluster', 'c1', '--region', 'eu-west', '--attr', 'arch=x86_64']);
    await cliTx(['register-node', 'validator', '--node-key', path.join(dir(), 'n2.json'), '--cpu', '200000', '--cluster', 'c1', '--region', 'eu-west']);
    const p = await cliQuery(['provider', provider]);
    expect(p.provider).toMatchObject({ address: provider, validator: valoper, bond: '2000000', status: 'PROVIDER_STATUS_ACTIVE', node_count: '2' });
    const nodes = await cliQuery(['nodes', '--provider', provider]);
    expect(nodes.nodes.map((n: any) => n.node_id).sort()).toEqual([n1.nodeId, n2.nodeId].sort());
  });

  test('the genesis auditor signs both nodes’ attributes and capacity (CLI)', async () => {
    await cliTx(['sign-attributes', 'dev4', n1.nodeId, '--cpu', '400000', '--memory', String(64n << 30n), '--attr', 'tier=audited']);
    await cliTx(['sign-attributes', 'dev4', n2.nodeId, '--cpu', '200000', '--attr', 'tier=audited']);
    const node = await cliQuery(['node', n1.nodeId]);
    expect(node.node.audited_capacity).toMatchObject({ cpu_millicores: '400000' });
    expect(node.audits).toEqual([expect.objectContaining({ auditor, attributes: [{ key: 'tier', value: 'audited' }] })]);
  });

  test('heartbeats arrive: one through the CLI, then a relay account submits node-signed batches', async () => {
    await cliTx(['heartbeat', 'dev5', '--node-key', path.join(dir(), 'n1.json'), '--node-key', path.join(dir(), 'n2.json'), '--used-cpu', '500']);
    for (const k of [n1, n2]) {
      const { node } = await q.node(k.nodeId);
      expect(node!.lastSequence).toBe(1n);
      lastSeq.set(k.nodeId, 1n);
    }
    startRelay();
    const start = (await q.window()).number;
    await waitFor(async () => (await q.window()).number >= start + 2n, 30_000, () => 'windows did not advance');
    const { node } = await q.node(n1.nodeId);
    expect(node!.lastSequence).toBeGreaterThan(1n);
    expect(node!.windowsOnTime).toBeGreaterThan(0n);
  });

  test('mint rcpu within capacity; refused beyond capacity and beyond the collateral ratio (CLI)', async () => {
    // capacity: 600 vCPU × 10 h = 6,000 rcpu; collateral: 2,000,000 / (1.5 × 10,000) = 133 rcpu
    await cliTx(['mint', 'validator', '100rcpu']);
    const beyondCapacity = await hm(['tx', 'resource', 'mint', 'validator', '6001rcpu', ...txFlags]);
    expect(beyondCapacity.code).toBe(1);
    expect(beyondCapacity.stderr).toMatch(/resource/);
    expect(beyondCapacity.stderr).toMatch(/capacity/);
    const beyondCollateral = await hm(['tx', 'resource', 'mint', 'validator', '34rcpu', ...txFlags]);
    expect(beyondCollateral.code).toBe(1);
    expect(beyondCollateral.stderr).toMatch(/collateral/);
    // the same refusals through cosmjs, with their codes
    expect(await checkTx('validator', [{ typeUrl: MSG_MINT, value: { provider, amount: { denom: 'rcpu', amount: '6001' } } }])).toMatchObject({ codespace: 'resource', code: 19 });
    expect(await checkTx('validator', [{ typeUrl: MSG_MINT, value: { provider, amount: { denom: 'rcpu', amount: '34' } } }])).toMatchObject({ codespace: 'resource', code: 20 });
    expect(BigInt((await client.getBalance(provider, 'rcpu')).amount)).toBe(100n);
    const { liabilities } = await q.provider(provider);
    expect(liabilities.find((l) => l.denom === 'rcpu')).toMatchObject({ minted: '100', outstanding: '100', reserved: '0' });
  });

  test('a consumer receives rcpu by bank send, redeems it; served periods write records whose BLAKE3 ids recompute; the liability falls', async () => {
    const p = await signer('validator');
    const sent = await p.client.sendTokens(provider, consumer, [{ denom: 'rcpu', amount: '10' }], FEE);
    expect(sent.code).toBe(0);
    expect((await client.getBalance(consumer, 'rcpu')).amount).toBe('10');
    // 3 rcpu over 30 s: 360 vCPU, which only node 1 has room for
    const r = await deliver('dev1', [{ typeUrl: MSG_REDEEM, value: { consumer, amount: { denom: 'rcpu', amount: '3' }, durationSeconds: 30n, provider: '', nodeId: '' } }]);
    const leases = await q.leases({ consumer });
    expect(leases.leases).toHaveLength(1);
    const lease = leases.leases[0];
    expect(lease).toMatchObject({ consumer, provider, nodeId: n1.nodeId, amount: '3', status: LeaseStatus.LEASE_STATUS_ACTIVE, rate: 360000n });
    expect(r.events.some((e) => e.type === 'hypermesh.resource.v1.EventRedeem')).toBe(true);
    expect((await client.getBalance(consumer, 'rcpu')).amount).toBe('7');

    await waitFor(async () => (await q.lease(lease.id)).status !== LeaseStatus.LEASE_STATUS_ACTIVE, 90_000, () => 'the lease did not end');
    const done = await q.lease(lease.id);
    expect(done.status).toBe(LeaseStatus.LEASE_STATUS_COMPLETED);
    expect(done.settled).toBe('3');

    const byConsumer = await q.transactions({ consumer });
    const records = byConsumer.transactions;
    expect(records.length).toBeGreaterThan(0);
    let total = 0n;
    for (const e of records) {
      expect(transactionIdHex(e.record!)).toBe(e.id);
      expect(e.record).toMatchObject({ nodeId: n1.nodeId, consumer, provider, leaseId: lease.id, resourceType: 1 });
      total += BigInt(e.record!.amount);
    }
    expect(total).toBe(3n);
    // the same records by node, by provider, in a time range, and one by id (CLI)
    expect((await q.transactions({ node: n1.nodeId })).transactions.map((e) => e.id)).toEqual(records.map((e) => e.id));
    const first = records[0].record!.timestamp!.seconds;
    const last = records[records.length - 1].record!.timestamp!.seconds;
    const ranged = await cliQuery(['transactions', '--provider', provider, '--from', String(first), '--to', String(last)]);
    expect(ranged.transactions.map((e: any) => e.id)).toEqual(records.map((e) => e.id));
    const one = await cliQuery(['transaction', records[0].id]);
    expect(one.transaction.record.amount).toBe(records[0].record!.amount);
    expect((await cliQuery(['transactions', '--consumer', consumer, '--from', String(last + 1n)])).transactions).toEqual([]);

    const { liabilities } = await q.provider(provider);
    expect(liabilities.find((l) => l.denom === 'rcpu')).toMatchObject({ minted: '100', served: '3', outstanding: '97', reserved: '0' });
  });

  test('the resource score raises the linked validator’s power in /validators; missed heartbeats lower it', async () => {
    const stakePower = 100n; // the gentx self-delegation: 100 HYPER
    await waitFor(async () => (await votingPower()) > stakePower, 60_000, () => `power stayed at the stake's`);
    const rep = await q.reputation(provider);
    expect(BigInt(rep.score)).toBeGreaterThan(0n);
    const high = await votingPower();
    expect(high).toBeGreaterThan(stakePower);
    expect(high).toBeLessThanOrEqual(125n); // bonus_cap 0.25

    await stopRelay();
    await waitFor(async () => (await votingPower()) < high, 60_000, () => 'power did not fall after heartbeats stopped');
    const after = await q.reputation(provider);
    expect(BigInt(after.score)).toBeLessThan(BigInt(rep.score));
    expect(BigInt(after.windowsOnTime) * BigInt(rep.windowsExpected)).toBeLessThan(BigInt(rep.windowsOnTime) * BigInt(after.windowsExpected));
  });

  describe('bad input is refused with its code and changes nothing', () => {
    const snapshot = async () =>
      JSON.stringify({
        p: await q.provider(provider),
        n1: await q.node(n1.nodeId),
        n2: await q.node(n2.nodeId),
        rcpu: (await client.getBalance(consumer, 'rcpu')).amount,
        leases: await q.leases({}),
      }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const cases: [string, () => Promise<EncodeObject[]>, string, string, number][] = [
      ['heartbeat signed by the wrong key', async () => [heartbeatMsg(consumer, [{ ...signHeartbeat(n2, net.chainId, { sequence: 1_000_000n, height: await latestHeight() }), nodeId: n1.nodeId }])], 'dev1', 'resource', 14],
      ['heartbeat above the audited capacity', async () => [heartbeatMsg(consumer, [signHeartbeat(n1, net.chainId, { sequence: 1_000_000n, height: await latestHeight(), used: { cpuMillicores: 400_001n } })])], 'dev1', 'resource', 16],
      ['node capacity overflowing uint64 (the provider already has 600,000 millicores)', async () => {
        const n3 = nodeKeyFromSeed(new Uint8Array(32).fill(7));
        return [{ typeUrl: MSG_REGISTER_NODE, value: { provider, nodeId: n3.nodeId, clusterId: '', region: '', capacity: { cpuMillicores: MAX_UINT64 - 600_000n + 1n }, attributes: [], nodeSignature: signNodeRegistration(n3, net.chainId, provider) } }];
      }, 'validator', 'resource', 12],
      ['duplicate node id', async () => [{ typeUrl: MSG_REGISTER_NODE, value: { provider, nodeId: n1.nodeId, clusterId: '', region: '', capacity: { cpuMillicores: 1n }, attributes: [], nodeSignature: signNodeRegistration(n1, net.chainId, provider) } }], 'validator', 'resource', 8],
      ['minting with too little bond', async () => [{ typeUrl: MSG_MINT, value: { provider, amount: { denom: 'rcpu', amount: '40' } } }], 'validator', 'resource', 20],
      ['redeeming more than held', async () => [{ typeUrl: MSG_REDEEM, value: { consumer, amount: { denom: 'rcpu', amount: '8' }, durationSeconds: 60n, provider: '', nodeId: '' } }], 'dev1', 'sdk', 5],
    ];
    test.each(cases)('%s', async (_name, build, who, codespace, code) => {
      const before = await snapshot();
      const seqBefore = (await client.getSequence((await signer(who)).address)).sequence;
      const res = await checkTx(who, await build());
      expect({ codespace: res.codespace, code: res.code }).toEqual({ codespace, code });
      await waitForHeight(net.rpc, Number(await latestHeight()) + 1);
      expect(await snapshot()).toBe(before);
      expect((await client.getSequence((await signer(who)).address)).sequence).toBe(seqBefore);
    });

    test('the CLI refuses a capacity above 2^64-1 before anything is signed', async () => {
      const r = await hm(['tx', 'resource', 'register-node', 'validator', '--node-key', path.join(dir(), 'n1.json'), '--cpu', (MAX_UINT64 + 1n).toString(), ...txFlags]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/larger than 2\^64-1/);
    });
  });
});
