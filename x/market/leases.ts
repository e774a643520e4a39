/**
 * Market leases: escrow streams (README, "Leases"). A winning bid becomes a lease whose escrow is
 * the bid's `total`; each resource is held on the node by an x/resource lease (origin MARKET, for
 * duration_blocks × block_seconds), which x/resource settles per liveness window and records as
 * ResourceTransactions. The market streams the escrow to the provider in every EndBlock:
 *
 *   due(b)  = floor(total × b / duration_blocks)       b = blocks since the start block
 *   block b pays min(due(b), deposited) − paid          (the remainder of each block's share
 *                                                        carries into the next: Σ = total exactly)
 *
 * The stream goes on while escrow lasts: MsgDepositLease adds escrow and so blocks at the same
 * rate. When paid = deposited the lease is EXHAUSTED; MsgCloseLease (consumer or provider) ends it
 * at once. A close settles the stream through its block and refunds deposited − paid to the
 * consumer, ends the x/resource leases still active, and reports the SLA outcome. When an
 * x/resource lease's term ends (COMPLETED) while escrow remains, the next EndBlock renews it for
 * the blocks the remaining escrow pays (same node, the amount scaled to them).
 */
import { EventLeaseClosed, EventLeaseCreated, EventLeaseDeposited } from '../../src/gen/hypermesh/market/v1/events';
import { Lease, LeaseState, type Bid, type Request } from '../../src/gen/hypermesh/market/v1/market';
import { LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgCloseLease, MsgDepositLease } from '../../src/gen/hypermesh/market/v1/tx';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { marketErrors } from './errors';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { ModuleName, QUOTE_DENOM } from './keys';
import type { Payouts } from './payouts';
import { closingBreach, evaluateSlaAtClose } from './sla';

/** floor(total × b / duration): the stream's cumulative due after b blocks. */
export function dueAfter(total: bigint, duration: bigint, blocks: bigint): bigint {
  return blocks <= 0n ? 0n : (total * blocks) / duration;
}

/** Blocks the escrow left after `paid` covers at the lease's rate (the last one partly). */
export function blocksCovered(total: bigint, duration: bigint, deposited: bigint, paidBlocks: bigint): bigint {
  // the smallest b ≥ paidBlocks with due(b) ≥ deposited, minus paidBlocks
  if (total === 0n) return 0n;
  const b = (deposited * duration + total - 1n) / total;
  return b > paidBlocks ? b - paidBlocks : 0n;
}

export function getActiveLease(k: MarketKeeper, ctx: Context, id: bigint): Lease {
  const l = k.state.leases.get(ctx, id);
  if (!l) throw marketErrors.LeaseNotFound(`no lease ${id}`);
  if (l.state !== LeaseState.LEASE_STATE_ACTIVE) throw marketErrors.LeaseNotActive(`lease ${id} is ${LeaseState[l.state]}`);
  return l;
}

export function openMarketLease(k: MarketKeeper, ctx: Context, r: Request, bid: Bid): Lease {
  const res = k.deps.resource;
  const id = k.state.nextLeaseId.next(ctx);
  const seconds = r.durationBlocks * k.params(ctx).blockSeconds;
  const resources = r.resources.map((x) => {
    const price = Dec.fromProto(bid.prices.find((p) => p.denom === x.denom)!.price);
    const rl = res.openLease(ctx, { consumer: r.consumer, provider: bid.provider, nodeId: bid.nodeId, resource: res.resourceType(x.denom)!, amount: BigInt(x.amount), durationSeconds: seconds, pricePerUnit: price });
    k.state.leaseOfResourceLease.set(ctx, rl.id, id);
    return { denom: x.denom, amount: x.amount, price: price.toProto(), resourceLeaseId: rl.id, resourceLeaseIds: [rl.id] };
  });
  const lease = Lease.fromPartial({
    id,
    requestId: r.id,
    consumer: r.consumer,
    provider: bid.provider,
    nodeId: bid.nodeId,
    resources,
    durationBlocks: r.durationBlocks,
    total: bid.total,
    startHeight: BigInt(ctx.block.height),
    startTime: ctx.unixSeconds,
    deposited: bid.total,
    paid: '0',
    blocksPaid: 0n,
    sla: r.sla,
    penaltiesPaid: '0',
    state: LeaseState.LEASE_STATE_ACTIVE,
    refunded: '0',
    startWindow: res.currentWindow(ctx),
  });
  k.state.leases.set(ctx, id, lease);
  k.state.leasesByConsumer.set(ctx, [k.addrs.decode(r.consumer), id], undefined);
  k.state.leasesByProvider.set(ctx, [k.addrs.decode(bid.provider), id], undefined);
  k.state.activeLeases.set(ctx, id, undefined);
  emitTyped(ctx, EventLeaseCreated, { lease });
  return lease;
}

/** Brings the stream up to the context's block: what is due and covered goes to the provider. */
function settleStream(k: MarketKeeper, ctx: Context, l: Lease, pay?: Payouts): Lease {
  const blocks = BigInt(ctx.block.height) - l.startHeight;
  if (blocks <= l.blocksPaid) return l;
  const deposited = BigInt(l.deposited);
  let target = dueAfter(BigInt(l.total), l.durationBlocks, blocks);
  if (target > deposited) target = deposited;
  const amount = target - BigInt(l.paid);
  if (amount > 0n) {
    if (pay) pay.pay(l.provider, QUOTE_DENOM, amount);
    else k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(l.provider), [{ denom: QUOTE_DENOM, amount }]);
  }
  return { ...l, paid: target.toString(), blocksPaid: blocks };
}

/** EndBlock: every active lease streams its block; the exhausted ones close. */
export function streamLeases(k: MarketKeeper, ctx: Context, pay: Payouts): void {
  const ids = [...k.state.activeLeases.iterate(ctx)].map(([id]) => id);
  for (const id of ids) {
    const l = settleStream(k, ctx, k.state.leases.get(ctx, id)!, pay);
    if (BigInt(l.paid) >= BigInt(l.deposited)) closeMarketLease(k, ctx, l, LeaseState.LEASE_STATE_EXHAUSTED, pay);
    else k.state.leases.set(ctx, id, l);
  }
}

/**
 * Ends a lease: streams through this block, refunds the rest of the escrow, ends its x/resource
 * leases still active, applies the uptime check and reports the SLA outcome. Not for x/resource's
 * hooks (they mark the lease `closing`; EndBlock closes it).
 */
export function closeMarketLease(k: MarketKeeper, ctx: Context, lease: Lease, state: LeaseState, pay?: Payouts): Lease {
  let l = settleStream(k, ctx, lease, pay);
  const refund = BigInt(l.deposited) - BigInt(l.paid);
  if (refund > 0n) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(l.consumer), [{ denom: QUOTE_DENOM, amount: refund }]);
  l = { ...l, state, closedHeight: BigInt(ctx.block.height), refunded: refund.toString(), closing: LeaseState.LEASE_STATE_UNSPECIFIED };
  k.state.leases.set(ctx, l.id, l);
  k.state.activeLeases.delete(ctx, l.id);
  k.state.pendingLeases.delete(ctx, l.id);
  for (const r of l.resources) {
    if (r.resourceLeaseId === 0n) continue;
    const rl = k.deps.resource.getLease(ctx, r.resourceLeaseId);
    if (rl && rl.status === LeaseStatus.LEASE_STATUS_ACTIVE) k.deps.resource.endLease(ctx, r.resourceLeaseId);
  }
  const met = evaluateSlaAtClose(k, ctx, l);
  l = k.state.leases.get(ctx, l.id)!;
  emitTyped(ctx, EventLeaseClosed, { leaseId: l.id, state, paid: l.paid, refunded: l.refunded, slaMet: met });
  return l;
}

export function depositLease(k: MarketKeeper, ctx: Context, m: MsgDepositLease): void {
  const l = getActiveLease(k, ctx, m.leaseId);
  if (l.consumer !== m.consumer) throw sdk.Unauthorized(`lease ${l.id} belongs to ${l.consumer}`);
  if (!m.amount || m.amount.denom !== QUOTE_DENOM) throw sdk.InvalidCoins(`deposits are in ${QUOTE_DENOM}`);
  if (!/^[0-9]+$/.test(m.amount.amount) || BigInt(m.amount.amount) === 0n) throw sdk.InvalidCoins('deposit amount must be a positive integer');
  const amount = BigInt(m.amount.amount);
  k.deps.bank.sendFromAccountToModule(ctx, k.addrs.decode(m.consumer), ModuleName, [{ denom: QUOTE_DENOM, amount }]);
  const deposited = BigInt(l.deposited) + amount;
  k.state.leases.set(ctx, l.id, { ...l, deposited: deposited.toString() });
  emitTyped(ctx, EventLeaseDeposited, { leaseId: l.id, amount: amount.toString(), deposited: deposited.toString() });
}

export function closeLeaseByParty(k: MarketKeeper, ctx: Context, m: MsgCloseLease): Lease {
  const l = getActiveLease(k, ctx, m.leaseId);
  if (m.sender !== l.consumer && m.sender !== l.provider) throw sdk.Unauthorized(`only the consumer ${l.consumer} or the provider ${l.provider} can close lease ${l.id}`);
  return closeMarketLease(k, ctx, l, LeaseState.LEASE_STATE_CLOSED);
}

/** EndBlock: closes the leases x/resource's hooks marked, and renews ended x/resource terms. */
export function processPendingLeases(k: MarketKeeper, ctx: Context, pay: Payouts): void {
  const ids = [...k.state.pendingLeases.iterate(ctx)].map(([id]) => id);
  for (const id of ids) {
    k.state.pendingLeases.delete(ctx, id);
    const l = k.state.leases.get(ctx, id)!;
    if (l.state !== LeaseState.LEASE_STATE_ACTIVE) continue;
    if (l.closing !== LeaseState.LEASE_STATE_UNSPECIFIED) {
      closeMarketLease(k, ctx, l, l.closing, pay);
      continue;
    }
    renewTerms(k, ctx, l, pay);
  }
}

/** Opens new x/resource terms for the resources whose term ended, for the blocks the escrow still pays. */
function renewTerms(k: MarketKeeper, ctx: Context, lease: Lease, pay: Payouts): void {
  const l = settleStream(k, ctx, lease, pay);
  const blocks = blocksCovered(BigInt(l.total), l.durationBlocks, BigInt(l.deposited), l.blocksPaid);
  if (blocks === 0n) {
    closeMarketLease(k, ctx, l, LeaseState.LEASE_STATE_EXHAUSTED, pay);
    return;
  }
  const res = k.deps.resource;
  const seconds = blocks * k.params(ctx).blockSeconds;
  const resources = [];
  for (const r of l.resources) {
    if (r.resourceLeaseId !== 0n) {
      resources.push(r);
      continue;
    }
    const amount = (BigInt(r.amount) * blocks) / l.durationBlocks;
    const branch = ctx.branch();
    try {
      const rl = res.openLease(branch.ctx, {
        consumer: l.consumer,
        provider: l.provider,
        nodeId: l.nodeId,
        resource: res.resourceType(r.denom)!,
        amount: amount > 0n ? amount : 1n,
        durationSeconds: seconds,
        pricePerUnit: Dec.fromProto(r.price),
      });
      branch.write();
      k.state.leaseOfResourceLease.set(ctx, rl.id, l.id);
      resources.push({ ...r, resourceLeaseId: rl.id, resourceLeaseIds: [...r.resourceLeaseIds, rl.id] });
    } catch {
      // the node cannot hold it any more (not live, or its capacity was taken): the lease fails
      k.state.leases.set(ctx, l.id, l);
      closingBreach(k, ctx, l.id, 'node_unavailable');
      closeMarketLease(k, ctx, k.state.leases.get(ctx, l.id)!, LeaseState.LEASE_STATE_FAILED, pay);
      return;
    }
  }
  k.state.leases.set(ctx, l.id, { ...l, resources });
}
