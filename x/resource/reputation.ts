/**
 * Reputation: a provider's score in [0, 1], from delivered versus promised service, age and bond.
 * Deterministic Dec arithmetic (18 decimals, half-even), recomputed at every liveness window close.
 *
 * Counters (all decayed): at each window close every counter c becomes c × (1 − reputation_decay)
 * and then the window's increments are added:
 *   windows_expected += node windows the provider promised (each node registered before the window)
 *   windows_on_time  += of those, windows with at least one accepted heartbeat
 *   periods_served / periods_missed += lease periods settled as served / missed in the window
 *   sla_met / sla_breached += SLA outcomes reported by x/market (added when reported)
 *
 *   U = windows_on_time / windows_expected                     (0 when nothing expected yet)
 *   L = periods_served / (periods_served + periods_missed)      (1 with no lease history)
 *   S = sla_met / (sla_met + sla_breached)                     (1 with no SLA history)
 *   performance = (w_u·U + w_l·L + w_s·S) / (w_u + w_l + w_s), and 0 while windows_expected = 0
 *   A = min(1, age / age_maturity)        B = min(1, bond / bond_maturity)
 *   trust = 1 − w_age − w_bond + w_age·A + w_bond·B
 *   score = clamp(performance × trust, 0, 1)
 *
 * A proven fraud zeroes windows_on_time, periods_served and sla_met (the provider starts over).
 */
import type { Params } from '../../src/gen/hypermesh/resource/v1/params';
import { Reputation } from '../../src/gen/hypermesh/resource/v1/resource';
import { Dec } from '../../src/types/dec';

export interface WindowIncrements {
  expected: bigint;
  onTime: bigint;
  served: bigint;
  missed: bigint;
}

export const NO_INCREMENTS: WindowIncrements = { expected: 0n, onTime: 0n, served: 0n, missed: 0n };

const d = (s: string) => Dec.fromProto(s);

export function emptyReputation(provider: string): Reputation {
  const z = Dec.ZERO.toProto();
  return Reputation.fromPartial({
    provider,
    score: z,
    windowsOnTime: z,
    windowsExpected: z,
    periodsServed: z,
    periodsMissed: z,
    slaMet: z,
    slaBreached: z,
    frauds: 0n,
    updatedWindow: 0n,
  });
}

function ratio(num: Dec, den: Dec, empty: Dec): Dec {
  return den.isPositive() ? num.quo(den) : empty;
}

function clamp01(x: Dec): Dec {
  return x.isNegative() ? Dec.ZERO : x.gt(Dec.ONE) ? Dec.ONE : x;
}

export function performance(r: Reputation, p: Params): Dec {
  const expected = d(r.windowsExpected);
  if (!expected.isPositive()) return Dec.ZERO;
  const u = ratio(d(r.windowsOnTime), expected, Dec.ZERO);
  const l = ratio(d(r.periodsServed), d(r.periodsServed).add(d(r.periodsMissed)), Dec.ONE);
  const s = ratio(d(r.slaMet), d(r.slaMet).add(d(r.slaBreached)), Dec.ONE);
  const [wu, wl, ws] = [d(p.uptimeWeight), d(p.leaseWeight), d(p.slaWeight)];
  const total = wu.add(wl).add(ws);
  if (!total.isPositive()) return Dec.ZERO;
  return clamp01(wu.mul(u).add(wl.mul(l)).add(ws.mul(s)).quo(total));
}

export function trust(ageSeconds: bigint, bond: bigint, p: Params): Dec {
  const a = ageSeconds <= 0n ? Dec.ZERO : Dec.ratio(ageSeconds, p.ageMaturitySeconds).min(Dec.ONE);
  const b = bond <= 0n ? Dec.ZERO : Dec.ratio(bond, BigInt(p.bondMaturity)).min(Dec.ONE);
  const [wa, wb] = [d(p.ageWeight), d(p.bondWeight)];
  return clamp01(Dec.ONE.sub(wa).sub(wb).add(wa.mul(a)).add(wb.mul(b)));
}

export function score(r: Reputation, p: Params, ageSeconds: bigint, bond: bigint): Dec {
  return clamp01(performance(r, p).mul(trust(ageSeconds, bond, p)));
}

/** One window close: decay every counter, add the window's increments, recompute the score. */
export function closeWindow(r: Reputation, inc: WindowIncrements, p: Params, ageSeconds: bigint, bond: bigint, window: bigint): Reputation {
  const keep = Dec.ONE.sub(d(p.reputationDecay));
  const next = (c: string, add: bigint) => d(c).mul(keep).add(Dec.fromInt(add)).toProto();
  const out: Reputation = {
    ...r,
    windowsExpected: next(r.windowsExpected, inc.expected),
    windowsOnTime: next(r.windowsOnTime, inc.onTime),
    periodsServed: next(r.periodsServed, inc.served),
    periodsMissed: next(r.periodsMissed, inc.missed),
    slaMet: next(r.slaMet, 0n),
    slaBreached: next(r.slaBreached, 0n),
    updatedWindow: window,
  };
  return { ...out, score: score(out, p, ageSeconds, bond).toProto() };
}

/** After a proven fraud: the good counters go to zero; the score is recomputed. */
export function afterFraud(r: Reputation, p: Params, ageSeconds: bigint, bond: bigint): Reputation {
  const z = Dec.ZERO.toProto();
  const out: Reputation = { ...r, windowsOnTime: z, periodsServed: z, slaMet: z, frauds: r.frauds + 1n };
  return { ...out, score: score(out, p, ageSeconds, bond).toProto() };
}

/** An SLA outcome reported by a market module. */
export function withSlaOutcome(r: Reputation, met: boolean, p: Params, ageSeconds: bigint, bond: bigint): Reputation {
  const out: Reputation = met
    ? { ...r, slaMet: d(r.slaMet).add(Dec.ONE).toProto() }
    : { ...r, slaBreached: d(r.slaBreached).add(Dec.ONE).toProto() };
  return { ...out, score: score(out, p, ageSeconds, bond).toProto() };
}
