/**
 * The book: resting orders keyed (denom, side ‖ price key, rest sequence) → order id, so that a
 * forward iteration over one side of a pair is price-time priority: asks from the lowest price,
 * bids from the highest (a bid's price key is 2^128 − 1 − price), each price level oldest first.
 * Prices are Dec raw integers (uhyper per token unit × 10^18), below 2^128.
 */
import { Side, type Order } from '../../src/gen/hypermesh/market/v1/market';
import { concatBytes } from '../../src/store/bytes';
import { keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { MarketKeeper } from './keeper';

/** Exclusive upper bound of a price's raw Dec integer. */
export const PRICE_LIMIT_RAW = 1n << 128n;
const MAX_KEY = PRICE_LIMIT_RAW - 1n;
const PRICE_KEY_BYTES = 17; // side byte + 16 bytes big-endian

export function opposite(side: Side): Side {
  return side === Side.SIDE_BUY ? Side.SIDE_SELL : Side.SIDE_BUY;
}

export function priceKey(side: Side, raw: bigint): Uint8Array {
  const b = new Uint8Array(PRICE_KEY_BYTES);
  b[0] = side;
  let v = side === Side.SIDE_BUY ? MAX_KEY - raw : raw;
  for (let i = PRICE_KEY_BYTES - 1; i >= 1; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
}

export function priceOfKey(key: Uint8Array): bigint {
  let v = 0n;
  for (let i = 1; i < PRICE_KEY_BYTES; i++) v = (v << 8n) | BigInt(key[i]);
  return key[0] === Side.SIDE_BUY ? MAX_KEY - v : v;
}

/** Encoded key prefix of one side of a pair. */
export function sidePrefix(denom: string, side: Side): Uint8Array {
  return concatBytes(keys.string.encodeNonTerminal(denom), Uint8Array.of(PRICE_KEY_BYTES, side));
}

export interface Resting {
  orderId: bigint;
  price: bigint;
  restSequence: bigint;
}

/** The first resting order of a side (the best price, the oldest at it), or undefined. */
export function best(k: MarketKeeper, ctx: Context, denom: string, side: Side): Resting | undefined {
  for (const [[, pk, seq], id] of k.state.book.iterate(ctx, { prefix: sidePrefix(denom, side) })) {
    return { orderId: id, price: priceOfKey(pk), restSequence: seq };
  }
  return undefined;
}

/** Resting orders of a side in priority order (do not change the book while iterating). */
export function* resting(k: MarketKeeper, ctx: Context, denom: string, side: Side): IterableIterator<Resting> {
  for (const [[, pk, seq], id] of k.state.book.iterate(ctx, { prefix: sidePrefix(denom, side) })) {
    yield { orderId: id, price: priceOfKey(pk), restSequence: seq };
  }
}

export function bookKey(o: Order): [string, Uint8Array, bigint] {
  return [o.denom, priceKey(o.side, Dec.fromProto(o.price).raw), o.restSequence];
}

export function insert(k: MarketKeeper, ctx: Context, o: Order): void {
  k.state.book.set(ctx, bookKey(o), o.id);
}

export function remove(k: MarketKeeper, ctx: Context, o: Order): void {
  k.state.book.delete(ctx, bookKey(o));
}

/** True when an order at `price` (undefined: a market order) on `side` would trade with a resting `other` price. */
export function crosses(side: Side, price: bigint | undefined, other: bigint): boolean {
  if (price === undefined) return true;
  return side === Side.SIDE_BUY ? other <= price : other >= price;
}
