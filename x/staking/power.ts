/**
 * Resource-validated power: the consensus power CometBFT receives for a bonded validator is
 *
 *   power = truncate( floor(tokens / power_reduction) × (1 + min(bonus_cap, resource_weight × score)) )
 *
 * with score ∈ [0, 1] from the ResourceScoreProvider (clamped to that range here), all in Dec
 * (18-decimal fixed point), so every node computes the same integer. With score 0 (no x/resource
 * yet) it is the SDK's ConsensusPower. Validator.tokens and delegator_shares are untouched: only
 * the power sent to CometBFT (and shown by its /validators) carries the bonus.
 */
import type { Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { StakingKeeper } from './keeper';
import { isBonded, potentialConsensusPower } from './validator';

/** The multiplier 1 + min(cap, weight × clamp(score, 0, 1)). */
export function powerMultiplier(weight: Dec, cap: Dec, score: Dec): Dec {
  const s = score.isNegative() ? Dec.ZERO : score.gt(Dec.ONE) ? Dec.ONE : score;
  return Dec.ONE.add(cap.min(weight.mul(s)));
}

/** Stake power × multiplier, truncated. */
export function bonusPower(stakePower: bigint, multiplier: Dec): bigint {
  return Dec.fromInt(stakePower).mul(multiplier).truncateInt();
}

/** Consensus power of a validator (0 unless bonded), with the resource bonus. */
export function consensusPower(k: StakingKeeper, ctx: Context, v: Validator): bigint {
  if (!isBonded(v)) return 0n;
  const stakePower = potentialConsensusPower(v, k.powerReduction);
  if (stakePower === 0n) return 0n;
  return bonusPower(stakePower, multiplierOf(k, ctx, v));
}

export function multiplierOf(k: StakingKeeper, ctx: Context, v: Validator): Dec {
  const p = k.hyperParams(ctx);
  return powerMultiplier(Dec.fromProto(p.resourceWeight), Dec.fromProto(p.bonusCap), k.resourceScores.resourceScore(ctx, v.operatorAddress));
}
