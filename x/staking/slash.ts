/**
 * Slashing a validator's stake, as the SDK's x/staking/keeper/slash.go: the amount is `fraction`
 * of the stake that backed the validator at the infraction. Unbonding delegations and
 * redelegations created at or after the infraction height (and not yet matured) are slashed
 * first, each by `fraction` of its initial balance; the rest comes from the validator's tokens
 * (never below zero). The burned coins leave the pool that holds them.
 *
 * HyperMesh: `power` is the power CometBFT knew (with the resource bonus), so the stake at the
 * infraction is power × power_reduction ÷ the validator's current bonus multiplier.
 */
import type { Redelegation, UnbondingDelegation, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import type { StakingKeeper } from './keeper';
import { multiplierOf } from './power';
import { nsFromTimestamp } from './time';
import { isBonded, isUnbonded, isUnbonding, tokens } from './validator';

export function slash(k: StakingKeeper, ctx: Context, consAddr: Uint8Array, infractionHeight: bigint, power: bigint, fraction: Dec): bigint {
  if (fraction.isNegative()) throw sdk.Logic(`attempted to slash with a negative slash factor: ${fraction}`);
  let v = k.getValidatorByConsAddr(ctx, consAddr);
  // not found: it was overslashed and removed; nothing left to do (as the SDK)
  if (!v) return 0n;
  if (isUnbonded(v)) throw sdk.Logic(`should not be slashing unbonded validator: ${v.operatorAddress}`);

  const stakeAtInfraction = Dec.fromInt(power * k.powerReduction).quo(multiplierOf(k, ctx, v)).truncateInt();
  const slashAmount = Dec.fromInt(stakeAtInfraction).mul(fraction).truncateInt();
  const val = k.valAddr(v);
  k.hooks.beforeValidatorModified(ctx, val);

  let remaining = slashAmount;
  const height = BigInt(ctx.block.height);
  if (infractionHeight > height) {
    throw sdk.Logic(`impossible attempt to slash future infraction at height ${infractionHeight} but we are at height ${height}`);
  }
  if (infractionHeight < height) {
    for (const ubd of k.unbondingDelegationsFromValidator(ctx, val)) {
      remaining -= slashUnbondingDelegation(k, ctx, ubd, infractionHeight, fraction);
    }
    for (const red of k.redelegationsFromSrcValidator(ctx, val)) {
      remaining -= slashRedelegation(k, ctx, red, infractionHeight, fraction);
    }
  }

  v = k.mustGetValidator(ctx, val);
  let toBurn = remaining < tokens(v) ? remaining : tokens(v);
  if (toBurn < 0n) toBurn = 0n;
  if (toBurn === 0n) return 0n;

  if (tokens(v) > 0n) {
    let effective = Dec.fromInt(toBurn).quoRoundUp(Dec.fromInt(tokens(v)));
    if (effective.gt(Dec.ONE)) effective = Dec.ONE;
    k.hooks.beforeValidatorSlashed(ctx, val, effective);
  }

  v = k.removeValidatorTokens(ctx, k.mustGetValidator(ctx, val), toBurn);
  if (isBonded(v)) k.burnBondedTokens(ctx, toBurn);
  else if (isUnbonding(v) || isUnbonded(v)) k.burnNotBondedTokens(ctx, toBurn);
  else throw sdk.Logic('invalid validator status');
  return toBurn;
}

function slashable(e: { creationHeight: bigint; completionTime?: { seconds: bigint; nanos: number }; unbondingOnHoldRefCount: bigint }, infractionHeight: bigint, nowNs: bigint): boolean {
  if (e.creationHeight < infractionHeight) return false; // started before: did not contribute
  const mature = nsFromTimestamp(e.completionTime) <= nowNs;
  return !(mature && e.unbondingOnHoldRefCount === 0n);
}

/**
 * Slashes the entries of an unbonding delegation that were still bonded at the infraction.
 * Returns the amount that should have been slashed (which may exceed what was left to burn).
 */
export function slashUnbondingDelegation(k: StakingKeeper, ctx: Context, ubd: UnbondingDelegation, infractionHeight: bigint, fraction: Dec): bigint {
  let total = 0n;
  let burned = 0n;
  const entries = ubd.entries.map((e) => {
    if (!slashable(e, infractionHeight, ctx.block.timeNs)) return e;
    const amount = fraction.mulInt(BigInt(e.initialBalance)).truncateInt();
    total += amount;
    const balance = BigInt(e.balance);
    const cut = amount < balance ? amount : balance;
    if (cut === 0n) return e;
    burned += cut;
    return { ...e, balance: (balance - cut).toString() };
  });
  if (burned > 0n) k.setUnbondingDelegation(ctx, { ...ubd, entries });
  k.burnNotBondedTokens(ctx, burned);
  return total;
}

/**
 * Slashes a redelegation away from the slashed source validator: the destination delegation gives
 * up `fraction` of the shares each slashable entry created, and those tokens are burned from the
 * destination's pool. Returns the amount that should have been slashed.
 */
export function slashRedelegation(k: StakingKeeper, ctx: Context, red: Redelegation, infractionHeight: bigint, fraction: Dec): bigint {
  let total = 0n;
  let bondedBurned = 0n;
  let notBondedBurned = 0n;
  const del = k.addressCodec.decode(red.delegatorAddress);
  const dst = k.decodeValAddr(red.validatorDstAddress);
  for (const e of red.entries) {
    if (!slashable(e, infractionHeight, ctx.block.timeNs)) continue;
    total += fraction.mulInt(BigInt(e.initialBalance)).truncateInt();
    let shares = fraction.mul(Dec.fromProto(e.sharesDst));
    if (shares.isZero()) continue;
    const d = k.getDelegation(ctx, del, dst);
    if (!d) continue; // the delegation is gone: nothing left to unbond
    const have = Dec.fromProto(d.shares);
    if (shares.gt(have)) shares = have;
    const burn = k.unbond(ctx, del, dst, shares);
    const dstValidator: Validator | undefined = k.getValidator(ctx, dst);
    if (!dstValidator || !isBonded(dstValidator)) notBondedBurned += burn;
    else bondedBurned += burn;
  }
  k.burnBondedTokens(ctx, bondedBurned);
  k.burnNotBondedTokens(ctx, notBondedBurned);
  return total;
}
