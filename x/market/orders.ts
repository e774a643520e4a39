/**
 * Orders at tx time: MsgPlaceOrder checks the order against its market and its owner's other
 * orders, escrows its funds in the module account, burns its priority fee and queues it for the
 * EndBlock of its block (matching.ts); MsgCancelOrder takes a queued or resting order out and
 * refunds its escrow at once.
 *
 * Escrow: a sell escrows its token units; a limit buy escrows ceil(price × quantity) uhyper plus
 * floor(that × max(maker, taker fee) / 10^4) for fees; a market buy escrows its max_quote.
 *
 * Self-trade prevention (README): an order that would trade with an order of the same owner (a
 * buy at or above one of its sells, or a sell at or below one of its bids, resting or queued; any
 * opposite order for a market order) is refused here, with no state change. So two orders of one
 * owner never meet in EndBlock.
 */
import { EventOrderClosed, EventOrderPlaced } from '../../src/gen/hypermesh/market/v1/events';
import { Order, OrderStatus, OrderType, Side, type MarketParams } from '../../src/gen/hypermesh/market/v1/market';
import type { MsgCancelOrder, MsgPlaceOrder } from '../../src/gen/hypermesh/market/v1/tx';
import { CMap, keys } from '../../src/store/collections';
import { concatBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import * as book from './book';
import { marketErrors } from './errors';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { ModuleName, QUOTE_DENOM } from './keys';
import { intField, MAX_QUANTITY, priceField, validateOrderShape } from './validation';

const ONE = Dec.ONE.raw;

export function ceilDiv(a: bigint, b: bigint): bigint {
  return a <= 0n ? 0n : (a + b - 1n) / b;
}

/** ceil(price × quantity), uhyper (exact when the price is on a tick and the quantity on a lot). */
export function notional(priceRaw: bigint, quantity: bigint): bigint {
  return ceilDiv(priceRaw * quantity, ONE);
}

/** floor(notional × bps / 10^4). */
export function feeOf(notionalAmount: bigint, bps: number): bigint {
  return (notionalAmount * BigInt(bps)) / 10_000n;
}

/** What a buy limit order of `quantity` at `priceRaw` escrows: the notional and the fee allowance. */
export function buyEscrow(priceRaw: bigint, quantity: bigint, maxFeeBps: number): bigint {
  const n = notional(priceRaw, quantity);
  return n + feeOf(n, maxFeeBps);
}

export function escrowDenom(o: Pick<Order, 'side' | 'denom'>): string {
  return o.side === Side.SIDE_SELL ? o.denom : QUOTE_DENOM;
}

/** The market of a denom; market/2 when none is listed. */
export function marketOf(k: MarketKeeper, ctx: Context, denom: string): MarketParams {
  const m = k.params(ctx).markets.find((x) => x.denom === denom);
  if (!m) throw marketErrors.UnknownPair(`no ${denom}/${QUOTE_DENOM} market (markets: ${k.params(ctx).markets.map((x) => x.denom).join(', ') || 'none'})`);
  return m;
}

/** The owner's queued and resting orders of a pair. */
export function ownerOrders(k: MarketKeeper, ctx: Context, owner: Uint8Array, denom: string): Order[] {
  const prefix = concatBytes(CMap.prefixOf(keys.bytes, owner), keys.string.encodeNonTerminal(denom));
  return [...k.state.ordersByOwner.iterate(ctx, { prefix })].map(([[, , id]]) => k.state.orders.get(ctx, id)!);
}

export function placeOrder(k: MarketKeeper, ctx: Context, m: MsgPlaceOrder): bigint {
  validateOrderShape(m);
  const owner = k.addrs.decode(m.owner);
  const params = k.params(ctx);
  const market = marketOf(k, ctx, m.denom);
  const quantity = intField(m.quantity, 'quantity', marketErrors.InvalidQuantity, MAX_QUANTITY);
  const lot = BigInt(market.lotSize);
  if (quantity % lot !== 0n) throw marketErrors.InvalidQuantity(`quantity ${quantity} is not a multiple of the ${m.denom} lot size ${lot}`);
  const isLimit = m.orderType === OrderType.ORDER_TYPE_LIMIT;
  const price = isLimit ? priceField(m.price) : Dec.ZERO;
  const tick = Dec.fromProto(market.tickSize);
  if (isLimit && price.raw % tick.raw !== 0n) throw marketErrors.InvalidPrice(`price ${price} is not a multiple of the ${m.denom} tick size ${tick}`);
  const priorityFee = intField(m.priorityFee, 'priority fee', marketErrors.InvalidFee);
  const maxQuote = intField(m.maxQuote, 'max quote', marketErrors.InvalidOrder);

  const queued = k.state.blockOrders.get(ctx) ?? 0n;
  if (queued >= BigInt(params.maxOrdersPerBlock)) throw marketErrors.BlockFull(`${queued} orders were placed in this block; at most ${params.maxOrdersPerBlock}`);
  const own = ownerOrders(k, ctx, owner, m.denom);
  if (own.length >= params.maxOpenOrders) throw marketErrors.TooManyOrders(`${m.owner} has ${own.length} open ${m.denom} orders; at most ${params.maxOpenOrders}`);

  // self-trade prevention: refuse an order that would meet one of its owner's
  const limit = isLimit ? price.raw : undefined;
  for (const o of own) {
    if (o.side === m.side) continue;
    if (book.crosses(m.side, limit, Dec.fromProto(o.price).raw) || o.orderType === OrderType.ORDER_TYPE_MARKET) {
      throw marketErrors.SelfTrade(`it would trade with ${m.owner}'s own order ${o.id} at ${Dec.fromProto(o.price)}; cancel that order first`);
    }
  }
  if (m.postOnly) {
    const top = book.best(k, ctx, m.denom, book.opposite(m.side));
    if (top && book.crosses(m.side, limit, top.price)) {
      throw marketErrors.PostOnlyWouldCross(`the best ${m.side === Side.SIDE_BUY ? 'ask' : 'bid'} is ${Dec.fromRaw(top.price)}; a post-only order at ${price} would take it`);
    }
  }

  const maxFee = Math.max(params.makerFeeBps, params.takerFeeBps);
  const escrow = m.side === Side.SIDE_SELL ? quantity : isLimit ? buyEscrow(price.raw, quantity, maxFee) : maxQuote;
  const denom = m.side === Side.SIDE_SELL ? m.denom : QUOTE_DENOM;
  const coins = denom === QUOTE_DENOM ? [{ denom, amount: escrow + priorityFee }] : [{ denom, amount: escrow }, ...(priorityFee > 0n ? [{ denom: QUOTE_DENOM, amount: priorityFee }] : [])];
  k.deps.bank.sendFromAccountToModule(ctx, owner, ModuleName, coins.sort((a, b) => (a.denom < b.denom ? -1 : 1)));
  if (priorityFee > 0n) k.deps.bank.burnCoins(ctx, ModuleName, [{ denom: QUOTE_DENOM, amount: priorityFee }]);

  const id = k.state.nextOrderId.next(ctx);
  const order = Order.fromPartial({
    id,
    owner: m.owner,
    denom: m.denom,
    side: m.side,
    orderType: m.orderType,
    timeInForce: m.timeInForce,
    price: price.toProto(),
    quantity: quantity.toString(),
    filled: '0',
    maxQuote: maxQuote.toString(),
    escrow: escrow.toString(),
    postOnly: m.postOnly,
    priorityFee: priorityFee.toString(),
    status: OrderStatus.ORDER_STATUS_QUEUED,
    createdHeight: BigInt(ctx.block.height),
    restSequence: 0n,
    quote: '0',
    fees: '0',
  });
  k.state.orders.set(ctx, id, order);
  k.state.ordersByOwner.set(ctx, [owner, m.denom, id], undefined);
  k.state.queue.set(ctx, id, undefined);
  k.state.blockOrders.set(ctx, queued + 1n);
  emitTyped(ctx, EventOrderPlaced, { order });
  return id;
}

/** Removes an order from state (book, queue, indexes); the caller refunds `escrow`. */
export function dropOrder(k: MarketKeeper, ctx: Context, o: Order): void {
  if (o.status === OrderStatus.ORDER_STATUS_OPEN) book.remove(k, ctx, o);
  k.state.queue.delete(ctx, o.id);
  k.state.orders.delete(ctx, o.id);
  k.state.ordersByOwner.delete(ctx, [k.addrs.decode(o.owner), o.denom, o.id]);
}

export function cancelOrder(k: MarketKeeper, ctx: Context, m: MsgCancelOrder): { denom: string; amount: bigint } {
  const o = k.state.orders.get(ctx, m.orderId);
  if (!o) throw marketErrors.OrderNotFound(`no open order ${m.orderId} (filled, canceled and expired orders leave state)`);
  if (o.owner !== m.owner) throw sdk.Unauthorized(`order ${m.orderId} belongs to ${o.owner}, not ${m.owner}`);
  dropOrder(k, ctx, o);
  const escrow = BigInt(o.escrow);
  const denom = escrowDenom(o);
  if (escrow > 0n) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(o.owner), [{ denom, amount: escrow }]);
  emitTyped(ctx, EventOrderClosed, { orderId: o.id, owner: o.owner, status: OrderStatus.ORDER_STATUS_CANCELED, reason: '', filled: o.filled, refunded: escrow.toString(), refundDenom: denom });
  return { denom, amount: escrow };
}
