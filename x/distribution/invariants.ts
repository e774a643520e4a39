/**
 * x/distribution invariants (the SDK's NonNegativeOutstanding and ModuleAccount invariants, plus
 * commission ≤ outstanding) as pure functions over a snapshot from the keeper or a node's queries.
 */
import type { Coins } from '../../src/types/coins';
import { coinsToString } from '../../src/types/coins';
import { decCoinsToString, type DecCoins } from '../../src/types/dec_coins';
import * as dc from './dec_coins';

export interface DistributionSnapshot {
  communityPool: DecCoins;
  /** validator operator → outstanding rewards (commission included) */
  outstanding: ReadonlyMap<string, DecCoins>;
  /** validator operator → accumulated commission */
  commission: ReadonlyMap<string, DecCoins>;
  /** balance of the distribution module account */
  moduleBalance: Coins;
}

export function nonNegativeOutstandingInvariant(s: DistributionSnapshot): string[] {
  return [...s.outstanding].filter(([, o]) => dc.isAnyNegative(o)).map(([v, o]) => `validator ${v} has negative outstanding rewards ${decCoinsToString(o)}`);
}

/** The module account holds exactly the whole coins of the community pool plus all outstanding rewards. */
export function moduleAccountInvariant(s: DistributionSnapshot): string[] {
  let expected = s.communityPool;
  for (const o of s.outstanding.values()) expected = dc.add(expected, o);
  const whole = dc.truncateDecimal(expected).coins;
  return coinsToString(whole) === coinsToString(s.moduleBalance)
    ? []
    : [`distribution module holds ${coinsToString(s.moduleBalance) || '0'}, community pool + outstanding rewards are ${coinsToString(whole) || '0'}`];
}

/** A validator's accumulated commission is part of its outstanding rewards. */
export function commissionWithinOutstandingInvariant(s: DistributionSnapshot): string[] {
  const out: string[] = [];
  for (const [v, c] of s.commission) {
    try {
      dc.sub(s.outstanding.get(v) ?? [], c);
    } catch {
      out.push(`validator ${v}: commission ${decCoinsToString(c)} exceeds outstanding ${decCoinsToString(s.outstanding.get(v) ?? [])}`);
    }
  }
  return out;
}

export function distributionInvariants(s: DistributionSnapshot): string[] {
  return [...nonNegativeOutstandingInvariant(s), ...moduleAccountInvariant(s), ...commissionWithinOutstandingInvariant(s)];
}
