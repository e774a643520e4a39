/**
 * x/market invariants (README, "Invariants"). Each returns the broken statements, empty when it
 * holds; tests run them after every scenario.
 */
import { OrderStatus, RequestStatus, LeaseState, Side } from '../../src/gen/hypermesh/market/v1/market';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import * as book from './book';
import type { MarketKeeper } from './keeper';
import { QUOTE_DENOM } from './keys';
import { escrowDenom } from './orders';

/** The module account holds exactly the escrows: orders, open requests and active leases. */
export function escrowInvariant(k: MarketKeeper, ctx: Context): string[] {
  const want = new Map<string, bigint>();
  const add = (denom: string, n: bigint) => want.set(denom, (want.get(denom) ?? 0n) + n);
  for (const [, o] of k.state.orders.iterate(ctx)) add(escrowDenom(o), BigInt(o.escrow));
  for (const [, r] of k.state.requests.iterate(ctx)) if (r.status === RequestStatus.REQUEST_STATUS_OPEN) add(QUOTE_DENOM, BigInt(r.escrow));
  for (const [id] of k.state.activeLeases.iterate(ctx)) {
    const l = k.state.leases.get(ctx, id)!;
    add(QUOTE_DENOM, BigInt(l.deposited) - BigInt(l.paid));
  }
  const out: string[] = [];
  const denoms = new Set([...want.keys(), QUOTE_DENOM, ...k.params(ctx).markets.map((m) => m.denom)]);
  for (const d of [...denoms].sort()) {
    const held = k.deps.bank.getBalance(ctx, k.moduleAddress, d);
    const w = want.get(d) ?? 0n;
    if (held !== w) out.push(`module account holds ${held}${d}, escrows add up to ${w}${d}`);
  }
  return out;
}

/** Book and orders agree; the book is not crossed; orders are consistent. */
export function bookInvariant(k: MarketKeeper, ctx: Context): string[] {
  const out: string[] = [];
  let inBook = 0;
  for (const [[denom, pk, seq], id] of k.state.book.iterate(ctx)) {
    inBook++;
    const o = k.state.orders.get(ctx, id);
    if (!o) {
      out.push(`book entry ${denom}/${seq} names missing order ${id}`);
      continue;
    }
    if (o.status !== OrderStatus.ORDER_STATUS_OPEN || o.denom !== denom || o.restSequence !== seq || book.priceOfKey(pk) !== Dec.fromProto(o.price).raw || pk[0] !== o.side) {
      out.push(`book entry of order ${id} does not match the order`);
    }
  }
  let open = 0;
  for (const [id, o] of k.state.orders.iterate(ctx)) {
    if (o.status === OrderStatus.ORDER_STATUS_OPEN) open++;
    const filled = BigInt(o.filled);
    if (filled < 0n || filled >= BigInt(o.quantity)) out.push(`order ${id}: filled ${filled} not in [0, quantity ${o.quantity})`);
    if (BigInt(o.escrow) < 0n) out.push(`order ${id}: negative escrow`);
    if (o.side === Side.SIDE_SELL && BigInt(o.escrow) !== BigInt(o.quantity) - filled) out.push(`sell order ${id}: escrow ${o.escrow} ≠ unfilled ${BigInt(o.quantity) - filled}`);
  }
  if (open !== inBook) out.push(`${open} open orders but ${inBook} book entries`);
  for (const m of k.params(ctx).markets) {
    const bid = book.best(k, ctx, m.denom, Side.SIDE_BUY);
    const ask = book.best(k, ctx, m.denom, Side.SIDE_SELL);
    if (bid && ask && bid.price >= ask.price) out.push(`${m.denom} book is crossed: bid ${Dec.fromRaw(bid.price)} ≥ ask ${Dec.fromRaw(ask.price)}`);
  }
  return out;
}

/** Leases: paid ≤ deposited; the active set is the ACTIVE leases. */
export function leaseInvariant(k: MarketKeeper, ctx: Context): string[] {
  const out: string[] = [];
  for (const [id, l] of k.state.leases.iterate(ctx)) {
    if (BigInt(l.paid) > BigInt(l.deposited)) out.push(`lease ${id}: paid ${l.paid} > deposited ${l.deposited}`);
    const active = k.state.activeLeases.has(ctx, id);
    if (active !== (l.state === LeaseState.LEASE_STATE_ACTIVE)) out.push(`lease ${id}: state ${LeaseState[l.state]} but ${active ? '' : 'not '}in the active set`);
  }
  return out;
}

export function marketInvariants(k: MarketKeeper, ctx: Context): string[] {
  return [...escrowInvariant(k, ctx), ...bookInvariant(k, ctx), ...leaseInvariant(k, ctx)];
}
