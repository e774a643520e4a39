/** hypermesh.market.v1.Query: gRPC method paths over ABCI query (cosmjs QueryClient works unchanged). */
import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import {
  QueryLeaseRequest,
  QueryLeaseResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryOrderBookRequest,
  QueryOrderBookResponse,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryOrdersRequest,
  QueryOrdersResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPriceRequest,
  QueryPriceResponse,
  QueryRequestRequest,
  QueryRequestResponse,
  QueryRequestsRequest,
  QueryRequestsResponse,
  QueryTradesRequest,
  QueryTradesResponse,
} from '../../src/gen/hypermesh/market/v1/query';
import { LeaseState, RequestStatus, Side, type PriceLevel, type Trade } from '../../src/gen/hypermesh/market/v1/market';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { concatBytes } from '../../src/store/bytes';
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import { requestBids } from './auctions';
import * as book from './book';
import type { MarketKeeper } from './keeper';
import { twap } from './prices';

const Q = '/hypermesh.market.v1.Query/';

function route<Q, R>(path: string, request: QueryRoute<Q, R>['request'], response: QueryRoute<Q, R>['response'], handle: (ctx: Context, req: Q) => R): QueryRoute<Q, R> {
  return { path: Q + path, request, response, handle };
}

function limitOf(req: PageRequest | undefined): bigint {
  const l = req?.limit ?? 0n;
  if (l > MAX_PAGE_LIMIT) throw invalidArgument(`pagination limit ${l} exceeds the maximum of ${MAX_PAGE_LIMIT}`);
  return l === 0n ? DEFAULT_PAGE_LIMIT : l;
}

/** Aggregated levels of one side, from `start` (an encoded book key) on; next key = first order of the next level. */
function levels(k: MarketKeeper, ctx: Context, denom: string, side: Side, req: PageRequest | undefined): { levels: PriceLevel[]; next: Uint8Array } {
  const limit = limitOf(req);
  const prefix = book.sidePrefix(denom, side);
  const key = req?.key ?? new Uint8Array();
  const out: PriceLevel[] = [];
  let cur: { price: bigint; qty: bigint; n: number } | undefined;
  for (const [raw, , id] of k.state.book.entries(ctx, { prefix, ...(key.length > 0 ? { start: key } : {}) })) {
    const o = k.state.orders.get(ctx, id)!;
    const price = Dec.fromProto(o.price).raw;
    if (!cur || cur.price !== price) {
      if (cur) out.push({ price: Dec.fromRaw(cur.price).toProto(), quantity: cur.qty.toString(), orders: cur.n });
      if (BigInt(out.length) >= limit) return { levels: out, next: Uint8Array.from(raw) };
      cur = { price, qty: 0n, n: 0 };
    }
    cur.qty += BigInt(o.quantity) - BigInt(o.filled);
    cur.n++;
  }
  if (cur) out.push({ price: Dec.fromRaw(cur.price).toProto(), quantity: cur.qty.toString(), orders: cur.n });
  return { levels: out, next: new Uint8Array() };
}

/** Pages over a key range [start, end) of a collection, by next key or offset. */
function pageRange<K, V, R>(ctx: Context, map: CMap<K, V>, req: PageRequest | undefined, range: { prefix?: Uint8Array; start?: Uint8Array; end?: Uint8Array }, select: (k: K, v: V) => R | undefined): { items: R[]; pagination: PageResponse } {
  const limit = limitOf(req);
  const key = req?.key ?? new Uint8Array();
  const offset = req?.offset ?? 0n;
  const reverse = req?.reverse ?? false;
  if (key.length > 0 && offset > 0n) throw invalidArgument('either offset or key is expected, got both');
  let { start, end } = range;
  if (key.length > 0) {
    if (reverse) end = concatBytes(key, Uint8Array.of(0));
    else start = key;
  }
  const items: R[] = [];
  let seen = 0n;
  let total = 0n;
  let next = new Uint8Array();
  for (const [raw, k, v] of map.entries(ctx, { prefix: range.prefix, start, end, reverse })) {
    const r = select(k, v);
    if (r === undefined) continue;
    total++;
    if (++seen <= offset) continue;
    if (BigInt(items.length) < limit) items.push(r);
    else {
      next = Uint8Array.from(raw);
      if (!req?.countTotal) break;
    }
  }
  return { items, pagination: { nextKey: next, total: req?.countTotal ? total : 0n } };
}

export function marketQueries(k: MarketKeeper, addrs: AddressCodec): QueryRoute[] {
  const address = (s: string, what: string): Uint8Array => {
    try {
      return addrs.decode(s);
    } catch (e) {
      throw invalidArgument(`${what}: ${(e as Error).message}`);
    }
  };
  const market = (ctx: Context, denom: string) => {
    if (!k.params(ctx).markets.some((m) => m.denom === denom)) throw notFound(`no ${denom}/uhyper market`);
  };

  return [
    route('Params', QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: k.params(ctx) })),

    route('OrderBook', QueryOrderBookRequest, QueryOrderBookResponse, (ctx, req: QueryOrderBookRequest) => {
      market(ctx, req.denom);
      if (req.side === Side.SIDE_BUY || req.side === Side.SIDE_SELL) {
        const r = levels(k, ctx, req.denom, req.side, req.pagination);
        return { bids: req.side === Side.SIDE_BUY ? r.levels : [], asks: req.side === Side.SIDE_SELL ? r.levels : [], pagination: { nextKey: r.next, total: 0n } };
      }
      const page = { key: new Uint8Array(), offset: 0n, limit: req.pagination?.limit ?? 0n, countTotal: false, reverse: false };
      return { bids: levels(k, ctx, req.denom, Side.SIDE_BUY, page).levels, asks: levels(k, ctx, req.denom, Side.SIDE_SELL, page).levels, pagination: { nextKey: new Uint8Array(), total: 0n } };
    }),

    route('Order', QueryOrderRequest, QueryOrderResponse, (ctx, req: QueryOrderRequest) => {
      const order = k.state.orders.get(ctx, req.id);
      if (!order) throw notFound(`order ${req.id} not found (only queued and resting orders are kept)`);
      return { order };
    }),

    route('Orders', QueryOrdersRequest, QueryOrdersResponse, (ctx, req: QueryOrdersRequest) => {
      if (req.owner === '') throw invalidArgument('owner is required');
      let prefix = CMap.prefixOf(keys.bytes, address(req.owner, 'owner'));
      if (req.denom !== '') prefix = concatBytes(prefix, keys.string.encodeNonTerminal(req.denom));
      const page = paginate(ctx, k.state.ordersByOwner, req.pagination, ([, , id]) => k.state.orders.get(ctx, id), prefix);
      return { orders: page.items, pagination: page.pagination };
    }),

    route('Trades', QueryTradesRequest, QueryTradesResponse, (ctx, req: QueryTradesRequest) => {
      market(ctx, req.denom);
      if (req.fromHeight < 0n || req.toHeight < 0n) throw invalidArgument('heights must not be negative');
      const rel = (h: bigint) => k.state.trades.key([req.denom, h, 0n]).subarray(k.state.trades.prefix.length);
      const prefix = keys.string.encodeNonTerminal(req.denom);
      const range = { prefix, start: req.fromHeight > 0n ? rel(req.fromHeight) : undefined, end: req.toHeight > 0n ? rel(req.toHeight + 1n) : undefined };
      const page = pageRange(ctx, k.state.trades, req.pagination, range, (_k, t: Trade) => t);
      return { trades: page.items, pagination: page.pagination };
    }),

    route('Price', QueryPriceRequest, QueryPriceResponse, (ctx, req: QueryPriceRequest) => {
      market(ctx, req.denom);
      const st = k.state.prices.get(ctx, req.denom);
      const t = twap(k, ctx, req.denom);
      const reference = t?.price ?? k.deps.resource.paramReferencePrice(ctx, req.denom) ?? Dec.ZERO;
      return { lastPrice: st?.lastPrice ?? '0', lastHeight: st?.lastHeight ?? 0n, referencePrice: reference.toProto(), fromTrades: t !== undefined, windowSeconds: t?.windowSeconds ?? 0n };
    }),

    route('Requests', QueryRequestsRequest, QueryRequestsResponse, (ctx, req: QueryRequestsRequest) => {
      const keep = (status: RequestStatus) => req.status === RequestStatus.REQUEST_STATUS_UNSPECIFIED || status === req.status;
      if (req.consumer !== '') {
        const prefix = CMap.prefixOf(keys.bytes, address(req.consumer, 'consumer'));
        const page = paginate(ctx, k.state.requestsByConsumer, req.pagination, ([, id]) => {
          const r = k.state.requests.get(ctx, id)!;
          return keep(r.status) ? r : undefined;
        }, prefix);
        return { requests: page.items, pagination: page.pagination };
      }
      const page = paginate(ctx, k.state.requests, req.pagination, (_id, r) => (keep(r.status) ? r : undefined));
      return { requests: page.items, pagination: page.pagination };
    }),

    route('Request', QueryRequestRequest, QueryRequestResponse, (ctx, req: QueryRequestRequest) => {
      const request = k.state.requests.get(ctx, req.id);
      if (!request) throw notFound(`request ${req.id} not found`);
      return { request, bids: request.status === RequestStatus.REQUEST_STATUS_OPEN ? requestBids(k, ctx, req.id) : [] };
    }),

    route('Leases', QueryLeasesRequest, QueryLeasesResponse, (ctx, req: QueryLeasesRequest) => {
      if (req.consumer !== '' && req.provider !== '') throw invalidArgument('give consumer or provider, not both');
      const keep = (id: bigint) => {
        const l = k.state.leases.get(ctx, id)!;
        return !req.activeOnly || l.state === LeaseState.LEASE_STATE_ACTIVE ? l : undefined;
      };
      if (req.consumer !== '' || req.provider !== '') {
        const [map, who] = req.consumer !== '' ? [k.state.leasesByConsumer, address(req.consumer, 'consumer')] : [k.state.leasesByProvider, address(req.provider, 'provider')];
        const page = paginate(ctx, map, req.pagination, ([, id]) => keep(id), CMap.prefixOf(keys.bytes, who));
        return { leases: page.items, pagination: page.pagination };
      }
      const page = req.activeOnly ? paginate(ctx, k.state.activeLeases, req.pagination, (id) => keep(id)) : paginate(ctx, k.state.leases, req.pagination, (_id, l) => l);
      return { leases: page.items, pagination: page.pagination };
    }),

    route('Lease', QueryLeaseRequest, QueryLeaseResponse, (ctx, req: QueryLeaseRequest) => {
      const lease = k.state.leases.get(ctx, req.id);
      if (!lease) throw notFound(`lease ${req.id} not found`);
      return { lease };
    }),
  ];
}
