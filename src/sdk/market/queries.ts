/**
 * The x/market query extension for a cosmjs QueryClient: the generated client over ABCI query
 * (gRPC method paths), with requests completed by fromPartial so callers pass only what they mean.
 *
 * @example
 *   const q = QueryClient.withExtensions(comet, setupMarketExtension);
 *   const { bids, asks } = await q.market.orderBook('rcpu');
 */
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryClientImpl,
  QueryLeasesRequest,
  QueryOrderBookRequest,
  QueryOrdersRequest,
  QueryRequestsRequest,
  QueryTradesRequest,
  type QueryLeasesResponse,
  type QueryOrderBookResponse,
  type QueryOrdersResponse,
  type QueryPriceResponse,
  type QueryRequestResponse,
  type QueryRequestsResponse,
  type QueryTradesResponse,
} from '../../gen/hypermesh/market/v1/query';
import type { Lease, Order } from '../../gen/hypermesh/market/v1/market';
import type { Params } from '../../gen/hypermesh/market/v1/params';

export interface MarketExtension {
  readonly market: {
    readonly raw: QueryClientImpl;
    params(): Promise<Params>;
    orderBook(denom: string, filter?: Partial<QueryOrderBookRequest>): Promise<QueryOrderBookResponse>;
    order(id: bigint): Promise<Order>;
    orders(owner: string, filter?: Partial<QueryOrdersRequest>): Promise<QueryOrdersResponse>;
    trades(denom: string, filter?: Partial<QueryTradesRequest>): Promise<QueryTradesResponse>;
    price(denom: string): Promise<QueryPriceResponse>;
    requests(filter?: Partial<QueryRequestsRequest>): Promise<QueryRequestsResponse>;
    request(id: bigint): Promise<QueryRequestResponse>;
    leases(filter?: Partial<QueryLeasesRequest>): Promise<QueryLeasesResponse>;
    lease(id: bigint): Promise<Lease>;
  };
}

export function setupMarketExtension(base: QueryClient): MarketExtension {
  const raw = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    market: {
      raw,
      params: async () => (await raw.Params({})).params!,
      orderBook: (denom, filter = {}) => raw.OrderBook(QueryOrderBookRequest.fromPartial({ ...filter, denom })),
      order: async (id) => (await raw.Order({ id })).order!,
      orders: (owner, filter = {}) => raw.Orders(QueryOrdersRequest.fromPartial({ ...filter, owner })),
      trades: (denom, filter = {}) => raw.Trades(QueryTradesRequest.fromPartial({ ...filter, denom })),
      price: (denom) => raw.Price({ denom }),
      requests: (filter = {}) => raw.Requests(QueryRequestsRequest.fromPartial(filter)),
      request: (id) => raw.Request({ id }),
      leases: (filter = {}) => raw.Leases(QueryLeasesRequest.fromPartial(filter)),
      lease: async (id) => (await raw.Lease({ id })).lease!,
    },
  };
}
