/**
 * SLA terms and breaches (README, "SLA" and "What counts as a breach"). A breach slashes the
 * provider bond by the penalty (sla.penalty uhyper, or penalty_bond_fraction × bond; at most the
 * bond) and PAYS IT TO THE CONSUMER, reports an SLA breach to x/resource's reputation, and counts
 * toward max_breaches, which close the lease (BREACHED) and refund its escrow. What counts:
 *
 *   missed heartbeats — the lease's node was not live in sla.max_missed_windows consecutive
 *     liveness windows during the lease (found at each window close from x/resource's settlement;
 *     or shown by the consumer with MsgReportBreach MISSED_HEARTBEATS, checked against the node's
 *     missed-window count). A streak counts once.
 *   overclaimed heartbeat — MsgReportBreach with a heartbeat the lease's node key signed for this
 *     chain, at a height of the lease, claiming more used capacity than the node's audited
 *     capacity: the provider's own claim contradicted by the audit. Each sequence counts once.
 *   node failed — x/resource failed the node's lease (max_missed_windows of x/resource) or the
 *     node could not hold a renewed term: one breach, and the lease closes FAILED.
 *   uptime — at a clean close (by a party or exhausted), the share of the lease's windows the node
 *     was live in is below sla.uptime_bps: one breach.
 * A lease that closes with no breach reports "SLA met" to x/resource's reputation.
 */
import { EventSlaBreach } from '../../src/gen/hypermesh/market/v1/events';
import { BreachKind, LeaseState, type Lease, type SlaTerms } from '../../src/gen/hypermesh/market/v1/market';
import type { MsgReportBreach } from '../../src/gen/hypermesh/market/v1/tx';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { marketErrors } from './errors';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { closeMarketLease, getActiveLease } from './leases';
import { decField, intField } from './validation';

export function validateSla(s: SlaTerms | undefined): void {
  if (!s) throw marketErrors.InvalidSla('sla is required (all zero: no SLA)');
  if (s.uptimeBps > 10_000) throw marketErrors.InvalidSla('uptime_bps must be at most 10000');
  const penalty = intField(s.penalty, 'penalty', marketErrors.InvalidSla);
  const fraction = decField(s.penaltyBondFraction, 'penalty bond fraction', marketErrors.InvalidSla);
  if (fraction.gt(Dec.ONE)) throw marketErrors.InvalidSla('penalty_bond_fraction must be in [0, 1]');
  if (penalty > 0n && fraction.isPositive()) throw marketErrors.InvalidSla('give a penalty in uhyper or as a fraction of the bond, not both');
}

export function hasSla(s: SlaTerms | undefined): boolean {
  return !!s && (s.uptimeBps > 0 || s.maxMissedWindows > 0 || BigInt(s.penalty || '0') > 0n || Dec.fromProto(s.penaltyBondFraction).isPositive());
}

/** One breach: slash and pay the consumer, report it, count it. Returns the lease after it. */
function breach(k: MarketKeeper, ctx: Context, lease: Lease, cause: string, reportedBy: string): { lease: Lease; penalty: bigint } {
  const res = k.deps.resource;
  const fraction = Dec.fromProto(lease.sla!.penaltyBondFraction);
  const wanted = fraction.isPositive() ? fraction.mulInt(res.bondOf(ctx, lease.provider)).truncateInt() : BigInt(lease.sla!.penalty || '0');
  const penalty = wanted > 0n ? res.slashBondTo(ctx, lease.provider, wanted, lease.consumer) : 0n;
  res.recordSlaOutcome(ctx, lease.provider, false);
  const l: Lease = { ...lease, breaches: lease.breaches + 1, penaltiesPaid: (BigInt(lease.penaltiesPaid || '0') + penalty).toString() };
  k.state.leases.set(ctx, l.id, l);
  emitTyped(ctx, EventSlaBreach, { leaseId: l.id, provider: l.provider, consumer: l.consumer, cause, penalty: penalty.toString(), breaches: l.breaches, reportedBy });
  return { lease: l, penalty };
}

/** A breach that ends the lease anyway (its node failed): penalty and reputation, no max check. */
export function closingBreach(k: MarketKeeper, ctx: Context, leaseId: bigint, cause: string): void {
  breach(k, ctx, k.state.leases.get(ctx, leaseId)!, cause, '');
}

/** Marks a lease to close in `state` at the next EndBlock (from x/resource's hooks). */
export function markClosing(k: MarketKeeper, ctx: Context, l: Lease, state: LeaseState): void {
  if (l.closing === LeaseState.LEASE_STATE_UNSPECIFIED) k.state.leases.set(ctx, l.id, { ...l, closing: state });
  k.state.pendingLeases.set(ctx, l.id, undefined);
}

/** x/resource settled a liveness window of the lease: count it once; a full missed streak is a breach. */
export function onWindowSettled(k: MarketKeeper, ctx: Context, leaseId: bigint, served: boolean): void {
  let l = k.state.leases.get(ctx, leaseId);
  if (!l || l.state !== LeaseState.LEASE_STATE_ACTIVE) return;
  const window = k.deps.resource.currentWindow(ctx); // the window closing now
  if (l.lastWindow >= window) return; // counted for another resource of the lease
  l = served
    ? { ...l, lastWindow: window, windowsServed: l.windowsServed + 1n, missedStreak: 0 }
    : { ...l, lastWindow: window, windowsMissed: l.windowsMissed + 1n, missedStreak: l.missedStreak + 1 };
  k.state.leases.set(ctx, l.id, l);
  const max = l.sla!.maxMissedWindows;
  if (!served && max > 0 && l.missedStreak >= max && window > l.missedPenalizedThrough) {
    l = breach(k, ctx, { ...l, missedStreak: 0, missedPenalizedThrough: window }, 'missed_heartbeats', '').lease;
    if (l.breaches >= k.params(ctx).maxBreaches) markClosing(k, ctx, l, LeaseState.LEASE_STATE_BREACHED);
  }
}

/** MsgReportBreach: checks the evidence (module doc), applies the breach, closes at max_breaches. */
export function reportBreach(k: MarketKeeper, ctx: Context, m: MsgReportBreach): bigint {
  let l = getActiveLease(k, ctx, m.leaseId);
  if (l.consumer !== m.consumer) throw sdk.Unauthorized(`lease ${l.id} belongs to ${l.consumer}`);
  const res = k.deps.resource;
  const node = res.getNode(ctx, l.nodeId);
  if (!node) throw marketErrors.InvalidEvidence(`node ${l.nodeId} is gone`);
  let cause: string;
  switch (m.kind) {
    case BreachKind.BREACH_KIND_MISSED_HEARTBEATS: {
      const max = l.sla!.maxMissedWindows;
      if (max === 0) throw marketErrors.InvalidEvidence(`lease ${l.id} has no missed-window term`);
      const last = res.currentWindow(ctx) - 1n; // the last closed window
      const streak = node.missedWindows;
      if (streak < BigInt(max)) throw marketErrors.InvalidEvidence(`node ${l.nodeId} missed ${streak} window(s) in a row; the SLA allows ${max - 1}`);
      const first = last - streak + 1n;
      if (first <= l.startWindow) throw marketErrors.InvalidEvidence(`the missed windows began before lease ${l.id} started (window ${l.startWindow})`);
      if (l.missedPenalizedThrough >= first) throw marketErrors.BreachAlreadyCounted(`windows up to ${l.missedPenalizedThrough} of this streak were already penalized`);
      l = { ...l, missedPenalizedThrough: last, missedStreak: 0 };
      cause = 'missed_heartbeats';
      break;
    }
    case BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT: {
      const hb = m.heartbeat;
      if (!hb) throw marketErrors.InvalidEvidence('the evidence needs the signed heartbeat');
      if (hb.nodeId !== l.nodeId) throw marketErrors.InvalidEvidence(`the heartbeat is of node ${hb.nodeId}, not the lease's ${l.nodeId}`);
      if (hb.height < l.startHeight) throw marketErrors.InvalidEvidence(`the heartbeat (height ${hb.height}) predates the lease (height ${l.startHeight})`);
      if (hb.sequence <= l.evidenceSequence) throw marketErrors.BreachAlreadyCounted(`heartbeats up to sequence ${l.evidenceSequence} were already reported`);
      if (!res.verifyHeartbeat(ctx, hb)) throw marketErrors.InvalidEvidence(`the heartbeat is not node ${hb.nodeId}'s signature on ${ctx.block.chainId}`);
      if (!res.exceedsAttested(node, hb)) throw marketErrors.InvalidEvidence('the heartbeat claims no more than the node’s audited capacity');
      l = { ...l, evidenceSequence: hb.sequence };
      cause = 'overclaimed_heartbeat';
      break;
    }
    default:
      throw marketErrors.InvalidEvidence(`unknown breach kind ${m.kind}`);
  }
  const r = breach(k, ctx, l, cause, m.consumer);
  if (r.lease.breaches >= k.params(ctx).maxBreaches) closeMarketLease(k, ctx, r.lease, LeaseState.LEASE_STATE_BREACHED);
  return r.penalty;
}

/** At a close: the uptime term (clean closes only), then "met" to reputation when nothing was breached. */
export function evaluateSlaAtClose(k: MarketKeeper, ctx: Context, lease: Lease): boolean {
  let l = lease;
  if (!hasSla(l.sla)) return l.breaches === 0;
  const clean = l.state === LeaseState.LEASE_STATE_CLOSED || l.state === LeaseState.LEASE_STATE_EXHAUSTED;
  const windows = l.windowsServed + l.windowsMissed;
  if (clean && l.sla!.uptimeBps > 0 && windows > 0n && l.windowsServed * 10_000n < BigInt(l.sla!.uptimeBps) * windows) {
    l = breach(k, ctx, l, 'uptime', '').lease;
  }
  if (l.breaches === 0) k.deps.resource.recordSlaOutcome(ctx, l.provider, true);
  return l.breaches === 0;
}
