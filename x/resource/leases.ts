/**
 * Leases: redemption (tokens burned into a lease), settlement at each liveness window close, and
 * closing.
 *
 * A lease of `amount` tokens over `duration` seconds from `start` holds `rate` = ceil(amount ×
 * unit size / duration) node units on its node until it closes. By time t it has delivered
 * cum(t) = floor(amount × (t − start) / duration) (all of `amount` at the end). When a window
 * closes, the period since the last settlement up to min(window end, lease end) is settled: its
 * amount is cum(end of period) − settled − refunded.
 *   - node live in the window (an accepted heartbeat in it): the period is served — a
 *     ResourceTransaction is written, the provider's liability falls (served += amount, reserved
 *     and outstanding −= amount);
 *   - otherwise it is missed — the amount is minted back to the consumer (the provider still owes
 *     it: reserved −= amount, outstanding unchanged).
 * After max_missed_windows missed periods in a row the lease fails: the unsettled rest is refunded
 * and the failure can be proven against the provider (MsgChallenge).
 *
 * Leases of origin MARKET (openLease, for x/market) are allocated, settled and recorded the same
 * way, but burn no tokens and move no liability: the market module pays by its own terms (escrow
 * streams) from the ResourceHooks it receives; for them `refunded` counts the missed units.
 */
import { EventLeaseClosed, EventLeaseSettled, EventRedeem } from '../../src/gen/hypermesh/resource/v1/events';
import { Lease, LeaseOrigin, LeaseStatus, ProviderStatus, type ResourceType, type Window } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgRedeem } from '../../src/gen/hypermesh/resource/v1/tx';
import { amountOf } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import { secondsOf, tsOf, type ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { bestChoice, chooseNode, namedChoice, type Choice } from './selection';
import { parseNodeId } from './sign_bytes';
import { writeTransaction } from './transactions';
import { capacityOf, leaseRate, specOfType, type ResourceSpec } from './units';
import { resourceCoin } from './tokens';

export function redeem(k: ResourceKeeper, ctx: Context, m: MsgRedeem): { leaseId: bigint; provider: string; nodeId: string } {
  const consumer = k.addrs.decode(m.consumer);
  const { spec, amount } = resourceCoin(m.amount);
  const params = k.params(ctx);
  if (m.durationSeconds < params.minLeaseSeconds || m.durationSeconds > params.maxLeaseSeconds) {
    throw resourceErrors.InvalidLeaseDuration(`duration ${m.durationSeconds}s is outside [${params.minLeaseSeconds}s, ${params.maxLeaseSeconds}s]`);
  }
  const held = amountOf(k.deps.bank.spendableCoins(ctx, consumer), spec.denom);
  if (held < amount) throw sdk.InsufficientFunds(`spendable balance ${held}${spec.denom} is smaller than ${amount}${spec.denom}`);
  const rate = leaseRate(amount, m.durationSeconds, spec);

  let choice: Choice | undefined;
  if (m.provider !== '' || m.nodeId !== '') {
    const providerAddr = m.provider !== '' ? m.provider : k.mustNode(ctx, parseNodeId(m.nodeId), m.nodeId).provider;
    choice = namedChoice(k, ctx, providerAddr, spec, amount, rate, m.nodeId);
  } else {
    choice = bestChoice(k, ctx, spec, amount, rate);
    if (!choice) throw resourceErrors.NoProviderAvailable(`no active provider has ${amount}${spec.denom} of unreserved liability and a live node with ${rate} ${spec.field} free`);
  }

  const coins = [{ denom: spec.denom, amount }];
  k.deps.bank.sendFromAccountToModule(ctx, consumer, ModuleName, coins);
  k.deps.bank.burnCoins(ctx, ModuleName, coins);
  const liability = k.getLiability(ctx, choice.address, spec.denom);
  k.setLiability(ctx, choice.address, { ...liability, reserved: (BigInt(liability.reserved) + amount).toString() });

  const lease = allocate(k, ctx, {
    consumer: m.consumer,
    choice,
    spec,
    amount,
    durationSeconds: m.durationSeconds,
    rate,
    origin: LeaseOrigin.LEASE_ORIGIN_REDEMPTION,
    pricePerUnit: choice.price,
  });
  emitTyped(ctx, EventRedeem, {
    leaseId: lease.id,
    consumer: m.consumer,
    provider: lease.provider,
    nodeId: lease.nodeId,
    amount: { denom: spec.denom, amount: amount.toString() },
    durationSeconds: m.durationSeconds,
  });
  return { leaseId: lease.id, provider: lease.provider, nodeId: lease.nodeId };
}

/** Holds `rate` on the chosen node and writes the lease and its indexes. */
function allocate(
  k: ResourceKeeper,
  ctx: Context,
  o: { consumer: string; choice: Choice; spec: ResourceSpec; amount: bigint; durationSeconds: bigint; rate: bigint; origin: LeaseOrigin; pricePerUnit: Dec },
): Lease {
  const { choice, spec } = o;
  const allocated = capacityOf(choice.node.allocated);
  k.state.nodes.set(ctx, choice.nodeKey, { ...choice.node, allocated: { ...allocated, [spec.field]: allocated[spec.field] + o.rate } });
  const p = k.mustProvider(ctx, choice.address);
  k.setProvider(ctx, { ...p, openLeases: p.openLeases + 1n });

  const id = k.state.nextLeaseId.next(ctx); // from 1: genesis starts the sequence there
  const now = ctx.unixSeconds;
  const lease = Lease.fromPartial({
    id,
    consumer: o.consumer,
    provider: choice.provider.address,
    nodeId: choice.node.nodeId,
    resource: spec.type,
    amount: o.amount.toString(),
    start: tsOf(now),
    durationSeconds: o.durationSeconds,
    status: LeaseStatus.LEASE_STATUS_ACTIVE,
    origin: o.origin,
    rate: o.rate,
    pricePerUnit: o.pricePerUnit.toProto(),
    settled: '0',
    refunded: '0',
    settledThrough: tsOf(now),
  });
  k.state.leases.set(ctx, id, lease);
  k.state.leasesByConsumer.set(ctx, [k.addrs.decode(o.consumer), id], undefined);
  k.state.leasesByProvider.set(ctx, [choice.address, id], undefined);
  k.state.leasesByNode.set(ctx, [choice.nodeKey, id], undefined);
  k.state.activeLeases.set(ctx, id, undefined);
  return lease;
}

/** What a market module asks for: a lease on a named provider (and node), paid by its own terms. */
export interface OpenLeaseRequest {
  consumer: string;
  provider: string;
  /** the node to serve it; default: the provider's first live node (by id) with room */
  nodeId?: string;
  resource: ResourceType;
  /** token units delivered over the lease (they size the allocation and the usage records) */
  amount: bigint;
  durationSeconds: bigint;
  pricePerUnit: Dec;
}

/**
 * For x/market: allocates capacity for a lease whose payment the caller keeps (origin MARKET).
 * No tokens are burned and no liability moves; the caller learns of every settled period and of
 * the close through ResourceHooks and pays (or refunds) by its own terms.
 */
export function openLease(k: ResourceKeeper, ctx: Context, r: OpenLeaseRequest): Lease {
  const spec = specOfType(r.resource);
  if (!spec) throw resourceErrors.UnknownResourceDenom(`resource type ${r.resource} is not a resource`);
  if (r.amount <= 0n) throw sdk.InvalidRequest('lease amount must be positive');
  if (r.durationSeconds <= 0n) throw resourceErrors.InvalidLeaseDuration('duration must be positive');
  k.addrs.decode(r.consumer);
  const address = k.addrs.decode(r.provider);
  const p = k.mustProvider(ctx, address);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${r.provider} is unbonding`);
  const rate = leaseRate(r.amount, r.durationSeconds, spec);
  const node = chooseNode(k, ctx, address, spec, rate, r.nodeId || undefined);
  if (!node) throw resourceErrors.NoCapacity(`no node of ${r.provider} is live with ${rate} ${spec.field} free for this lease`);
  const choice: Choice = { address, provider: p, nodeKey: node.key, node: node.node, score: Dec.ZERO, price: r.pricePerUnit };
  return allocate(k, ctx, { consumer: r.consumer, choice, spec, amount: r.amount, durationSeconds: r.durationSeconds, rate, origin: LeaseOrigin.LEASE_ORIGIN_MARKET, pricePerUnit: r.pricePerUnit });
}

/**
 * Ends an active lease early (status CLOSED; for x/market when either side ends it). The part not
 * yet settled is released: for a redemption lease it goes back to the consumer as tokens.
 */
export function endLease(k: ResourceKeeper, ctx: Context, id: bigint): Lease {
  const lease = k.state.leases.get(ctx, id);
  if (!lease) throw resourceErrors.LeaseNotFound(`no lease ${id}`);
  if (lease.status !== LeaseStatus.LEASE_STATUS_ACTIVE) throw resourceErrors.LeaseNotActive(`lease ${id} is ${LeaseStatus[lease.status]}`);
  const spec = specOfType(lease.resource)!;
  const rest = BigInt(lease.amount) - BigInt(lease.settled) - BigInt(lease.refunded);
  refund(k, ctx, lease, spec, rest);
  const closed = { ...lease, refunded: (BigInt(lease.refunded) + rest).toString() };
  closeLease(k, ctx, closed, LeaseStatus.LEASE_STATUS_CLOSED);
  return k.state.leases.get(ctx, id)!;
}

/** Delivered by time t (Unix seconds): floor(amount × (t − start) / duration), all of it at the end. */
export function cumulative(amount: bigint, start: bigint, duration: bigint, t: bigint): bigint {
  if (t >= start + duration) return amount;
  if (t <= start) return 0n;
  return (amount * (t - start)) / duration;
}

/** Per-provider outcome of one window's settlements, for reputation. */
export type SettlementCounts = Map<string, { served: bigint; missed: bigint }>;

/** A redemption lease gives unserved tokens back to the consumer (the provider still owes them); others leave refunds to their module. */
function refund(k: ResourceKeeper, ctx: Context, lease: Lease, spec: ResourceSpec, amount: bigint): void {
  if (amount <= 0n || lease.origin !== LeaseOrigin.LEASE_ORIGIN_REDEMPTION) return;
  const coins = [{ denom: spec.denom, amount }];
  k.deps.bank.mintCoins(ctx, ModuleName, coins);
  k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(lease.consumer), coins);
  const provider = k.addrs.decode(lease.provider);
  const l = k.getLiability(ctx, provider, spec.denom);
  k.setLiability(ctx, provider, { ...l, reserved: (BigInt(l.reserved) - amount).toString() });
}

function serve(k: ResourceKeeper, ctx: Context, lease: Lease, spec: ResourceSpec, amount: bigint): void {
  if (lease.origin !== LeaseOrigin.LEASE_ORIGIN_REDEMPTION) return;
  const provider = k.addrs.decode(lease.provider);
  const l = k.getLiability(ctx, provider, spec.denom);
  k.setLiability(ctx, provider, {
    ...l,
    served: (BigInt(l.served) + amount).toString(),
    outstanding: (BigInt(l.outstanding) - amount).toString(),
    reserved: (BigInt(l.reserved) - amount).toString(),
  });
}

/** Settles every active lease for the closing window `w`; returns per-provider counts. */
export function settleLeases(k: ResourceKeeper, ctx: Context, w: Window): SettlementCounts {
  const counts: SettlementCounts = new Map();
  const maxMissed = k.params(ctx).maxMissedWindows;
  const windowEnd = secondsOf(w.end);
  const ids = [...k.state.activeLeases.iterate(ctx)].map(([id]) => id);
  for (const id of ids) {
    let lease = k.state.leases.get(ctx, id)!;
    const spec = specOfType(lease.resource)!;
    const start = secondsOf(lease.start);
    const end = start + lease.durationSeconds;
    const from = secondsOf(lease.settledThrough);
    const through = windowEnd < end ? windowEnd : end;
    if (through <= from && through < end) continue;
    const amount = BigInt(lease.amount);
    const delta = cumulative(amount, start, lease.durationSeconds, through) - BigInt(lease.settled) - BigInt(lease.refunded);
    const node = k.getNode(ctx, parseNodeId(lease.nodeId));
    const served = node !== undefined && node.lastHeartbeatWindow === w.number;
    const c = counts.get(lease.provider) ?? { served: 0n, missed: 0n };
    counts.set(lease.provider, c);

    let txId = '';
    if (served) {
      if (delta > 0n) {
        txId = Buffer.from(
          writeTransaction(k, ctx, {
            nodeId: lease.nodeId,
            resourceType: lease.resource,
            amount: delta.toString(),
            durationSeconds: through - from,
            pricePerUnit: lease.pricePerUnit,
            consumer: lease.consumer,
            provider: lease.provider,
            timestamp: tsOf(through),
            leaseId: lease.id,
          }),
        ).toString('hex');
        serve(k, ctx, lease, spec, delta);
      }
      lease = { ...lease, settled: (BigInt(lease.settled) + delta).toString(), servedPeriods: lease.servedPeriods + 1n, missedWindows: 0n };
      c.served++;
    } else {
      refund(k, ctx, lease, spec, delta);
      lease = { ...lease, refunded: (BigInt(lease.refunded) + delta).toString(), missedPeriods: lease.missedPeriods + 1n, missedWindows: lease.missedWindows + 1n };
      c.missed++;
    }
    lease = { ...lease, settledThrough: tsOf(through) };
    k.state.leases.set(ctx, id, lease);
    emitTyped(ctx, EventLeaseSettled, { leaseId: id, served, amount: delta.toString(), transactionId: txId });
    k.hooks.afterLeaseSettled?.(ctx, lease, served, delta);

    if (through >= end) closeLease(k, ctx, lease, LeaseStatus.LEASE_STATUS_COMPLETED);
    else if (lease.missedWindows >= maxMissed) {
      const rest = amount - BigInt(lease.settled) - BigInt(lease.refunded);
      refund(k, ctx, lease, spec, rest);
      closeLease(k, ctx, { ...lease, refunded: (BigInt(lease.refunded) + rest).toString() }, LeaseStatus.LEASE_STATUS_FAILED);
    }
  }
  return counts;
}

/** Ends a lease: frees its node capacity, takes it off the provider's open leases and the active set. */
export function closeLease(k: ResourceKeeper, ctx: Context, lease: Lease, status: LeaseStatus): void {
  const spec = specOfType(lease.resource)!;
  const key = parseNodeId(lease.nodeId);
  const node = k.getNode(ctx, key);
  if (node) {
    const allocated = capacityOf(node.allocated);
    k.state.nodes.set(ctx, key, { ...node, allocated: { ...allocated, [spec.field]: allocated[spec.field] - lease.rate } });
  }
  const provider = k.addrs.decode(lease.provider);
  const p = k.getProvider(ctx, provider);
  if (p) k.setProvider(ctx, { ...p, openLeases: p.openLeases - 1n });
  const closed: Lease = { ...lease, status, closedAt: tsOf(ctx.unixSeconds) };
  k.state.leases.set(ctx, lease.id, closed);
  k.state.activeLeases.delete(ctx, lease.id);
  emitTyped(ctx, EventLeaseClosed, { leaseId: lease.id, status, refunded: closed.refunded });
  k.hooks.afterLeaseClosed?.(ctx, closed);
}
