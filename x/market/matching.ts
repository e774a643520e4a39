/**
 * EndBlock matching (README, "Matching"). The orders placed in a block are queued; its EndBlock
 * processes them one at a time, highest priority fee first, then by arrival (order id, which is
 * (tx index, msg index) order within the block), each as a taker against the book:
 *
 *   post-only  — expires if the best opposite price crosses it, else rests;
 *   FOK        — expires unless the book (at acceptable prices, before any order of its owner)
 *                fills all of it;
 *   then it trades with the best resting order while that price is acceptable (a buy: ask ≤ its
 *   limit; a sell: bid ≥ its limit; a market order: any), at the resting order's price, for
 *   min(both remainders) (a market buy: as many lots as its budget pays with the taker fee);
 *   what is left rests if it is a limit GTC order, and expires otherwise (IOC, FOK, market).
 *
 * A fill of q at p: the buyer gets q tokens and pays notional = p × q plus its fee, the seller gets
 * the notional minus its fee; the taker pays taker_fee_bps, the maker maker_fee_bps (floor). A
 * buy's fee never exceeds the allowance it escrowed (governance may have raised fees since).
 * Coins move once per account at the end of the block (payouts.ts).
 */
import { EventOrderClosed, EventOrderMatched, EventOrderRested } from '../../src/gen/hypermesh/market/v1/events';
import { Order, OrderStatus, OrderType, Side, TimeInForce, Trade } from '../../src/gen/hypermesh/market/v1/market';
import type { Params } from '../../src/gen/hypermesh/market/v1/params';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import * as book from './book';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { QUOTE_DENOM } from './keys';
import { buyEscrow, dropOrder, escrowDenom, feeOf, notional } from './orders';
import { Payouts } from './payouts';
import { PriceUpdates } from './prices';

const ONE = Dec.ONE.raw;

interface Block {
  params: Params;
  pay: Payouts;
  prices: PriceUpdates;
}

/** Processes the block's queue; returns the number of trades. */
export function matchQueue(k: MarketKeeper, ctx: Context, pay: Payouts): number {
  const queued = [...k.state.queue.iterate(ctx)].map(([id]) => k.state.orders.get(ctx, id)!);
  k.state.blockOrders.remove(ctx);
  if (queued.length === 0) return 0;
  queued.sort((a, b) => {
    const fa = BigInt(a.priorityFee);
    const fb = BigInt(b.priorityFee);
    return fa > fb ? -1 : fa < fb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const blk: Block = { params: k.params(ctx), pay, prices: new PriceUpdates() };
  let trades = 0;
  for (const o of queued) {
    k.state.queue.delete(ctx, o.id);
    trades += processTaker(k, ctx, blk, o);
  }
  blk.prices.flush(k, ctx);
  return trades;
}

const remaining = (o: Order) => BigInt(o.quantity) - BigInt(o.filled);
const limitOf = (o: Order) => (o.orderType === OrderType.ORDER_TYPE_LIMIT ? Dec.fromProto(o.price).raw : undefined);

/**
 * The most token units (a multiple of `lot`, at most `cap`) a market buy with `budget` uhyper can
 * take at `price`, its taker fee included: the largest q with ceil(p × q) + fee ≤ budget (binary
 * search; the cost is monotonic in q).
 */
export function affordable(budget: bigint, priceRaw: bigint, feeBps: number, lot: bigint, cap: bigint): bigint {
  const cost = (q: bigint) => {
    const n = notional(priceRaw, q);
    return n + feeOf(n, feeBps);
  };
  let lo = 0n; // in lots
  let hi = cap / lot;
  const byBudget = (budget * ONE) / priceRaw / lot; // p × q ≤ budget
  if (byBudget < hi) hi = byBudget;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (cost(mid * lot) <= budget) lo = mid;
    else hi = mid - 1n;
  }
  return lo * lot;
}

/** How much of `o` the book would fill now (stops at the first order of the same owner). */
function fillable(k: MarketKeeper, ctx: Context, blk: Block, o: Order, lot: bigint): bigint {
  const want = remaining(o);
  const limit = limitOf(o);
  let got = 0n;
  let budget = BigInt(o.escrow);
  for (const r of book.resting(k, ctx, o.denom, book.opposite(o.side))) {
    if (!book.crosses(o.side, limit, r.price) || got >= want) break;
    const m = k.state.orders.get(ctx, r.orderId)!;
    if (m.owner === o.owner) break;
    let q = remaining(m) < want - got ? remaining(m) : want - got;
    if (o.orderType === OrderType.ORDER_TYPE_MARKET && o.side === Side.SIDE_BUY) {
      q = affordable(budget, r.price, blk.params.takerFeeBps, lot, q);
      const n = notional(r.price, q);
      budget -= n + feeOf(n, blk.params.takerFeeBps);
      if (q === 0n) break;
    }
    got += q;
  }
  return got;
}

function processTaker(k: MarketKeeper, ctx: Context, blk: Block, taker: Order): number {
  let o = taker;
  const opp = book.opposite(o.side);
  const limit = limitOf(o);
  const lot = BigInt(blk.params.markets.find((m) => m.denom === o.denom)?.lotSize ?? '1');

  if (o.postOnly) {
    const top = book.best(k, ctx, o.denom, opp);
    if (top && book.crosses(o.side, limit, top.price)) {
      close(k, ctx, blk, o, OrderStatus.ORDER_STATUS_EXPIRED, 'post_only_would_cross');
      return 0;
    }
    rest(k, ctx, blk, o);
    return 0;
  }
  if (o.timeInForce === TimeInForce.TIME_IN_FORCE_FOK && fillable(k, ctx, blk, o, lot) < remaining(o)) {
    close(k, ctx, blk, o, OrderStatus.ORDER_STATUS_EXPIRED, 'fok');
    return 0;
  }

  let trades = 0;
  let reason = o.orderType === OrderType.ORDER_TYPE_MARKET ? 'market' : o.timeInForce === TimeInForce.TIME_IN_FORCE_IOC ? 'ioc' : 'fok';
  while (remaining(o) > 0n) {
    const top = book.best(k, ctx, o.denom, opp);
    if (!top || !book.crosses(o.side, limit, top.price)) break;
    const maker = k.state.orders.get(ctx, top.orderId)!;
    if (maker.owner === o.owner) {
      // cannot happen (refused at placement); kept so that a bug can never trade an owner with itself
      reason = 'self_trade';
      break;
    }
    let q = remaining(o) < remaining(maker) ? remaining(o) : remaining(maker);
    if (o.orderType === OrderType.ORDER_TYPE_MARKET && o.side === Side.SIDE_BUY) {
      q = affordable(BigInt(o.escrow), top.price, blk.params.takerFeeBps, lot, q);
      if (q === 0n) {
        reason = 'budget';
        break;
      }
    }
    const r = fill(k, ctx, blk, o, maker, top.price, q);
    o = r.taker;
    trades++;
  }

  if (remaining(o) === 0n) close(k, ctx, blk, o, OrderStatus.ORDER_STATUS_FILLED, '');
  else if (o.orderType === OrderType.ORDER_TYPE_LIMIT && o.timeInForce === TimeInForce.TIME_IN_FORCE_GTC && reason !== 'self_trade') rest(k, ctx, blk, o);
  else close(k, ctx, blk, o, OrderStatus.ORDER_STATUS_EXPIRED, reason);
  return trades;
}

/** One fill of `q` at the maker's price; returns the updated taker. */
function fill(k: MarketKeeper, ctx: Context, blk: Block, taker: Order, maker: Order, priceRaw: bigint, q: bigint): { taker: Order } {
  const n = (priceRaw * q) / ONE; // exact on tick × lot
  const takerBuys = taker.side === Side.SIDE_BUY;
  const buyer = takerBuys ? taker : maker;
  const seller = takerBuys ? maker : taker;
  const buyerBps = takerBuys ? blk.params.takerFeeBps : blk.params.makerFeeBps;
  const sellerBps = takerBuys ? blk.params.makerFeeBps : blk.params.takerFeeBps;

  // the buyer's fee, at most what its escrow holds beyond the notional of the rest at its limit
  let buyerFee = feeOf(n, buyerBps);
  const buyerLimit = limitOf(buyer);
  const reserve = buyerLimit === undefined ? 0n : notional(buyerLimit, remaining(buyer) - q);
  const room = BigInt(buyer.escrow) - n - reserve;
  if (buyerFee > room) buyerFee = room > 0n ? room : 0n;
  const sellerFee = feeOf(n, sellerBps);

  const after = (o: Order, fee: bigint, escrowUsed: bigint): Order => ({
    ...o,
    filled: (BigInt(o.filled) + q).toString(),
    escrow: (BigInt(o.escrow) - escrowUsed).toString(),
    quote: (BigInt(o.quote) + n).toString(),
    fees: (BigInt(o.fees) + fee).toString(),
  });
  const newBuyer = after(buyer, buyerFee, n + buyerFee);
  const newSeller = after(seller, sellerFee, q);
  blk.pay.pay(buyer.owner, buyer.denom, q);
  blk.pay.pay(seller.owner, QUOTE_DENOM, n - sellerFee);
  blk.pay.fee(buyerFee + sellerFee);

  const id = k.state.nextTradeId.next(ctx);
  const trade = Trade.fromPartial({
    id,
    denom: taker.denom,
    price: Dec.fromRaw(priceRaw).toProto(),
    quantity: q.toString(),
    buyer: buyer.owner,
    seller: seller.owner,
    makerOrderId: maker.id,
    takerOrderId: taker.id,
    takerSide: taker.side,
    buyerFee: buyerFee.toString(),
    sellerFee: sellerFee.toString(),
    height: BigInt(ctx.block.height),
    time: { seconds: ctx.unixSeconds, nanos: 0 },
  });
  k.state.trades.set(ctx, [taker.denom, BigInt(ctx.block.height), id], trade);
  blk.prices.trade(k, ctx, taker.denom, priceRaw);
  emitTyped(ctx, EventOrderMatched, { trade });

  const newMaker = takerBuys ? newSeller : newBuyer;
  const newTaker = takerBuys ? newBuyer : newSeller;
  if (remaining(newMaker) === 0n) close(k, ctx, blk, newMaker, OrderStatus.ORDER_STATUS_FILLED, '');
  else k.state.orders.set(ctx, newMaker.id, newMaker);
  return { taker: newTaker };
}

/** The unfilled rest enters the book; a buy's escrow beyond its need at its limit is refunded now. */
function rest(k: MarketKeeper, ctx: Context, blk: Block, o: Order): void {
  let escrow = BigInt(o.escrow);
  if (o.side === Side.SIDE_BUY) {
    const need = buyEscrow(Dec.fromProto(o.price).raw, remaining(o), Math.max(blk.params.makerFeeBps, blk.params.takerFeeBps));
    if (escrow > need) {
      blk.pay.pay(o.owner, QUOTE_DENOM, escrow - need);
      escrow = need;
    }
  }
  const rested: Order = { ...o, escrow: escrow.toString(), status: OrderStatus.ORDER_STATUS_OPEN, restSequence: k.state.nextRestSequence.next(ctx) };
  k.state.orders.set(ctx, o.id, rested);
  book.insert(k, ctx, rested);
  emitTyped(ctx, EventOrderRested, { orderId: o.id, denom: o.denom, side: o.side, price: o.price, remaining: remaining(o).toString() });
}

/** Takes an order out of state and refunds what its escrow still holds. */
function close(k: MarketKeeper, ctx: Context, blk: Block, o: Order, status: OrderStatus, reason: string): void {
  dropOrder(k, ctx, o);
  const escrow = BigInt(o.escrow);
  const denom = escrowDenom(o);
  blk.pay.pay(o.owner, denom, escrow);
  emitTyped(ctx, EventOrderClosed, { orderId: o.id, owner: o.owner, status, reason, filled: o.filled, refunded: escrow.toString(), refundDenom: denom });
}
