/**
 * x/market state: every collection of the `market` store, declared once (README, "State").
 * Addresses are stored as their bytes (length-prefixed in composite keys). A book key is
 * (denom, side ‖ 16-byte price key, rest sequence): asks sort by price ascending, bids by price
 * descending (the price key of a bid is 2^128 − 1 − price), then by arrival within a price.
 */
import { Bid, Lease, Order, PriceSnapshot, PriceState, Request, Trade } from '../../src/gen/hypermesh/market/v1/market';
import { Params } from '../../src/gen/hypermesh/market/v1/params';
import { keys, Schema, values } from '../../src/store/collections';

export const ModuleName = 'market';
export const StoreKey = 'market';
/** The quote denom of every pair. */
export const QUOTE_DENOM = 'uhyper';

export const MarketPrefix = {
  params: 0x01,
  blockOrders: 0x02,
  orders: 0x10,
  ordersByOwner: 0x11,
  queue: 0x12,
  book: 0x13,
  nextOrderId: 0x14,
  nextRestSequence: 0x15,
  trades: 0x20,
  nextTradeId: 0x21,
  prices: 0x22,
  snapshots: 0x23,
  requests: 0x30,
  requestsByConsumer: 0x31,
  closingRequests: 0x32,
  nextRequestId: 0x33,
  bids: 0x34,
  nextBidSequence: 0x35,
  leases: 0x40,
  leasesByConsumer: 0x41,
  leasesByProvider: 0x42,
  activeLeases: 0x43,
  leaseOfResourceLease: 0x44,
  nextLeaseId: 0x45,
  pendingLeases: 0x46,
} as const;

const P = MarketPrefix;
const addr = keys.bytes;

export function marketState() {
  const s = new Schema(StoreKey);
  return {
    params: s.item(P.params, 'params', values.proto(Params)),
    /** orders accepted in the current block (reset by EndBlock) */
    blockOrders: s.item(P.blockOrders, 'block_orders', values.uint64),

    /** order id → Order (queued and resting orders only) */
    orders: s.map(P.orders, 'orders', keys.uint64, values.proto(Order)),
    /** (owner, denom, order id) → — */
    ordersByOwner: s.map(P.ordersByOwner, 'orders_by_owner', keys.triple(addr, keys.string, keys.uint64), values.none),
    /** order id → — : orders placed in this block, matched in its EndBlock */
    queue: s.map(P.queue, 'queue', keys.uint64, values.none),
    /** (denom, side ‖ price key, rest sequence) → order id : the resting orders in priority order */
    book: s.map(P.book, 'book', keys.triple(keys.string, keys.bytes, keys.uint64), values.uint64),
    nextOrderId: s.sequence(P.nextOrderId, 'next_order_id'),
    nextRestSequence: s.sequence(P.nextRestSequence, 'next_rest_sequence'),

    /** (denom, height, trade id) → Trade */
    trades: s.map(P.trades, 'trades', keys.triple(keys.string, keys.uint64, keys.uint64), values.proto(Trade)),
    nextTradeId: s.sequence(P.nextTradeId, 'next_trade_id'),
    /** denom → PriceState */
    prices: s.map(P.prices, 'prices', keys.string, values.proto(PriceState)),
    /** (denom, Unix seconds) → PriceSnapshot, inside the TWAP window (and the last one before it) */
    snapshots: s.map(P.snapshots, 'snapshots', keys.pair(keys.string, keys.uint64), values.proto(PriceSnapshot)),

    /** request id → Request */
    requests: s.map(P.requests, 'requests', keys.uint64, values.proto(Request)),
    requestsByConsumer: s.map(P.requestsByConsumer, 'requests_by_consumer', keys.pair(addr, keys.uint64), values.none),
    /** (bidding end height, request id) → — : open requests by the block that closes them */
    closingRequests: s.map(P.closingRequests, 'closing_requests', keys.pair(keys.uint64, keys.uint64), values.none),
    nextRequestId: s.sequence(P.nextRequestId, 'next_request_id'),
    /** (request id, provider) → Bid */
    bids: s.map(P.bids, 'bids', keys.pair(keys.uint64, addr), values.proto(Bid)),
    nextBidSequence: s.sequence(P.nextBidSequence, 'next_bid_sequence'),

    /** market lease id → Lease */
    leases: s.map(P.leases, 'leases', keys.uint64, values.proto(Lease)),
    leasesByConsumer: s.map(P.leasesByConsumer, 'leases_by_consumer', keys.pair(addr, keys.uint64), values.none),
    leasesByProvider: s.map(P.leasesByProvider, 'leases_by_provider', keys.pair(addr, keys.uint64), values.none),
    /** market lease id → — : streaming every block */
    activeLeases: s.map(P.activeLeases, 'active_leases', keys.uint64, values.none),
    /** x/resource lease id → market lease id */
    leaseOfResourceLease: s.map(P.leaseOfResourceLease, 'lease_of_resource_lease', keys.uint64, values.uint64),
    nextLeaseId: s.sequence(P.nextLeaseId, 'next_lease_id'),
    /** market lease id → — : leases x/resource's hooks marked for a close or a renewal in the next EndBlock */
    pendingLeases: s.map(P.pendingLeases, 'pending_leases', keys.uint64, values.none),
  };
}
export type MarketState = ReturnType<typeof marketState>;
