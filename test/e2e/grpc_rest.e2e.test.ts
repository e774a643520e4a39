/**
 * Issue 12 end to end: the node's gRPC server (with reflection) and REST gateway against a real
 * devnet, with real clients: @grpc/grpc-js (raw bytes, cosmjs-types codecs), grpcurl (built with
 * `go install` into a temp dir when Go is there), plain fetch, and cosmjs for signing. Bad input
 * of every kind gets an SDK-style error and the node keeps serving.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { SigningStargateClient, StargateClient, type StdFee } from '@cosmjs/stargate';
import * as grpc from '@grpc/grpc-js';
import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { GetTxRequest, GetTxResponse, SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { createDevnet, height, waitFor, waitForHeight, type Devnet } from './helpers/devnet';
import { msgSend } from '../helpers/tx_builder';

jest.setTimeout(600_000);
const run = promisify(execFile);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '2000' }], gas: '200000' };
const KEEP_RECENT = 30;
const WALLET_ORIGIN = 'http://wallet.test';

// --- a raw-bytes gRPC client -----------------------------------------------------------------------

const bytes = (b: Buffer) => b;
const asBuffer = (b: Uint8Array) => Buffer.from(b);

interface UnaryResult {
  value: Buffer;
  headers: grpc.Metadata;
}

function unary(client: grpc.Client, path: string, request: Uint8Array, metadata = new grpc.Metadata()): Promise<UnaryResult> {
  return new Promise((resolve, reject) => {
    let headers = new grpc.Metadata();
    const call = client.makeUnaryRequest(path, asBuffer, bytes, request, metadata, {}, (err, value) => (err ? reject(err) : resolve({ value: value!, headers })));
    call.on('metadata', (md) => (headers = md));
  });
}

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: grpc.ServiceError) => e,
  );
}

/** One reflection request over the bidi stream; the raw ServerReflectionResponse back. */
function reflect(client: grpc.Client, version: 'v1alpha' | 'v1', field: number, value: string): Promise<BinaryReader> {
  return new Promise((resolve, reject) => {
    const call = client.makeBidiStreamRequest(`/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`, asBuffer, bytes, new grpc.Metadata());
    call.on('data', (b: Buffer) => {
      resolve(new BinaryReader(b));
      call.end();
    });
    call.on('error', reject);
    call.write(new BinaryWriter().uint32((field << 3) | 2).string(value).finish());
  });
}

/** The length-delimited field `n` of a message, each occurrence. */
function fieldsOf(r: BinaryReader, n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === n && (tag & 7) === 2) out.push(r.bytes());
    else r.skipType(tag & 7);
  }
  return out;
}

async function listServices(client: grpc.Client, version: 'v1alpha' | 'v1'): Promise<string[]> {
  const [list] = fieldsOf(await reflect(client, version, 7, '*'), 6);
  return fieldsOf(new BinaryReader(list), 1).map((s) => new TextDecoder().decode(fieldsOf(new BinaryReader(s), 1)[0]));
}

// --- tests ---------------------------------------------------------------------------------------

describe('gRPC and REST against a devnet', () => {
  let net: Devnet;
  let rest: string;
  let client: grpc.Client;
  let stargate: StargateClient;
  let grpcurl: string | undefined;
  let gobin: string | undefined;
  const grpcAddr = () => `127.0.0.1:${net.ports.grpc}`;

  beforeAll(async () => {
    net = await createDevnet({ extraInit: ['--dev-accounts', '6'] });
    // prune aggressively so a pruned height exists within the test; let a test origin use CORS
    const appToml = path.join(net.home, 'config', 'app.toml');
    fs.writeFileSync(
      appToml,
      fs
        .readFileSync(appToml, 'utf8')
        .replace(/keep-recent = \d+/, `keep-recent = ${KEEP_RECENT}`)
        .replace(/interval = \d+/, 'interval = 1')
        .replace('cors-allowed-origins = []', `cors-allowed-origins = ["${WALLET_ORIGIN}"]`),
    );
    const building = buildGrpcurl();
    await net.start();
    rest = `http://127.0.0.1:${net.ports.api}`;
    await waitForHeight(net.rpc, 2);
    // the API servers come up while CometBFT starts; wait until REST answers
    await waitFor(async () => (await fetch(`${rest}/cosmos/base/tendermint/v1beta1/syncing`).catch(() => undefined))?.status === 200, 30_000, () => `REST not up:\n${net.output.join('')}`);
    client = new grpc.Client(grpcAddr(), grpc.credentials.createInsecure());
    stargate = await StargateClient.connect(net.rpc);
    ({ grpcurl, gobin } = await building);
  });

  afterAll(async () => {
    client?.close();
    stargate?.disconnect();
    await net?.cleanup();
    if (gobin) fs.rmSync(gobin, { recursive: true, force: true });
  });

  const getJson = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${rest}${p}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const wallet = (i: number) => DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts[i].mnemonic, { prefix: 'hyper' });
  /** A MsgSend signed by cosmjs (offline, SIGN_MODE_DIRECT), as TxRaw bytes. */
  const signedSend = async (from: number, to: string, amount: number): Promise<Uint8Array> => {
    const w = await wallet(from);
    const [{ address }] = await w.getAccounts();
    const signer = await SigningStargateClient.offline(w);
    const acc = await stargate.getAccount(address);
    const raw = await signer.sign(address, [msgSend(address, to, amount)], FEE, 'grpc-rest e2e', {
      accountNumber: acc!.accountNumber,
      sequence: acc!.sequence,
      chainId: net.chainId,
    });
    return TxRaw.encode(raw).finish();
  };
  const balanceRequest = (address: string) => QueryBalanceRequest.encode({ address, denom: 'uhyper' }).finish();
  /** A good request still works (asserted after each bad one). */
  const stillServing = async () => {
    const r = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(net.devAccounts[0].address));
    expect(QueryBalanceResponse.decode(r.value).balance?.denom).toBe('uhyper');
    expect((await getJson(`/cosmos/bank/v1beta1/balances/${net.devAccounts[0].address}`)).status).toBe(200);
  };

  test('`hypermesh start` prints the gRPC, REST and explorer addresses', () => {
    const out = net.output.join('');
    expect(out).toContain(`gRPC:         127.0.0.1:${net.ports.grpc}`);
    expect(out).toContain(`REST (LCD):   http://127.0.0.1:${net.ports.api}`);
    expect(out).toContain(`explorer:     http://127.0.0.1:${net.ports.api}/`);
  });

  test('reflection (v1alpha and v1) lists the query services and serves their descriptors with imports', async () => {
    for (const v of ['v1alpha', 'v1'] as const) {
      const services = await listServices(client, v);
      expect(services).toEqual(
        expect.arrayContaining([
          'cosmos.auth.v1beta1.Query',
          'cosmos.bank.v1beta1.Query',
          'cosmos.staking.v1beta1.Query',
          'cosmos.slashing.v1beta1.Query',
          'cosmos.tx.v1beta1.Service',
          'cosmos.base.tendermint.v1beta1.Service',
          'grpc.reflection.v1alpha.ServerReflection',
          'grpc.reflection.v1.ServerReflection',
        ]),
      );
      const files = fieldsOf(new BinaryReader(fieldsOf(await reflect(client, v, 4, 'cosmos.bank.v1beta1.Query'), 4)[0]), 1).map((b) => fromBinary(FileDescriptorProtoSchema, b));
      expect(files[0].name).toBe('cosmos/bank/v1beta1/query.proto');
      expect(files[0].service[0].method.map((m) => m.name)).toContain('Balance');
      const names = new Set(files.map((f) => f.name));
      for (const f of files) for (const dep of f.dependency) expect(names).toContain(dep); // transitively closed
      expect(names).toContain('gogoproto/gogo.proto');
    }
    // an unknown symbol is an error response (field 7), not a broken stream
    const err = fieldsOf(await reflect(client, 'v1', 4, 'no.such.Symbol'), 7);
    expect(err).toHaveLength(1);
  });

  test('grpcurl lists and describes the services', async () => {
    if (!grpcurl) {
      console.warn('grpcurl assertion skipped: `go` is not available or `go install grpcurl` failed');
      return;
    }
    const { stdout } = await run(grpcurl, ['-plaintext', grpcAddr(), 'list']);
    const listed = stdout.trim().split('\n');
    expect(listed).toEqual(expect.arrayContaining(['cosmos.bank.v1beta1.Query', 'cosmos.auth.v1beta1.Query', 'cosmos.tx.v1beta1.Service', 'cosmos.base.tendermint.v1beta1.Service']));
    const described = await run(grpcurl, ['-plaintext', grpcAddr(), 'describe', 'cosmos.bank.v1beta1.Query.Balance']);
    expect(described.stdout).toContain('/cosmos/bank/v1beta1/balances/{address}/by_denom');
    const called = await run(grpcurl, ['-plaintext', '-d', JSON.stringify({ address: net.devAccounts[0].address, denom: 'uhyper' }), grpcAddr(), 'cosmos.bank.v1beta1.Query/Balance']);
    expect(JSON.parse(called.stdout).balance.denom).toBe('uhyper');
  });

  test('bank Balance over gRPC carries x-cosmos-block-height and agrees with cosmjs', async () => {
    const address = net.devAccounts[0].address;
    const r = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(address));
    const h = Number(r.headers.get('x-cosmos-block-height')[0]);
    expect(h).toBeGreaterThanOrEqual(2);
    const atH = new grpc.Metadata();
    atH.set('x-cosmos-block-height', String(h));
    const again = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(address), atH);
    expect(QueryBalanceResponse.decode(again.value)).toEqual(QueryBalanceResponse.decode(r.value));
    expect(QueryBalanceResponse.decode(r.value).balance?.amount).toBe((await stargate.getBalance(address, 'uhyper')).amount);
  });

  test('tx Simulate over gRPC with a cosmjs-signed tx', async () => {
    const tx = await signedSend(1, net.devAccounts[2].address, 5);
    const r = await unary(client, '/cosmos.tx.v1beta1.Service/Simulate', SimulateRequest.encode({ txBytes: tx }).finish());
    const sim = SimulateResponse.decode(r.value);
    expect(Number(sim.gasInfo?.gasUsed)).toBeGreaterThan(30_000);
    expect(sim.result?.events.map((e) => e.type)).toContain('transfer');
    // and the same over REST (POST /cosmos/tx/v1beta1/simulate)
    const res = await fetch(`${rest}/cosmos/tx/v1beta1/simulate`, { method: 'POST', body: JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64') }) });
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(Number(body.gas_info.gas_used)).toBe(Number(sim.gasInfo?.gasUsed));
  });

  test('REST paths answer the SDK JSON shapes', async () => {
    const address = net.devAccounts[0].address;
    const balances = await getJson(`/cosmos/bank/v1beta1/balances/${address}?pagination.count_total=true`);
    expect(balances.status).toBe(200);
    expect(balances.body).toEqual({ balances: [{ denom: 'uhyper', amount: expect.stringMatching(/^\d+$/) }], pagination: { next_key: null, total: '1' } });
    expect(Number(balances.headers.get('grpc-metadata-x-cosmos-block-height'))).toBeGreaterThan(0);

    const byDenom = await getJson(`/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=uhyper`);
    expect(byDenom.body).toEqual({ balance: { denom: 'uhyper', amount: balances.body.balances[0].amount } });

    const account = await getJson(`/cosmos/auth/v1beta1/accounts/${address}`);
    expect(account.body.account).toMatchObject({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address, account_number: expect.stringMatching(/^\d+$/), sequence: expect.stringMatching(/^\d+$/) });
    expect(Object.keys(account.body.account)).toEqual(['@type', 'address', 'pub_key', 'account_number', 'sequence']);

    const supply = await getJson('/cosmos/bank/v1beta1/supply/by_denom?denom=uhyper');
    expect(supply.body.amount).toEqual({ denom: 'uhyper', amount: expect.stringMatching(/^\d+$/) });

    const params = await getJson('/cosmos/staking/v1beta1/params');
    expect(params.body.params).toMatchObject({ bond_denom: 'uhyper', unbonding_time: expect.stringMatching(/s$/) });

    const latest = await getJson('/cosmos/base/tendermint/v1beta1/blocks/latest');
    expect(latest.status).toBe(200);
    expect(Object.keys(latest.body)).toEqual(['block_id', 'block', 'sdk_block']);
    expect(latest.body.block.header).toMatchObject({ chain_id: net.chainId, height: expect.stringMatching(/^\d+$/) });
    expect(latest.body.sdk_block.header.proposer_address).toMatch(/^hypervalcons1/);
    expect(latest.body.block.last_commit.signatures[0].block_id_flag).toBe('BLOCK_ID_FLAG_COMMIT');

    const b2 = await getJson('/cosmos/base/tendermint/v1beta1/blocks/2');
    expect(b2.body.block.header.height).toBe('2');
    expect(b2.body.block_id.hash).toBe(Buffer.from((await fetch(`${net.rpc}/block?height=2`).then((r) => r.json()) as any).result.block_id.hash, 'hex').toString('base64'));

    const nodeInfo = await getJson('/cosmos/base/tendermint/v1beta1/node_info');
    expect(nodeInfo.body.default_node_info).toMatchObject({ network: net.chainId, version: expect.stringMatching(/^0\.38\./) });
    expect(nodeInfo.body.application_version).toMatchObject({ name: 'hypermesh', app_name: 'hypermesh' });

    expect((await getJson('/cosmos/base/tendermint/v1beta1/syncing')).body).toEqual({ syncing: false });

    const vals = await getJson('/cosmos/base/tendermint/v1beta1/validatorsets/latest');
    expect(vals.body.validators[0]).toMatchObject({ address: expect.stringMatching(/^hypervalcons1/), pub_key: { '@type': '/cosmos.crypto.ed25519.PubKey', key: expect.any(String) }, voting_power: expect.stringMatching(/^\d+$/) });
    expect(vals.body.pagination).toEqual({ next_key: null, total: '1' });

    expect((await getJson('/cosmos/base/node/v1beta1/config')).body).toMatchObject({ minimum_gas_price: '0.01uhyper' });
  });

  test('POST /cosmos/tx/v1beta1/txs broadcasts a cosmjs-signed tx; GET finds it by hash and by events', async () => {
    const from = (await (await wallet(3)).getAccounts())[0].address;
    const to = net.devAccounts[4].address;
    const tx = await signedSend(3, to, 4321);
    const res = await fetch(`${rest}/cosmos/tx/v1beta1/txs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64'), mode: 'BROADCAST_MODE_SYNC' }),
    });
    expect(res.status).toBe(200);
    const { tx_response: sent } = (await res.json()) as any;
    expect(sent).toMatchObject({ code: 0, txhash: expect.stringMatching(/^[0-9A-F]{64}$/), height: '0' });

    let found: any;
    await waitFor(async () => {
      const r = await getJson(`/cosmos/tx/v1beta1/txs/${sent.txhash}`);
      found = r.body;
      return r.status === 200;
    }, 30_000, () => `tx ${sent.txhash} not found: ${JSON.stringify(found)}`);
    expect(found.tx.body.messages[0]).toEqual({ '@type': '/cosmos.bank.v1beta1.MsgSend', from_address: from, to_address: to, amount: [{ denom: 'uhyper', amount: '4321' }] });
    expect(found.tx.body.memo).toBe('grpc-rest e2e');
    expect(found.tx_response).toMatchObject({ txhash: sent.txhash, code: 0, height: expect.stringMatching(/^\d+$/), gas_used: expect.stringMatching(/^\d+$/) });
    expect(found.tx_response.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(found.tx_response.tx['@type']).toBe('/cosmos.tx.v1beta1.Tx');
    expect(found.tx_response.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['tx', 'message', 'transfer']));

    // the same over gRPC
    const g = GetTxResponse.decode((await unary(client, '/cosmos.tx.v1beta1.Service/GetTx', GetTxRequest.encode({ hash: sent.txhash }).finish())).value);
    expect(g.txResponse?.height).toBe(BigInt(found.tx_response.height));

    // by events (the deprecated events= form) and by query=
    const byEvents = await getJson(`/cosmos/tx/v1beta1/txs?events=${encodeURIComponent(`message.sender='${from}'`)}&events=${encodeURIComponent(`tx.height=${found.tx_response.height}`)}`);
    expect(byEvents.status).toBe(200);
    expect(byEvents.body.tx_responses.map((t: any) => t.txhash)).toContain(sent.txhash);
    expect(byEvents.body.total).toBe(String(byEvents.body.tx_responses.length));
    const byQuery = await getJson(`/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(`transfer.recipient='${to}'`)}&order_by=ORDER_BY_DESC&limit=5`);
    expect(byQuery.body.tx_responses[0].txhash).toBe(sent.txhash);
    expect(byQuery.body.txs[0].body.messages[0]['@type']).toBe('/cosmos.bank.v1beta1.MsgSend');

    // x-cosmos-block-height: the recipient's balance before the tx's block
    const h = Number(found.tx_response.height);
    const now = await getJson(`/cosmos/bank/v1beta1/balances/${to}/by_denom?denom=uhyper`);
    const before = await getJson(`/cosmos/bank/v1beta1/balances/${to}/by_denom?denom=uhyper`, { 'x-cosmos-block-height': String(h - 1) });
    expect(before.headers.get('grpc-metadata-x-cosmos-block-height')).toBe(String(h - 1));
    expect(BigInt(now.body.balance.amount) - BigInt(before.body.balance.amount)).toBe(4321n);
    const md = new grpc.Metadata();
    md.set('x-cosmos-block-height', String(h - 1));
    const old = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(to), md);
    expect(QueryBalanceResponse.decode(old.value).balance?.amount).toBe(before.body.balance.amount);
    expect(old.headers.get('x-cosmos-block-height')).toEqual([String(h - 1)]);

    // broadcasting the same bytes again: the SDK's code 19 (tx already in mempool cache), not an HTTP error
    const again = await fetch(`${rest}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64'), mode: 'BROADCAST_MODE_SYNC' }) });
    const againBody = (await again.json()) as any;
    expect(again.status).toBe(200);
    expect([19, 32]).toContain(againBody.tx_response.code); // in cache, or already committed (sequence used)
  });

  describe('bad input: an SDK-style error, and the node keeps serving', () => {
    test('unknown gRPC method → UNIMPLEMENTED', async () => {
      const e = await grpcError(unary(client, '/cosmos.bank.v1beta1.Query/NoSuchMethod', new Uint8Array()));
      expect(e.code).toBe(grpc.status.UNIMPLEMENTED);
      const e2 = await grpcError(unary(client, '/no.such.Service/Method', new Uint8Array()));
      expect(e2.code).toBe(grpc.status.UNIMPLEMENTED);
      await stillServing();
    });

    test('malformed bytes to a gRPC method → INVALID_ARGUMENT', async () => {
      const e = await grpcError(unary(client, '/cosmos.bank.v1beta1.Query/Balance', Uint8Array.of(0x0a, 0xff, 0xff)));
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      await stillServing();
    });

    test('malformed address in a REST path → 400 {code: 3, message, details: []}', async () => {
      for (const p of ['/cosmos/bank/v1beta1/balances/hyper1notanaddress', '/cosmos/auth/v1beta1/accounts/cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a', '/cosmos/bank/v1beta1/balances/%20']) {
        const r = await getJson(p);
        expect(r.status).toBe(400);
        expect(r.body).toEqual({ code: 3, message: expect.any(String), details: [] });
      }
      await stillServing();
    });

    test('a pruned height → NOT_FOUND (404); a future height → INVALID_ARGUMENT (400); garbage → 400', async () => {
      await waitForHeight(net.rpc, KEEP_RECENT + 5);
      const address = net.devAccounts[0].address;
      const p = `/cosmos/bank/v1beta1/balances/${address}`;
      const pruned = await getJson(p, { 'x-cosmos-block-height': '1' });
      expect(pruned.status).toBe(404);
      expect(pruned.body).toMatchObject({ code: 5, details: [] });
      const future = await getJson(p, { 'x-cosmos-block-height': String((await height(net.rpc)) + 1000) });
      expect(future.status).toBe(400);
      expect(future.body).toMatchObject({ code: 3, message: expect.stringContaining('in the future') });
      for (const bad of ['abc', '-5', '1.5']) {
        const r = await getJson(p, { 'x-cosmos-block-height': bad });
        expect([r.status, r.body.code]).toEqual([400, 3]);
      }
      const md = (h: string) => {
        const m = new grpc.Metadata();
        m.set('x-cosmos-block-height', h);
        return m;
      };
      expect((await grpcError(unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(address), md('1')))).code).toBe(grpc.status.NOT_FOUND);
      expect((await grpcError(unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(address), md('99999999')))).code).toBe(grpc.status.INVALID_ARGUMENT);
      expect((await grpcError(unary(client, '/cosmos.bank.v1beta1.Query/Balance', balanceRequest(address), md('abc')))).code).toBe(grpc.status.INVALID_ARGUMENT);
      // a block height beyond the chain for the CometBFT service
      const block = await getJson('/cosmos/base/tendermint/v1beta1/blocks/99999999');
      expect([block.status, block.body.code]).toEqual([400, 3]);
      await stillServing();
    });

    test('bad pagination: a key that is not base64, a non-numeric offset or limit, a limit above 1000 → 400', async () => {
      const p = `/cosmos/bank/v1beta1/balances/${net.devAccounts[0].address}`;
      for (const q of ['pagination.key=***', 'pagination.key=abc', 'pagination.offset=abc', 'pagination.limit=-1', 'pagination.limit=5000', 'pagination.count_total=maybe', 'pagination.key=AA==&pagination.offset=1']) {
        const r = await getJson(`${p}?${q}`);
        expect({ q, status: r.status, code: r.body.code, details: r.body.details }).toEqual({ q, status: 400, code: 3, details: [] });
        expect(typeof r.body.message).toBe('string');
      }
      const ok = await getJson(`${p}?pagination.limit=1000&pagination.reverse=true`);
      expect(ok.status).toBe(200);
      await stillServing();
    });

    test('unknown REST path → 501; bad tx hash → 400; unknown tx → 404; bad JSON body → 400; empty events → 400', async () => {
      const unknown = await getJson('/cosmos/nothing/v1beta1/here');
      expect([unknown.status, unknown.body]).toEqual([501, { code: 12, message: 'Not Implemented', details: [] }]);
      expect((await getJson('/cosmos/tx/v1beta1/txs/nothex')).status).toBe(400);
      expect((await getJson(`/cosmos/tx/v1beta1/txs/${'AB'.repeat(32)}`)).status).toBe(404);
      expect((await getJson('/cosmos/tx/v1beta1/txs')).status).toBe(400);
      const badBody = await fetch(`${rest}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: '{"tx_bytes": ' });
      expect([badBody.status, ((await badBody.json()) as any).code]).toEqual([400, 3]);
      const badTx = await fetch(`${rest}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ tx_bytes: 'AAAA', mode: 'BROADCAST_MODE_SYNC' }) });
      expect(badTx.status).toBe(200); // CheckTx refuses it: a TxResponse with the SDK's code, as the SDK answers
      expect(((await badTx.json()) as any).tx_response.code).toBe(2);
      await stillServing();
    });
  });

  test('the explorer is mounted on the REST port; its live stream is not buffered', async () => {
    const status = await getJson('/explorer/api/status');
    expect(status.status).toBe(200);
    expect(status.body.chainId).toBe(net.chainId);
    const ac = new AbortController();
    const started = Date.now();
    const res = await fetch(`${rest}/explorer/api/live`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    // the status event at once, then a block event as the chain moves: each arrives as it is written
    let text = '';
    const seen: number[] = [];
    while (!text.includes('event: block')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
      seen.push(Date.now() - started);
    }
    expect(text).toMatch(/^retry: \d+\nevent: status\n/);
    expect(text).toContain('event: block');
    expect(seen[0]).toBeLessThan(2000);
    expect(seen[seen.length - 1]).toBeLessThan(10_000);
    ac.abort();
    await reader.cancel().catch(() => undefined);
  });

  test('chain info for wallets and registries; CORS for an allowed origin', async () => {
    const info = await getJson('/hypermesh/chain-info');
    expect(info.body.keplr).toMatchObject({
      chainId: net.chainId,
      rpc: net.rpc,
      rest,
      bech32Config: { bech32PrefixAccAddr: 'hyper', bech32PrefixValAddr: 'hypervaloper', bech32PrefixConsAddr: 'hypervalcons' },
      stakeCurrency: { coinDenom: 'HYPER', coinMinimalDenom: 'uhyper', coinDecimals: 6 },
      feeCurrencies: [{ coinDenom: 'HYPER', coinMinimalDenom: 'uhyper', coinDecimals: 6, gasPriceStep: { low: 0.01, average: 0.025, high: 0.04 } }],
    });
    expect(info.body.chain).toMatchObject({ chain_id: net.chainId, bech32_prefix: 'hyper', fees: { fee_tokens: [{ denom: 'uhyper', fixed_min_gas_price: 0.01 }] } });
    expect((await getJson('/hypermesh/chain-info/keplr')).body.chainId).toBe(net.chainId);

    const pre = await fetch(`${rest}/cosmos/bank/v1beta1/params`, { method: 'OPTIONS', headers: { origin: WALLET_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(WALLET_ORIGIN);
    const other = await fetch(`${rest}/cosmos/bank/v1beta1/params`, { headers: { origin: 'http://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/** grpcurl built into a temp GOBIN (skipped when `go` is missing or the build fails). */
async function buildGrpcurl(): Promise<{ grpcurl?: string; gobin?: string }> {
  const preset = process.env.GRPCURL_BIN;
  if (preset && fs.existsSync(preset)) return { grpcurl: preset };
  const gobin = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-grpcurl-'));
  try {
    await run('go', ['install', 'github.com/fullstorydev/grpcurl/cmd/grpcurl@latest'], { env: { ...process.env, GOBIN: gobin }, timeout: 540_000 });
    return { grpcurl: path.join(gobin, 'grpcurl'), gobin };
  } catch (e) {
    console.warn(`could not build grpcurl: ${(e as Error).message.split('\n')[0]}`);
    return { gobin };
  }
}
