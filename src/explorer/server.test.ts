import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { QueryAllBalancesRequest, QueryAllBalancesResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryAccountRequest, QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { accountAddresses } from '../crypto/address';
import { ExplorerIndexer, txHash, type QueryFn } from './indexer';
import { QueryError } from './query';
import { createExplorerHandler, type ExplorerHandler } from './server';
import { ADDRS, fakeRpc, syntheticChain, VALS } from './testing/synthetic';

const N = 300;
const blocks = syntheticChain(N + 1, 13);
let dir: string;
let staticDir: string;
let ix: ExplorerIndexer;
let rpc: Awaited<ReturnType<typeof fakeRpc>>;
let handler: ExplorerHandler;
let server: http.Server;
let base: string;

const query: QueryFn = (p, data) => {
  if (p === '/cosmos.bank.v1beta1.Query/AllBalances') {
    const { address } = QueryAllBalancesRequest.decode(data);
    const balances = address === ADDRS[0] ? [{ denom: 'uhyper', amount: '123456' }] : [];
    return QueryAllBalancesResponse.encode({ balances }).finish();
  }
  if (p === '/cosmos.auth.v1beta1.Query/Account') {
    const { address } = QueryAccountRequest.decode(data);
    if (address !== ADDRS[0]) throw new QueryError('sdk', 22, `account ${address} not found`);
    const acc = BaseAccount.fromPartial({ address, accountNumber: 7n, sequence: 3n });
    return QueryAccountResponse.encode({ account: { typeUrl: '/cosmos.auth.v1beta1.BaseAccount', value: BaseAccount.encode(acc).finish() } }).finish();
  }
  throw new QueryError('sdk', 6, `unknown query path ${p}`);
};

async function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: any }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${p}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? require('node:zlib').gunzipSync(buf).toString() : buf.toString();
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      })
      .on('error', reject);
  });
}

function request(method: string, p: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const r = http.request(`${base}${p}`, { method }, (res) => {
      let t = '';
      res.on('data', (c) => (t += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: t ? JSON.parse(t) : undefined }));
    });
    r.on('error', reject);
    r.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-explorer-srv-'));
  staticDir = path.join(dir, 'dist');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>HyperMesh explorer</title><div id="app"></div>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-AbC123.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
  fs.writeFileSync(path.join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  rpc = await fakeRpc(blocks.slice(0, N));
  ix = await ExplorerIndexer.open({ path: path.join(dir, 'explorer.db') });
  for (const b of blocks.slice(0, N)) ix.onBlock(b.req, b.res, b.appHash);
  await ix.idle();
  handler = createExplorerHandler({ indexer: ix, rpcUrl: rpc.url, query, staticDir, chainId: 'synthetic-1' });
  server = http.createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ gateway: true }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  handler.close();
  await new Promise<void>((r) => server.close(() => r()));
  await ix.close();
  await rpc.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const withTx = () => blocks.slice(0, N).find((b) => b.req.txs.length > 0 && b.res.txResults[0].code === 0)!;

describe('explorer API', () => {
  test('status', async () => {
    const r = await get('/explorer/api/status');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ latest: N, first: 1, chainId: 'synthetic-1', denom: 'uhyper', rpc: true, queries: true });
  });

  test('blocks: pages, detail with txs and header', async () => {
    const p = await get('/explorer/api/blocks?limit=5');
    expect(p.json.items.map((b: any) => b.height)).toEqual([300, 299, 298, 297, 296]);
    expect(p.json.next).toBe('296');
    const p2 = await get(`/explorer/api/blocks?limit=2&before=${p.json.next}`);
    expect(p2.json.items.map((b: any) => b.height)).toEqual([295, 294]);

    const b = withTx();
    const h = Number(b.req.height);
    const d = await get(`/explorer/api/blocks/${h}`);
    expect(d.status).toBe(200);
    expect(d.json.block.height).toBe(h);
    expect(d.json.txs.map((t: any) => t.hash)).toEqual(b.req.txs.map(txHash));
    expect(d.json.header.height).toBe(String(h));
  });

  test.each([
    ['/explorer/api/blocks/abc', 400, 3],
    ['/explorer/api/blocks/0', 400, 3],
    ['/explorer/api/blocks/-1', 400, 3],
    ['/explorer/api/blocks/1.5', 400, 3],
    ['/explorer/api/blocks/99999999999999999999', 400, 3],
    ['/explorer/api/blocks/%E0%A4%A', 400, 3],
    ['/explorer/api/blocks/100000', 404, 5],
    ['/explorer/api/blocks?limit=x', 400, 3],
    ['/explorer/api/blocks?before=-3', 400, 3],
    ['/explorer/api/txs/xyz', 400, 3],
    [`/explorer/api/txs/${'A'.repeat(63)}`, 400, 3],
    [`/explorer/api/txs/${'A'.repeat(64)}`, 404, 5],
    ['/explorer/api/txs?before=1', 400, 3],
    ['/explorer/api/accounts/notanaddress', 400, 3],
    ['/explorer/api/accounts/cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9', 400, 3],
    [`/explorer/api/accounts/${accountAddresses.encode(new Uint8Array(20).fill(99))}`, 404, 5],
    ['/explorer/api/search?q=', 400, 3],
    ['/explorer/api/search?q=hello%20world', 400, 3],
    ['/explorer/api/search?q=999999', 404, 5],
    [`/explorer/api/search?q=${'b'.repeat(64)}`, 404, 5],
    ['/explorer/api/analytics?from=abc', 400, 3],
    ['/explorer/api/analytics?range=1y', 400, 3],
    ['/explorer/api/analytics?points=0', 400, 3],
    ['/explorer/api/analytics?points=5000', 400, 3],
    ['/explorer/api/analytics?from=200&to=100', 400, 3],
    ['/explorer/api/validators?window=x', 400, 3],
    ['/explorer/api/gov/proposals', 501, 12],
    ['/explorer/api/nope', 404, 5],
    ['/explorer/api/blocks/1/2/3', 404, 5],
  ])('%s → %i', async (p, status, code) => {
    const r = await get(p);
    expect({ status: r.status, code: r.json?.code }).toEqual({ status, code });
    expect(typeof r.json.message).toBe('string');
  });

  test('tx by hash: record, decoded MsgSend, result with events; any case and 0x accepted', async () => {
    const b = withTx();
    const hash = txHash(b.req.txs[0]);
    for (const form of [hash, hash.toLowerCase(), `0x${hash}`]) {
      const r = await get(`/explorer/api/txs/${form}`);
      expect(r.status).toBe(200);
      expect(r.json.hash).toBe(hash);
      expect(r.json.record.height).toBe(Number(b.req.height));
      expect(r.json.tx.messages[0]['@type']).toBe('/cosmos.bank.v1beta1.MsgSend');
      expect(r.json.tx.messages[0].fromAddress).toMatch(/^hyper1/);
      expect(r.json.result.code).toBe(0);
      expect(r.json.result.events.some((e: any) => e.type === 'transfer')).toBe(true);
    }
  });

  test('account: balances, account, txs page; no staking → delegations null', async () => {
    const r = await get(`/explorer/api/accounts/${ADDRS[0]}?limit=3`);
    expect(r.status).toBe(200);
    expect(r.json.balances).toEqual([{ denom: 'uhyper', amount: '123456' }]);
    expect(r.json.account).toMatchObject({ '@type': '/cosmos.auth.v1beta1.BaseAccount', accountNumber: '7', sequence: '3' });
    expect(r.json.delegations).toBeNull();
    expect(r.json.txs.items).toHaveLength(3);
    expect(r.json.txs.total).toBeGreaterThan(3);
    const next = await get(`/explorer/api/accounts/${ADDRS[0]}/txs?limit=3&before=${r.json.txs.next}`);
    expect(next.json.items[0].height).toBeLessThanOrEqual(r.json.txs.items[2].height);
  });

  test('search: height, tx hash, block hash, address', async () => {
    const b = withTx();
    expect((await get('/explorer/api/search?q=42')).json).toEqual({ type: 'block', id: '42' });
    expect((await get(`/explorer/api/search?q=${txHash(b.req.txs[0]).toLowerCase()}`)).json).toEqual({ type: 'tx', id: txHash(b.req.txs[0]) });
    const bh = Buffer.from(blocks[9].req.hash).toString('hex');
    expect((await get(`/explorer/api/search?q=${bh}`)).json).toEqual({ type: 'block', id: '10' });
    expect((await get(`/explorer/api/search?q=%20${ADDRS[1].toUpperCase()}%20`)).json).toEqual({ type: 'account', id: ADDRS[1] });
  });

  test('analytics: ranges, blocks, explicit heights', async () => {
    const all = await get('/explorer/api/analytics?range=all&points=10');
    expect(all.status).toBe(200);
    expect(all.json.from).toBe(1);
    expect(all.json.to).toBe(N);
    expect(all.json.step).toBe(50); // 300 blocks / 10 points → 30, rounded up to a nice 50
    expect(all.json.points).toHaveLength(7);
    expect(all.json.points.reduce((n: number, p: any) => n + p.txs, 0)).toBe(blocks.slice(0, N).reduce((n, b) => n + b.req.txs.length, 0));
    const last = await get('/explorer/api/analytics?blocks=50&points=5');
    expect([last.json.from, last.json.to]).toEqual([251, 300]);
    const h = await get('/explorer/api/analytics?from=10&to=19&points=10');
    expect(h.json.points).toHaveLength(10);
    expect((await get('/explorer/api/analytics?range=1h')).status).toBe(200);
  });

  test('validators: CometBFT set joined with uptime when there is no staking module', async () => {
    const r = await get('/explorer/api/validators');
    expect(r.json.source).toBe('cometbft');
    expect(r.json.validators.map((v: any) => v.address).sort()).toEqual([...VALS].sort());
    for (const v of r.json.validators) expect(v.uptime.expected).toBeGreaterThan(0);
  });

  test('live: an SSE block event arrives when a block is indexed', async () => {
    const got = new Promise<string>((resolve, reject) => {
      const req = http.get(`${base}/explorer/api/live`, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (buf.includes('event: block')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
    await new Promise((r) => setTimeout(r, 100));
    const b = blocks[N];
    ix.onBlock(b.req, b.res, b.appHash);
    const text = await got;
    const data = JSON.parse(/event: block\nid: \d+\ndata: (.*)\n/.exec(text)![1]);
    expect(data.block.height).toBe(N + 1);
  });

  test('RPC proxy: allow-listed GETs only', async () => {
    const s = await get('/explorer/rpc/status');
    expect(s.status).toBe(200);
    expect(s.json.result.sync_info.latest_block_height).toBe(String(N));
    const blk = await get('/explorer/rpc/block?height=3');
    expect(blk.json.result.block.header.height).toBe('3');
    expect((await get('/explorer/rpc/broadcast_tx_sync?tx=0x00')).status).toBe(403);
    expect((await get('/explorer/rpc/unsafe_flush_mempool')).status).toBe(403);
    expect((await request('POST', '/explorer/rpc/status')).status).toBe(405);
    expect((await request('POST', '/explorer/api/status')).status).toBe(405);
  });
});

describe('static files', () => {
  test('index.html at / and at client routes (SPA fallback), revalidated', async () => {
    for (const p of ['/', '/blocks', '/block/5', '/tx/ABCD', `/account/${ADDRS[0]}`, '/analytics', '/validators', '/markets', '/index.html']) {
      const r = await get(p);
      expect({ p, status: r.status }).toEqual({ p, status: 200 });
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.text).toContain('HyperMesh explorer');
    }
    const first = await get('/');
    expect((await get('/', { 'if-none-match': String(first.headers.etag) })).status).toBe(304);
  });

  test('hashed assets: type, immutable caching, gzip', async () => {
    const r = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.text).toContain('console.log');
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/assets/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    // the URL parser resolves dot segments before we see the path: nothing outside dist is reachable
    expect((await get('/assets/%2e%2e/%2e%2e/%2e%2e/package.json')).json).toEqual({ gateway: true });
  });

  test('paths that are not the explorer fall through to the REST gateway', async () => {
    for (const p of ['/cosmos/bank/v1beta1/balances/x', '/blocks/latest', '/txs/ABC', '/node_info', '/hypermesh/market/v1/orders', '/block/1/extra', '/explorer']) {
      const r = await get(p);
      expect({ p, body: r.json }).toEqual({ p, body: { gateway: true } });
    }
  });

  test('without a build, client routes answer 503 with how to build it', async () => {
    const h = createExplorerHandler({ indexer: ix, staticDir: path.join(dir, 'nothing-here') });
    const s = http.createServer((req, res) => void h(req, res));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as AddressInfo).port;
    const text = await new Promise<{ status: number; body: string }>((resolve) =>
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      }),
    );
    expect(text.status).toBe(503);
    expect(text.body).toContain('npm run build:explorer');
    await new Promise<void>((r) => s.close(() => r()));
  });
});
