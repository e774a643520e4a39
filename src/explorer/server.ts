/**
 * The explorer's HTTP handler, mounted by the node's REST server (port 1317):
 *
 *   /                          the web app (SPA: client routes get index.html)
 *   /assets/*                  its content-hashed bundles (cached for a year)
 *   /explorer/api/...          JSON API over the indexer and the app's queries (see README.md)
 *   /explorer/api/live         Server-Sent Events: one `block` event per indexed block
 *   /explorer/rpc/<method>     GET proxy to CometBFT RPC, read-only methods only
 *
 * `handle(req, res)` returns false for any other path, so the REST gateway can try its routes.
 * Errors are JSON {code, message} with gRPC-gateway codes (3 invalid argument / 400,
 * 5 not found / 404, 12 unimplemented / 501, 14 unavailable / 502, 13 internal / 500).
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { QueryAllBalancesRequest, QueryAllBalancesResponse, QuerySpendableBalancesRequest, QuerySpendableBalancesResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryAccountRequest, QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryDelegatorDelegationsRequest, QueryDelegatorDelegationsResponse, QueryValidatorsRequest, QueryValidatorsResponse } from 'cosmjs-types/cosmos/staking/v1beta1/query';
import { QueryProposalsRequest, QueryProposalsResponse } from 'cosmjs-types/cosmos/gov/v1/query';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import type { Logger } from '../abci/logger';
import { silentLogger } from '../abci/logger';
import { accountAddresses, validatorAddresses } from '../crypto/address';
import type { ExplorerIndexer, QueryFn } from './indexer';
import { isUnknownQuery, queryProto, QueryError } from './query';
import { cometRpc, RpcError, type CometRpc } from './rpc';
import { defaultStaticDir, StaticFiles } from './static_files';
import { anyJson, jsonSafe, msgRegistry, txView, type MsgRegistry } from './tx_view';
import type { ApiError, Series } from './types';

export interface ExplorerDeps {
  indexer: ExplorerIndexer;
  /** CometBFT RPC (full blocks, txs with events, the proxy). */
  rpcUrl?: string;
  /** The app's ABCI query (balances, accounts, validators, proposals). */
  query?: QueryFn;
  /** The node's type registry, so the chain's own messages decode; cosmjs defaults otherwise. */
  registry?: MsgRegistry;
  /** The built web app (default: web/dist beside this module). */
  staticDir?: string;
  chainId?: string;
  logger?: Logger;
}

export type ExplorerHandler = ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) & {
  /** Ends open live streams (call before closing the HTTP server). */
  close(): void;
};

/** Client routes of the web app: their paths get index.html. Only these first segments are claimed. */
const CLIENT_ROUTES = /^\/(?:|blocks|txs|validators|analytics|gov|providers|markets|(?:block|tx|account|validator)\/[^/]+)\/?$/;

/** CometBFT RPC methods the browser may call through /explorer/rpc/ (all read-only). */
export const RPC_ALLOWED = new Set([
  'abci_info',
  'abci_query',
  'block',
  'block_by_hash',
  'block_results',
  'block_search',
  'blockchain',
  'commit',
  'consensus_params',
  'header',
  'header_by_hash',
  'health',
  'net_info',
  'num_unconfirmed_txs',
  'status',
  'tx',
  'tx_search',
  'validators',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
const bad = (m: string) => new HttpError(400, 3, m);
const notFound = (m: string) => new HttpError(404, 5, m);
const notEnabled = (module: string) => new HttpError(501, 12, `module ${module} not enabled on this chain`);

const HEIGHT_RE = /^[1-9]\d{0,15}$/;
const HASH_RE = /^(?:0x)?([0-9a-fA-F]{64})$/;
const RANGES: Record<string, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

export function createExplorerHandler(deps: ExplorerDeps): ExplorerHandler {
  const log = deps.logger ?? silentLogger;
  const files = new StaticFiles(deps.staticDir ?? defaultStaticDir());
  const rpc: CometRpc | undefined = deps.rpcUrl ? cometRpc(deps.rpcUrl) : undefined;
  const reg = msgRegistry(deps.registry);
  const ix = deps.indexer;
  const streams = new Set<http.ServerResponse>();

  const q = (): QueryFn => {
    if (!deps.query) throw new HttpError(503, 14, 'this explorer has no access to app queries');
    return deps.query;
  };
  const needRpc = (): CometRpc => {
    if (!rpc) throw new HttpError(503, 14, 'this explorer has no CometBFT RPC');
    return rpc;
  };
  /** Runs a query; undefined when the module is not on this chain. */
  async function optional<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (isUnknownQuery(e)) return undefined;
      throw e;
    }
  }

  // --- API routes ---------------------------------------------------------------------

  async function api(route: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    const parts = route.split('/').filter(Boolean).map(decodeSegment);
    const p = url.searchParams;
    const [head, id, sub] = parts;
    switch (head) {
      case 'status':
        return { ...ix.status(), chainId: deps.chainId ?? ix.status().chainId, rpc: !!rpc, queries: !!deps.query };
      case 'blocks':
        if (id === undefined) return ix.blocks({ before: optHeight(p.get('before'), 'before'), limit: optInt(p.get('limit'), 'limit') });
        if (parts.length > 2) break;
        return blockDetail(height(id));
      case 'txs':
        if (id === undefined) return ix.txs({ before: cursor(p.get('before')), limit: optInt(p.get('limit'), 'limit') });
        if (parts.length > 2) break;
        return txDetail(txHash(id));
      case 'accounts':
        if (id === undefined || parts.length > 2 && sub !== 'txs') break;
        if (sub === 'txs') return ix.txsByAddress(address(id), { before: cursor(p.get('before')), limit: optInt(p.get('limit'), 'limit') });
        return accountDetail(address(id), p);
      case 'search':
        if (id !== undefined) break;
        return search(p.get('q') ?? '');
      case 'analytics':
        if (id !== undefined) break;
        return analytics(p);
      case 'validators':
        if (id !== undefined) break;
        return validators(optInt(p.get('window'), 'window') ?? 10_000);
      case 'gov':
        if (id !== 'proposals' || parts.length > 2) break;
        return proposals();
      case 'live':
        if (id !== undefined) break;
        live(req, res);
        return LIVE;
    }
    throw notFound(`no explorer API at ${url.pathname}`);
  }

  async function blockDetail(h: number) {
    const block = await ix.block(h);
    if (!block) {
      const { latest, first } = ix.status();
      throw notFound(h > latest ? `block ${h} is not indexed yet (latest is ${latest})` : `block ${h} is not in the index (it starts at ${first})`);
    }
    const txs = await ix.blockTxs(h);
    let header: unknown;
    if (rpc) {
      try {
        header = (await rpc.call('block', { height: h })).block?.header;
      } catch (e) {
        log.debug({ err: (e as Error).message }, 'explorer: block header from RPC');
      }
    }
    return { block, txs, header };
  }

  async function txDetail(hash: string) {
    const record = await ix.tx(hash);
    let raw: Uint8Array | undefined;
    let result: any;
    let h = record?.height;
    let index = record?.index;
    if (rpc) {
      try {
        const r = await rpc.call('tx', { hash: `0x${hash}` });
        raw = new Uint8Array(Buffer.from(r.tx, 'base64'));
        result = r.tx_result;
        h = Number(r.height);
        index = r.index;
      } catch (e) {
        // CometBFT's tx index may be off ("null" indexer): read the block instead
        if (record) {
          try {
            const [b, br] = await Promise.all([rpc.call('block', { height: record.height }), rpc.call('block_results', { height: record.height })]);
            raw = new Uint8Array(Buffer.from(b.block.data.txs[record.index], 'base64'));
            result = br.txs_results?.[record.index];
          } catch (e2) {
            log.debug({ err: (e2 as Error).message }, 'explorer: tx from block');
          }
        } else if (!(e instanceof RpcError)) throw e;
      }
    }
    if (!record && !raw) throw notFound(`tx ${hash} not found`);
    let tx: unknown;
    let decodeError: string | undefined;
    if (raw) {
      try {
        tx = txView(raw, reg);
      } catch (e) {
        decodeError = `not a cosmos tx: ${(e as Error).message}`;
      }
    }
    return {
      hash,
      height: h,
      index,
      record,
      tx,
      decodeError,
      result: result && {
        code: result.code ?? 0,
        codespace: result.codespace ?? '',
        log: result.log ?? '',
        gasWanted: result.gas_wanted ?? '0',
        gasUsed: result.gas_used ?? '0',
        events: (result.events ?? []).map((e: any) => ({ type: e.type, attributes: (e.attributes ?? []).map((a: any) => ({ key: a.key, value: a.value ?? '' })) })),
      },
    };
  }

  async function accountDetail(addr: string, p: URLSearchParams) {
    const txs = await ix.txsByAddress(addr, { before: cursor(p.get('before')), limit: optInt(p.get('limit'), 'limit') });
    const out: Record<string, unknown> = { address: addr, txs };
    if (deps.query) {
      const query = deps.query;
      const [balances, spendable, account, delegations] = await Promise.all([
        optional(() => queryProto(query, '/cosmos.bank.v1beta1.Query/AllBalances', QueryAllBalancesRequest, QueryAllBalancesResponse, { address: addr, pagination: { limit: 200n } as any })),
        optional(() => queryProto(query, '/cosmos.bank.v1beta1.Query/SpendableBalances', QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, { address: addr, pagination: { limit: 200n } as any })),
        accountQuery(query, addr),
        optional(() => queryProto(query, '/cosmos.staking.v1beta1.Query/DelegatorDelegations', QueryDelegatorDelegationsRequest, QueryDelegatorDelegationsResponse, { delegatorAddr: addr })),
      ]);
      out.balances = balances?.balances.map((c) => ({ denom: c.denom, amount: c.amount })) ?? [];
      out.spendable = spendable?.balances.map((c) => ({ denom: c.denom, amount: c.amount }));
      out.account = account;
      out.delegations = delegations ? jsonSafe(delegations.delegationResponses, reg) : null;
      if (!account && (balances?.balances.length ?? 0) === 0 && (txs.total ?? 0) === 0) throw notFound(`account ${addr} not found`);
    } else if ((txs.total ?? 0) === 0) {
      throw notFound(`account ${addr} not found`);
    }
    return out;
  }

  async function accountQuery(query: QueryFn, addr: string) {
    try {
      const r = await queryProto(query, '/cosmos.auth.v1beta1.Query/Account', QueryAccountRequest, QueryAccountResponse, { address: addr });
      return r.account ? anyJson(r.account.typeUrl, r.account.value, reg) : undefined;
    } catch (e) {
      if (e instanceof QueryError) return undefined; // not found (code 22 / grpc NotFound) or no auth
      throw e;
    }
  }

  async function search(raw: string) {
    const s = raw.trim();
    if (s === '') throw bad('empty search');
    if (HEIGHT_RE.test(s)) {
      const h = Number(s);
      if (await ix.block(h)) return { type: 'block', id: String(h) };
      throw notFound(`block ${h} is not indexed (latest is ${ix.status().latest})`);
    }
    const m = HASH_RE.exec(s);
    if (m) {
      const hash = m[1].toUpperCase();
      if (await ix.tx(hash)) return { type: 'tx', id: hash };
      const h = await ix.heightOfBlockHash(hash);
      if (h !== undefined) return { type: 'block', id: String(h) };
      throw notFound(`no tx or block with hash ${hash}`);
    }
    const lower = s.toLowerCase();
    if (accountAddresses.isValid(lower)) return { type: 'account', id: lower };
    if (validatorAddresses.isValid(lower)) return { type: 'validator', id: lower };
    throw bad(`not a height, a tx or block hash, or an address: ${JSON.stringify(s.slice(0, 100))}`);
  }

  async function analytics(p: URLSearchParams): Promise<Series> {
    const { latest, first } = ix.status();
    const points = optInt(p.get('points'), 'points') ?? 100;
    if (points < 1 || points > 1000) throw bad('points must be 1..1000');
    let from = optHeight(p.get('from'), 'from');
    let to = optHeight(p.get('to'), 'to');
    const range = p.get('range');
    const blocks = optInt(p.get('blocks'), 'blocks');
    if (range !== null) {
      if (range === 'all') from = first || 1;
      else if (RANGES[range] !== undefined) from = await ix.heightAt(ix.status().latestTimeMs - RANGES[range]);
      else throw bad(`range must be one of 1h, 24h, 7d, 30d, all`);
      to = latest;
    } else if (blocks !== undefined) {
      if (blocks < 1) throw bad('blocks must be positive');
      to = to ?? latest;
      from = Math.max(1, to - blocks + 1);
    }
    from ??= Math.max(first || 1, latest - 999);
    to ??= latest;
    if (from > to && latest > 0) throw bad(`from (${from}) is above to (${to})`);
    return ix.series(from, to, points);
  }

  async function validators(window: number) {
    if (window < 1) throw bad('window must be positive');
    const uptime = new Map((await ix.validatorUptime(window)).map((u) => [u.address, u]));
    const staking = deps.query
      ? await optional(() => queryProto(deps.query!, '/cosmos.staking.v1beta1.Query/Validators', QueryValidatorsRequest, QueryValidatorsResponse, { status: '', pagination: { limit: 500n } as any }))
      : undefined;
    let comet: Array<{ address: string; voting_power: string }> = [];
    if (rpc) {
      try {
        comet = (await rpc.call('validators', { per_page: 100 })).validators ?? [];
      } catch (e) {
        log.debug({ err: (e as Error).message }, 'explorer: validators from RPC');
      }
    }
    const power = new Map(comet.map((v) => [v.address.toUpperCase(), v.voting_power]));
    if (staking) {
      return {
        source: 'staking',
        window,
        validators: staking.validators.map((v) => {
          const cons = consAddress(v.consensusPubkey);
          return {
            address: cons,
            operator: v.operatorAddress,
            moniker: v.description?.moniker ?? '',
            power: cons ? power.get(cons) ?? '0' : '0',
            tokens: v.tokens,
            commission: decString(v.commission?.commissionRates?.rate ?? '0'),
            jailed: v.jailed,
            status: v.status,
            uptime: cons ? uptime.get(cons) : undefined,
          };
        }),
      };
    }
    const addrs = new Set([...power.keys(), ...uptime.keys()]);
    return {
      source: 'cometbft',
      window,
      validators: [...addrs].map((a) => ({ address: a, power: power.get(a) ?? '0', active: power.has(a), uptime: uptime.get(a) })),
    };
  }

  async function proposals() {
    const r = await optional(() => queryProto(q(), '/cosmos.gov.v1.Query/Proposals', QueryProposalsRequest, QueryProposalsResponse, { pagination: { limit: 100n, reverse: true } as any }));
    if (!r) throw notEnabled('gov');
    return { proposals: jsonSafe(r.proposals, reg) };
  }

  function live(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(`retry: 2000\nevent: status\ndata: ${JSON.stringify(ix.status())}\n\n`);
    const unsubscribe = ix.subscribe((block, txs) => {
      res.write(`event: block\nid: ${block.height}\ndata: ${JSON.stringify({ block, txs: txs.slice(0, 50) })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    streams.add(res);
    const end = () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', end);
    res.on('close', end);
  }

  // --- RPC proxy ----------------------------------------------------------------------

  async function proxy(method: string, url: URL, res: http.ServerResponse): Promise<void> {
    if (!RPC_ALLOWED.has(method)) throw new HttpError(403, 7, `RPC method ${JSON.stringify(method)} is not allowed through the explorer`);
    const base = needRpc().url;
    let upstream: Response;
    try {
      upstream = await fetch(`${base}/${method}${url.search}`, { signal: AbortSignal.timeout(15_000) });
    } catch (e) {
      throw new HttpError(502, 14, `CometBFT RPC unavailable: ${(e as Error).message}`);
    }
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json', 'Cache-Control': 'no-store', 'Content-Length': body.length });
    res.end(body);
  }

  // --- dispatch -----------------------------------------------------------------------

  const handler = ((req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://explorer');
    } catch {
      return false;
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/explorer/api/') || path === '/explorer/api') {
      if (method !== 'GET' && method !== 'HEAD') return sendError(res, new HttpError(405, 12, `${method} is not supported`)), true;
      api(path.slice('/explorer/api'.length), url, req, res)
        .then((body) => {
          if (body !== LIVE) sendJson(res, 200, body);
        })
        .catch((e) => sendError(res, e, log));
      return true;
    }
    if (path.startsWith('/explorer/rpc/')) {
      if (method !== 'GET') return sendError(res, new HttpError(405, 12, 'only GET is proxied')), true;
      proxy(decodeSegment(path.slice('/explorer/rpc/'.length)), url, res).catch((e) => sendError(res, e, log));
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (path.startsWith('/assets/')) {
      const file = files.resolve(path);
      if (!file) return sendError(res, notFound(`no such asset ${path}`)), true;
      files.send(req, res, file, true);
      return true;
    }
    if (CLIENT_ROUTES.test(path) || path === '/index.html') {
      if (!files.available()) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The explorer web app is not built: run `npm run build:explorer`.\nIts API is at /explorer/api/status.\n');
        return true;
      }
      files.send(req, res, files.resolve('/index.html')!, false);
      return true;
    }
    // other files at the root of the build (favicon.svg, robots.txt)
    if (/^\/[\w.-]+\.(?:svg|ico|png|txt|webmanifest)$/.test(path)) {
      const file = files.resolve(path);
      if (file) {
        files.send(req, res, file, false);
        return true;
      }
    }
    return false;
  }) as ExplorerHandler;
  handler.close = () => {
    for (const s of streams) s.end();
    streams.clear();
  };
  return handler;
}

const LIVE = Symbol('live');

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: unknown, log: Logger = silentLogger): void {
  let err: ApiError;
  let status: number;
  if (e instanceof HttpError) {
    status = e.status;
    err = { code: e.code, message: e.message };
  } else if (e instanceof RangeError) {
    status = 400;
    err = { code: 3, message: e.message };
  } else if (e instanceof QueryError) {
    status = 502;
    err = { code: 14, message: `query failed: ${e.message}` };
  } else if (e instanceof RpcError) {
    status = 502;
    err = { code: 14, message: `CometBFT RPC: ${e.message}` };
  } else {
    log.error({ err: e }, 'explorer: API error');
    status = 500;
    err = { code: 13, message: `internal error: ${(e as Error)?.message ?? String(e)}` };
  }
  sendJson(res, status, err);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw bad(`bad URL encoding in ${JSON.stringify(s)}`);
  }
}

function height(s: string): number {
  if (!HEIGHT_RE.test(s) || !Number.isSafeInteger(Number(s))) throw bad(`height must be a positive integer, got ${JSON.stringify(s.slice(0, 40))}`);
  return Number(s);
}

function optHeight(s: string | null, name: string): number | undefined {
  if (s === null || s === '') return undefined;
  if (!HEIGHT_RE.test(s)) throw bad(`${name} must be a positive integer, got ${JSON.stringify(s.slice(0, 40))}`);
  return Number(s);
}

function optInt(s: string | null, name: string): number | undefined {
  if (s === null || s === '') return undefined;
  if (!/^\d{1,9}$/.test(s)) throw bad(`${name} must be a non-negative integer, got ${JSON.stringify(s.slice(0, 40))}`);
  return Number(s);
}

function cursor(s: string | null): string | undefined {
  if (s === null || s === '') return undefined;
  if (!/^\d{1,15}\.\d{1,6}$/.test(s)) throw bad(`before must be HEIGHT.INDEX, got ${JSON.stringify(s.slice(0, 40))}`);
  return s;
}

function txHash(s: string): string {
  const m = HASH_RE.exec(s);
  if (!m) throw bad(`tx hash must be 64 hex digits, got ${JSON.stringify(s.slice(0, 80))}`);
  return m[1].toUpperCase();
}

function address(s: string): string {
  const a = s.toLowerCase();
  if (!accountAddresses.isValid(a)) throw bad(`not a ${accountAddresses.prefix} address: ${JSON.stringify(s.slice(0, 100))}`);
  return a;
}

/** CometBFT address (upper-case hex) of an ed25519 consensus key Any. */
function consAddress(pk: { typeUrl: string; value: Uint8Array } | undefined): string | undefined {
  if (!pk || pk.typeUrl !== '/cosmos.crypto.ed25519.PubKey') return undefined;
  const key = Ed25519PubKey.decode(pk.value).key;
  return createHash('sha256').update(key).digest().subarray(0, 20).toString('hex').toUpperCase();
}

/** A LegacyDec as protobuf carries it (integer scaled by 10^18) → decimal string. */
function decString(s: string): string {
  if (!/^\d+$/.test(s)) return s;
  const p = s.padStart(19, '0');
  return `${p.slice(0, -18)}.${p.slice(-18)}`.replace(/\.?0+$/, '') || '0';
}
