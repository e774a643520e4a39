/**
 * x/resource invariants (README, "Invariants"). Each returns the broken statements, empty when it
 * holds; tests run them after every scenario.
 */
import { LeaseOrigin, LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';
import type { ResourceKeeper } from './keeper';
import { BOND_DENOM } from './providers';
import { capacityOf, RESOURCES, specOfType } from './units';

/** The module account holds exactly the bonds: Σ bond in uhyper, and nothing else. */
export function moduleBalanceInvariant(k: ResourceKeeper, ctx: Context): string[] {
  let bonds = 0n;
  for (const [, p] of k.state.providers.iterate(ctx)) bonds += BigInt(p.bond);
  const out: string[] = [];
  const balance = k.deps.bank.getBalance(ctx, k.moduleAddress, BOND_DENOM);
  if (balance !== bonds) out.push(`module account holds ${balance}${BOND_DENOM}, providers bonded ${bonds}${BOND_DENOM}`);
  for (const r of RESOURCES) {
    const b = k.deps.bank.getBalance(ctx, k.moduleAddress, r.denom);
    if (b !== 0n) out.push(`module account holds ${b}${r.denom}`);
  }
  return out;
}

/**
 * Per provider and denom: outstanding = minted − served − retired, 0 ≤ reserved ≤ outstanding,
 * and reserved = Σ over its active redemption leases of (amount − settled − refunded).
 * Per denom: supply + Σ reserved = Σ outstanding (every unserved token exists or is held by a lease).
 */
export function liabilityInvariant(k: ResourceKeeper, ctx: Context): string[] {
  const out: string[] = [];
  const held = new Map<string, bigint>();
  for (const [id] of k.state.activeLeases.iterate(ctx)) {
    const l = k.state.leases.get(ctx, id)!;
    if (l.origin !== LeaseOrigin.LEASE_ORIGIN_REDEMPTION || l.status !== LeaseStatus.LEASE_STATUS_ACTIVE) continue;
    const key = `${l.provider}/${specOfType(l.resource)!.denom}`;
    held.set(key, (held.get(key) ?? 0n) + BigInt(l.amount) - BigInt(l.settled) - BigInt(l.refunded));
  }
  const totals = new Map<string, { outstanding: bigint; reserved: bigint }>();
  for (const [, l] of k.state.liabilities.iterate(ctx)) {
    const [minted, served, retired, outstanding, reserved] = [l.minted, l.served, l.retired, l.outstanding, l.reserved].map(BigInt);
    if (outstanding !== minted - served - retired) out.push(`${l.provider} ${l.denom}: outstanding ${outstanding} ≠ minted ${minted} − served ${served} − retired ${retired}`);
    if (reserved < 0n || reserved > outstanding) out.push(`${l.provider} ${l.denom}: reserved ${reserved} not in [0, outstanding ${outstanding}]`);
    const h = held.get(`${l.provider}/${l.denom}`) ?? 0n;
    if (h !== reserved) out.push(`${l.provider} ${l.denom}: reserved ${reserved} ≠ ${h} held by its active leases`);
    const t = totals.get(l.denom) ?? { outstanding: 0n, reserved: 0n };
    totals.set(l.denom, { outstanding: t.outstanding + outstanding, reserved: t.reserved + reserved });
  }
  for (const r of RESOURCES) {
    const t = totals.get(r.denom) ?? { outstanding: 0n, reserved: 0n };
    const supply = k.deps.bank.getSupply(ctx, r.denom);
    if (supply + t.reserved !== t.outstanding) out.push(`${r.denom}: supply ${supply} + reserved ${t.reserved} ≠ outstanding ${t.outstanding}`);
  }
  return out;
}

/** Per node: allocated = Σ rates of its active leases, and allocated ≤ declared capacity. */
export function allocationInvariant(k: ResourceKeeper, ctx: Context): string[] {
  const out: string[] = [];
  const sums = new Map<string, bigint>();
  for (const [id] of k.state.activeLeases.iterate(ctx)) {
    const l = k.state.leases.get(ctx, id)!;
    const key = `${l.nodeId}/${specOfType(l.resource)!.field}`;
    sums.set(key, (sums.get(key) ?? 0n) + l.rate);
  }
  for (const [, n] of k.state.nodes.iterate(ctx)) {
    const allocated = capacityOf(n.allocated);
    const capacity = capacityOf(n.capacity);
    for (const r of RESOURCES) {
      const want = sums.get(`${n.nodeId}/${r.field}`) ?? 0n;
      if (allocated[r.field] !== want) out.push(`node ${n.nodeId}: allocated ${r.field} ${allocated[r.field]} ≠ ${want} held by its active leases`);
      if (allocated[r.field] > capacity[r.field]) out.push(`node ${n.nodeId}: allocated ${r.field} ${allocated[r.field]} > capacity ${capacity[r.field]}`);
    }
  }
  return out;
}

export function resourceInvariants(k: ResourceKeeper, ctx: Context): string[] {
  return [...moduleBalanceInvariant(k, ctx), ...liabilityInvariant(k, ctx), ...allocationInvariant(k, ctx)];
}
