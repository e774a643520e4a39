/**
 * Last price and reference price. The reference price of a pair is its time-weighted average trade
 * price over the last twap_window_seconds (block time):
 *
 *   C(t) = ∫ price dt from the first trade to t     (price: the last trade price at each moment)
 *   TWAP = (C(now) − C(now − W)) / W                  when the history is at least W long
 *        = C(now) / (now − first trade time)          when it is shorter (the last price when 0)
 *
 * C is kept exactly (Dec price × whole seconds) in PriceState, and a PriceSnapshot of C is written
 * at the end of every block with trades; C(now − W) is read from the last snapshot at or before
 * now − W (older snapshots are pruned). A pair without trades has no reference price here, and
 * x/resource falls back to its `reference_prices` param.
 */
import { PriceSnapshot, PriceState } from '../../src/gen/hypermesh/market/v1/market';
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { MarketKeeper } from './keeper';

/** A block's price changes, written once at its end. */
export class PriceUpdates {
  private readonly states = new Map<string, PriceState>();

  /** A trade at `price` (raw Dec) in the block being finalized. */
  trade(k: MarketKeeper, ctx: Context, denom: string, price: bigint): void {
    const now = ctx.unixSeconds;
    const st = this.states.get(denom) ?? k.state.prices.get(ctx, denom);
    const p = Dec.fromRaw(price);
    if (!st) {
      this.states.set(denom, PriceState.fromPartial({ denom, lastPrice: p.toProto(), lastHeight: BigInt(ctx.block.height), lastTime: now, cumulative: '0', firstTime: now }));
      return;
    }
    const dt = now - st.lastTime;
    const cumulative = dt > 0n ? Dec.fromProto(st.cumulative).add(Dec.fromProto(st.lastPrice).mulInt(dt)) : Dec.fromProto(st.cumulative);
    this.states.set(denom, { ...st, lastPrice: p.toProto(), lastHeight: BigInt(ctx.block.height), lastTime: now, cumulative: cumulative.toProto() });
  }

  get denoms(): string[] {
    return [...this.states.keys()].sort();
  }

  /** Writes the states and a snapshot per traded pair; prunes snapshots out of the window. */
  flush(k: MarketKeeper, ctx: Context): void {
    const window = k.params(ctx).twapWindowSeconds;
    for (const denom of this.denoms) {
      const st = this.states.get(denom)!;
      k.state.prices.set(ctx, denom, st);
      k.state.snapshots.set(ctx, [denom, BigInt(st.lastTime)], PriceSnapshot.fromPartial({ denom, time: st.lastTime, cumulative: st.cumulative, price: st.lastPrice }));
      pruneSnapshots(k, ctx, denom, st.lastTime - window);
    }
    this.states.clear();
  }
}

/** Deletes the snapshots before `start` except the last one (C(start) is read from it). */
function pruneSnapshots(k: MarketKeeper, ctx: Context, denom: string, start: bigint): void {
  if (start <= 0n) return;
  const prefix = CMap.prefixOf(keys.string, denom);
  const old: bigint[] = [];
  for (const [[, t]] of k.state.snapshots.iterate(ctx, { prefix })) {
    if (t >= start) break;
    old.push(t);
  }
  for (const t of old.slice(0, -1)) k.state.snapshots.delete(ctx, [denom, t]);
}

/** C(t) from a state or snapshot: its cumulative plus its price since its time. */
function cumulativeAt(cumulative: string, price: string, since: bigint, t: bigint): Dec {
  const c = Dec.fromProto(cumulative);
  return t > since ? c.add(Dec.fromProto(price).mulInt(t - since)) : c;
}

export interface Twap {
  price: Dec;
  /** seconds of history the average covers */
  windowSeconds: bigint;
}

/** The TWAP of a pair at the context's block time, or undefined without trade history. */
export function twap(k: MarketKeeper, ctx: Context, denom: string): Twap | undefined {
  const st = k.state.prices.get(ctx, denom);
  if (!st) return undefined;
  const now = ctx.unixSeconds;
  const cNow = cumulativeAt(st.cumulative, st.lastPrice, st.lastTime, now);
  const w = k.params(ctx).twapWindowSeconds;
  const start = now - w;
  if (st.firstTime >= start) {
    const span = now - st.firstTime;
    if (span <= 0n) return { price: Dec.fromProto(st.lastPrice), windowSeconds: 0n };
    return { price: cNow.quoInt(span), windowSeconds: span };
  }
  // the last snapshot at or before the window start
  const prefix = CMap.prefixOf(keys.string, denom);
  const end = k.state.snapshots.key([denom, start + 1n]).subarray(k.state.snapshots.prefix.length);
  for (const [[, t], s] of k.state.snapshots.iterate(ctx, { prefix, end, reverse: true })) {
    const cStart = cumulativeAt(s.cumulative, s.price, t, start);
    return { price: cNow.sub(cStart).quoInt(w), windowSeconds: w };
  }
  return { price: Dec.fromProto(st.lastPrice), windowSeconds: 0n };
}
