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
 */
import { EventLeaseClosed, EventLeaseSettled, EventRedeem } from '../../src/gen/hypermesh/resource/v1/events';
import { Lease, LeaseOrigin, LeaseStatus, type Window } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgRedeem } from '../../src/gen/hypermesh/resource/v1/tx';
import { amountOf } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import { secondsOf, tsOf, type ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { bestChoice, namedChoice, type Choice } from './selection';
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
  const allocated = capacityOf(choice.node.allocated);
  k.state.nodes.set(ctx, choice.nodeKey, { ...choice.node, allocated: { ...allocated, [spec.field]: allocated[spec.field] + rate } });
  const p = k.mustProvider(ctx, choice.address);
  k.setProvider(ctx, { ...p, openLeases: p.openLeases + 1n });

  const id = k.state.nextLeaseId.next(ctx); // from 1: genesis starts the sequence there
  const now = ctx.unixSeconds;
  const lease = Lease.fromPartial({
    id,
    consumer: m.consumer,
    provider: choice.provider.address,
    nodeId: choice.node.nodeId,
    resource: spec.type,
    amount: amount.toString(),
    start: tsOf(now),
    durationSeconds: m.durationSeconds,
    status: LeaseStatus.LEASE_STATUS_ACTIVE,
    origin: LeaseOrigin.LEASE_ORIGIN_REDEMPTION,
    rate,
    pricePerUnit: choice.price.toProto(),
    settled: '0',
    refunded: '0',
    settledThrough: tsOf(now),
  });
  k.state.leases.set(ctx, id, lease);
  k.state.leasesByConsumer.set(ctx, [consumer, id], undefined);
  k.state.leasesByProvider.set(ctx, [choice.address, id], undefined);
  k.state.leasesByNode.set(ctx, [choice.nodeKey, id], undefined);
  k.state.activeLeases.set(ctx, id, undefined);
  emitTyped(ctx, EventRedeem, {
    leaseId: id,
    consumer: m.consumer,
    provider: lease.provider,
    nodeId: lease.nodeId,
    amount: { denom: spec.denom, amount: amount.toString() },
    durationSeconds: m.durationSeconds,
  });
  return { leaseId: id, provider: lease.provider, nodeId: lease.nodeId };
}

/** Delivered by time t (Unix seconds): floor(amount × (t − start) / duration), all of it at the end. */
export function cumulative(amount: bigint, start: bigint, duration: bigint, t: bigint): bigint {
  if (t >= start + duration) return amount;
  if (t <= start) return 0n;
  return (amount * (t - start)) / duration;
}

/** Per-provider outcome of one window's settlements, for reputation. */
export type SettlementCounts = Map<string, { served: bigint; missed: bigint }>;

function refund(k: ResourceKeeper, ctx: Context, lease: Lease, spec: ResourceSpec, amount: bigint): void {
  if (amount <= 0n) return;
  const coins = [{ denom: spec.denom, amount }];
  k.deps.bank.mintCoins(ctx, ModuleName, coins);
  k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(lease.consumer), coins);
  if (lease.origin === LeaseOrigin.LEASE_ORIGIN_REDEMPTION) {
    const provider = k.addrs.decode(lease.provider);
    const l = k.getLiability(ctx, provider, spec.denom);
    k.setLiability(ctx, provider, { ...l, reserved: (BigInt(l.reserved) - amount).toString() });
  }
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
