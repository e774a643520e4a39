/**
 * Both transports over one MethodTable, in process: the real app's query router behind a gRPC
 * server (grpc-js client, raw bytes) and the REST server (fetch), no CometBFT. The CometBFT-backed
 * services are covered by test/e2e/grpc_rest.e2e.test.ts.
 */
import type http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { QueryParamsRequest as MintParamsRequest, QueryParamsResponse as MintParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/query';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryRouter } from '../app/query_router';
import { CHAIN_ID, startTestApp, type TestApp } from '../../test/helpers/test_app';
import { msgSend, signTx, testKey, type TestKey } from '../../test/helpers/tx_builder';
import { parseDecCoins } from '../types/dec_coins';
import { MethodTable, type QueryApp } from './methods';
import { chainInfo } from './rest/chain_info';
import { createGateway } from './rest/gateway';
import { startRestServer, type RunningRestServer } from './rest/server';
import { startGrpcServer, type RunningGrpcServer } from './server';
import { Code } from './status';

const unary = (client: grpc.Client, path: string, req: Uint8Array, md = new grpc.Metadata()) =>
  new Promise<{ value: Buffer; headers: grpc.Metadata }>((resolve, reject) => {
    let headers = new grpc.Metadata();
    const call = client.makeUnaryRequest(path, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, req, md, {}, (err, value) => (err ? reject(err) : resolve({ value: value!, headers })));
    call.on('metadata', (m) => (headers = m));
  });

describe('gRPC and REST over the in-process app', () => {
  let t: TestApp;
  let alice: TestKey;
  let bob: TestKey;
  let table: MethodTable;
  let grpcServer: RunningGrpcServer;
  let restServer: RunningRestServer;
  let client: grpc.Client;
  const explorerHits: string[] = [];

  beforeAll(async () => {
    alice = await testKey(1);
    bob = await testKey(2);
    t = await startTestApp([{ address: alice.address, uhyper: 10_000_000n }]);
    await t.block([]);
    await t.block([await signTx(alice, [msgSend(alice.address, bob.address, 1000)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0 })]);
    await t.block([]);
    table = new MethodTable(t.app, { latest: () => t.cms.lastCommitId().version, earliest: () => 1 });
    grpcServer = await startGrpcServer({ address: '127.0.0.1:0', table });
    restServer = await startRestServer({
      address: '127.0.0.1:0',
      gateway: createGateway(table),
      cors: { allowedOrigins: ['http://ok.test'] },
      explorer: (req, res: http.ServerResponse) => {
        if (!req.url?.startsWith('/explorer/')) return false;
        explorerHits.push(req.url);
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('explorer');
        return true;
      },
      chainInfo: () => chainInfo({ chainId: CHAIN_ID, minimumGasPrices: parseDecCoins('0.02uhyper'), rpcUrl: 'http://rpc', restUrl: restServer.url, ibcTransfer: false, appVersion: 'test' }),
    });
    client = new grpc.Client(grpcServer.address, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await grpcServer?.close();
    await restServer?.close();
    await t?.close();
  });

  test('services come from the query router; methods from the descriptors; missing ones are UNIMPLEMENTED', async () => {
    expect(table.services).toEqual(expect.arrayContaining(['cosmos.auth.v1beta1.Query', 'cosmos.bank.v1beta1.Query', 'cosmos.staking.v1beta1.Query']));
    expect(table.services).not.toContain('cosmos.tx.v1beta1.Service'); // built-ins only when passed
    const bank = table.methodsOf('cosmos.bank.v1beta1.Query');
    expect(bank.map((m) => m.name)).toEqual(expect.arrayContaining(['Balance', 'AllBalances', 'TotalSupply']));
    for (const m of bank) expect(m.implemented).toBe(t.app.queryRouter.has(m.path));
    const missing = bank.find((m) => !m.implemented);
    if (missing) await expect(table.invoke(missing.path, new Uint8Array())).rejects.toMatchObject({ code: Code.UNIMPLEMENTED });
    await expect(table.invoke('/cosmos.bank.v1beta1.Query/Nope', new Uint8Array())).rejects.toMatchObject({ code: Code.UNIMPLEMENTED });
  });

  test('a module that adds query routes is served on both transports with no code here', async () => {
    const router = new QueryRouter();
    router.add({ path: '/cosmos.mint.v1beta1.Query/Params', request: MintParamsRequest, response: MintParamsResponse, handle: () => ({ params: { mintDenom: 'uhyper', inflationRateChange: '130000000000000000', inflationMax: '200000000000000000', inflationMin: '70000000000000000', goalBonded: '670000000000000000', blocksPerYear: 6311520n } }) });
    const app: QueryApp = { queryRouter: router, readCtx: () => t.app.readCtx(t.cms.lastCommitId().version), simulate: () => new Uint8Array(), query: t.app.query.bind(t.app) };
    const small = new MethodTable(app, { latest: () => 3, earliest: () => 1 });
    expect(small.services).toEqual(['cosmos.mint.v1beta1.Query']);
    const rest = await startRestServer({ address: '127.0.0.1:0', gateway: createGateway(small) });
    try {
      const body = (await (await fetch(`${rest.url}/cosmos/mint/v1beta1/params`)).json()) as any;
      expect(body.params).toMatchObject({ mint_denom: 'uhyper', inflation_max: '0.200000000000000000', blocks_per_year: '6311520' });
      const other = await fetch(`${rest.url}/cosmos/mint/v1beta1/inflation`);
      expect([other.status, ((await other.json()) as any).code]).toEqual([501, Code.UNIMPLEMENTED]);
    } finally {
      await rest.close();
    }
  });

  test('gRPC: raw bytes to the router, x-cosmos-block-height both ways', async () => {
    const req = QueryBalanceRequest.encode({ address: bob.address, denom: 'uhyper' }).finish();
    const now = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', req);
    expect(QueryBalanceResponse.decode(now.value).balance?.amount).toBe('1000');
    expect(now.headers.get('x-cosmos-block-height')).toEqual(['3']);
    const md = new grpc.Metadata();
    md.set('x-cosmos-block-height', '1');
    const before = await unary(client, '/cosmos.bank.v1beta1.Query/Balance', req, md);
    expect(QueryBalanceResponse.decode(before.value).balance?.amount).toBe('0');
    expect(before.headers.get('x-cosmos-block-height')).toEqual(['1']);
    await expect(unary(client, '/cosmos.bank.v1beta1.Query/Nope', req)).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    await expect(unary(client, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest.encode({ address: 'bad', denom: 'uhyper' }).finish())).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    md.set('x-cosmos-block-height', '4');
    await expect(unary(client, '/cosmos.bank.v1beta1.Query/Balance', req, md)).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('in the future') });
  });

  test('REST: SDK JSON, height header, SDK-style errors', async () => {
    const get = async (p: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`${restServer.url}${p}`, { headers });
      return { status: r.status, headers: r.headers, body: (await r.json()) as any };
    };
    const b = await get(`/cosmos/bank/v1beta1/balances/${bob.address}?pagination.count_total=true`);
    expect(b.body).toEqual({ balances: [{ denom: 'uhyper', amount: '1000' }], pagination: { next_key: null, total: '1' } });
    expect(b.headers.get('grpc-metadata-x-cosmos-block-height')).toBe('3');
    const old = await get(`/cosmos/bank/v1beta1/balances/${bob.address}`, { 'x-cosmos-block-height': '1' });
    expect(old.body.balances).toEqual([]);
    expect((await get(`/cosmos/auth/v1beta1/accounts/${bob.address}`)).body.account['@type']).toBe('/cosmos.auth.v1beta1.BaseAccount');
    expect(await get('/cosmos/auth/v1beta1/accounts/hyper1zzzz')).toMatchObject({ status: 400, body: { code: 3, details: [] } });
    expect(await get(`/cosmos/auth/v1beta1/accounts/${(await testKey(9)).address}`)).toMatchObject({ status: 404, body: { code: 5, message: expect.stringMatching(/^account hyper1\w+ not found$/), details: [] } });
    expect(await get('/nothing')).toMatchObject({ status: 501, body: { code: 12, message: 'Not Implemented', details: [] } });
    const post = await fetch(`${restServer.url}/cosmos/bank/v1beta1/params`, { method: 'POST' });
    expect([post.status, ((await post.json()) as any).message]).toEqual([501, 'Method Not Allowed']);
  });

  test('REST server: the explorer first, chain info, CORS only for allowed origins', async () => {
    const e = await fetch(`${restServer.url}/explorer/api/status`);
    expect(await e.text()).toBe('explorer');
    expect(explorerHits).toEqual(['/explorer/api/status']);
    const info = (await (await fetch(`${restServer.url}/hypermesh/chain-info/keplr`)).json()) as any;
    expect(info.feeCurrencies[0].gasPriceStep).toEqual({ low: 0.02, average: 0.05, high: 0.08 });
    expect(info.rest).toBe(restServer.url);
    const ok = await fetch(`${restServer.url}/cosmos/bank/v1beta1/params`, { headers: { origin: 'http://ok.test' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://ok.test');
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/X-Cosmos-Block-Height/);
    const no = await fetch(`${restServer.url}/cosmos/bank/v1beta1/params`, { headers: { origin: 'http://no.test' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});
