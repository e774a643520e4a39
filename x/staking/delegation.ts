/**
 * Delegating, unbonding, redelegating and their completion, as the SDK's x/staking/keeper/
 * delegation.go: shares are issued at the validator's exchange rate; tokens move between the
 * delegator and the pool that matches the validator's status; unbonding and redelegation entries
 * wait in time-ordered queues for the unbonding period and stay slashable until they mature.
 */
import {
  BondStatus,
  Delegation,
  Redelegation,
  UnbondingDelegation,
  type UnbondingDelegationEntry,
  type Validator,
} from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Coin } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { stakingErrors } from './errors';
import type { StakingKeeper } from './keeper';
import { BondedPoolName, NotBondedPoolName } from './keys';
import { nsFromTimestamp, timestampFromNs } from './time';
import { jailValidator, unbondingTimeNs } from './val_state_change';
import {
  invalidExRate,
  isBonded,
  isUnbonded,
  isUnbonding,
  sharesFromTokens,
  sharesFromTokensTruncated,
  tokensFromShares,
} from './validator';

/**
 * Adds `amount` of stake from `del` to `v`. With `subtractAccount` the coins come from the
 * delegator's account (locked vesting coins included); otherwise they are already in a pool
 * (redelegation, cancelled unbonding) and only move between pools when the statuses differ.
 */
export function delegate(
  k: StakingKeeper,
  ctx: Context,
  del: Uint8Array,
  amount: bigint,
  tokenSrc: BondStatus,
  v: Validator,
  subtractAccount: boolean,
): Dec {
  if (invalidExRate(v)) throw stakingErrors.DelegatorShareExRateInvalid();
  const val = k.valAddr(v);
  let d = k.getDelegation(ctx, del, val);
  if (d) k.hooks.beforeDelegationSharesModified(ctx, del, val);
  else {
    d = Delegation.fromPartial({ delegatorAddress: k.addressCodec.encode(del), validatorAddress: v.operatorAddress, shares: Dec.ZERO.toProto() });
    k.hooks.beforeDelegationCreated(ctx, del, val);
  }

  if (subtractAccount) {
    if (tokenSrc === BondStatus.BOND_STATUS_BONDED) throw sdk.Logic('delegation token source cannot be bonded');
    const pool = isBonded(v) ? BondedPoolName : NotBondedPoolName;
    k.bank.delegateCoinsFromAccountToModule(ctx, del, pool, [{ denom: k.bondDenom(ctx), amount }]);
  } else {
    const srcBonded = tokenSrc === BondStatus.BOND_STATUS_BONDED;
    if (!srcBonded && isBonded(v)) k.notBondedTokensToBonded(ctx, amount);
    else if (srcBonded && !isBonded(v)) k.bondedTokensToNotBonded(ctx, amount);
  }

  // the hooks above may have changed the validator (distribution withdraws rewards): reload it
  const current = k.mustGetValidator(ctx, val);
  const [, newShares] = k.addValidatorTokensAndShares(ctx, current, amount);
  k.setDelegation(ctx, { ...d, shares: Dec.fromProto(d.shares).add(newShares).toProto() });
  k.hooks.afterDelegationModified(ctx, del, val);
  return newShares;
}

/**
 * Removes `shares` from a delegation and the validator; returns the tokens they were worth. A
 * validator whose operator drops below its minimum self-delegation is jailed; an unbonded
 * validator with no shares left is removed.
 */
export function unbond(k: StakingKeeper, ctx: Context, del: Uint8Array, val: Uint8Array, shares: Dec): bigint {
  const d = k.getDelegation(ctx, del, val);
  if (!d) throw stakingErrors.NoDelegatorForAddress();
  k.hooks.beforeDelegationSharesModified(ctx, del, val);
  const have = Dec.fromProto(d.shares);
  if (have.lt(shares)) throw stakingErrors.NotEnoughDelegationShares(have.toString());

  let v = k.mustGetValidator(ctx, val);
  const left = have.sub(shares);
  if (k.isSelfDelegation(del, val) && !v.jailed && tokensFromShares(v, left).truncateInt() < BigInt(v.minSelfDelegation)) {
    jailValidator(k, ctx, v);
    v = k.mustGetValidator(ctx, val);
  }

  if (left.isZero()) k.removeDelegation(ctx, d);
  else {
    k.setDelegation(ctx, { ...d, shares: left.toProto() });
    k.hooks.afterDelegationModified(ctx, del, val);
  }

  const [after, amount] = k.removeValidatorTokensAndShares(ctx, v, shares);
  if (Dec.fromProto(after.delegatorShares).isZero() && isUnbonded(after)) k.removeValidator(ctx, val);
  return amount;
}

/** When an unbonding from `src` completes, and at which height it counts as started. */
function beginInfo(k: StakingKeeper, ctx: Context, src: Uint8Array): { completionNs: bigint; height: bigint; completeNow: boolean } {
  const v = k.getValidator(ctx, src);
  if (!v || isBonded(v)) {
    return { completionNs: ctx.block.timeNs + k.unbondingTimeNs(ctx), height: BigInt(ctx.block.height), completeNow: false };
  }
  if (isUnbonded(v)) return { completionNs: 0n, height: 0n, completeNow: true };
  if (isUnbonding(v)) return { completionNs: unbondingTimeNs(v), height: v.unbondingHeight, completeNow: false };
  throw sdk.Logic(`unknown validator status: ${v.status}`);
}

function hasMaxUnbondingDelegationEntries(k: StakingKeeper, ctx: Context, del: Uint8Array, val: Uint8Array): boolean {
  const ubd = k.getUnbondingDelegation(ctx, del, val);
  return !!ubd && ubd.entries.length >= k.params(ctx).maxEntries;
}

/** Adds an unbonding entry; one with the same creation height and completion time is merged into. */
function setUnbondingDelegationEntry(
  k: StakingKeeper,
  ctx: Context,
  del: Uint8Array,
  val: Uint8Array,
  creationHeight: bigint,
  completionNs: bigint,
  balance: bigint,
): UnbondingDelegation {
  const id = k.nextUnbondingId(ctx);
  const entry: UnbondingDelegationEntry = {
    creationHeight,
    completionTime: timestampFromNs(completionNs),
    initialBalance: balance.toString(),
    balance: balance.toString(),
    unbondingId: id,
    unbondingOnHoldRefCount: 0n,
  };
  let ubd = k.getUnbondingDelegation(ctx, del, val);
  if (!ubd) {
    ubd = UnbondingDelegation.fromPartial({
      delegatorAddress: k.addressCodec.encode(del),
      validatorAddress: k.validatorAddressCodec.encode(val),
      entries: [entry],
    });
  } else {
    const i = ubd.entries.findIndex((e) => e.creationHeight === creationHeight && nsFromTimestamp(e.completionTime) === completionNs);
    const entries = [...ubd.entries];
    if (i >= 0) {
      const e = entries[i];
      entries[i] = {
        ...e,
        balance: (BigInt(e.balance) + balance).toString(),
        initialBalance: (BigInt(e.initialBalance) + balance).toString(),
      };
    } else entries.push(entry);
    ubd = { ...ubd, entries };
  }
  k.setUnbondingDelegation(ctx, ubd);
  return ubd;
}

/** Starts unbonding `shares`: the tokens leave the bonded pool now and return after the unbonding time. */
export function undelegate(
  k: StakingKeeper,
  ctx: Context,
  del: Uint8Array,
  val: Uint8Array,
  shares: Dec,
): { completionNs: bigint; amount: bigint } {
  const v = k.mustGetValidator(ctx, val);
  if (hasMaxUnbondingDelegationEntries(k, ctx, del, val)) throw stakingErrors.MaxUnbondingDelegationEntries();
  const amount = unbond(k, ctx, del, val, shares);
  if (isBonded(v)) k.bondedTokensToNotBonded(ctx, amount);
  const completionNs = ctx.block.timeNs + k.unbondingTimeNs(ctx);
  const ubd = setUnbondingDelegationEntry(k, ctx, del, val, BigInt(ctx.block.height), completionNs, amount);
  k.insertUBDQueue(ctx, ubd, completionNs);
  return { completionNs, amount };
}

/** Pays out the matured entries of an unbonding delegation; returns what was paid. */
export function completeUnbonding(k: StakingKeeper, ctx: Context, del: Uint8Array, val: Uint8Array): Coin[] {
  const ubd = k.getUnbondingDelegation(ctx, del, val);
  if (!ubd) throw stakingErrors.NoUnbondingDelegation();
  const denom = k.bondDenom(ctx);
  let paid = 0n;
  const entries = ubd.entries.filter((e) => {
    const mature = nsFromTimestamp(e.completionTime) <= ctx.block.timeNs && e.unbondingOnHoldRefCount === 0n;
    if (!mature) return true;
    const balance = BigInt(e.balance);
    if (balance > 0n) {
      k.bank.undelegateCoinsFromModuleToAccount(ctx, NotBondedPoolName, del, [{ denom, amount: balance }]);
      paid += balance;
    }
    return false;
  });
  if (entries.length === 0) k.removeUnbondingDelegation(ctx, ubd);
  else k.setUnbondingDelegation(ctx, { ...ubd, entries });
  return paid > 0n ? [{ denom, amount: paid }] : [];
}

/** Moves `shares` of stake from `src` to `dst` at once; the moved stake stays slashable for `src`'s infractions. */
export function beginRedelegation(k: StakingKeeper, ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array, shares: Dec): bigint {
  if (Buffer.from(src).equals(Buffer.from(dst))) throw stakingErrors.SelfRedelegation();
  const dstValidator = k.getValidator(ctx, dst);
  if (!dstValidator) throw stakingErrors.BadRedelegationDst();
  const srcValidator = k.getValidator(ctx, src);
  if (!srcValidator) throw stakingErrors.BadRedelegationSrc();
  if (k.hasReceivingRedelegation(ctx, del, src)) throw stakingErrors.TransitiveRedelegation();
  const red0 = k.getRedelegation(ctx, del, src, dst);
  if (red0 && red0.entries.length >= k.params(ctx).maxEntries) throw stakingErrors.MaxRedelegationEntries();

  const amount = unbond(k, ctx, del, src, shares);
  if (amount === 0n) throw stakingErrors.TinyRedelegationAmount();
  const sharesCreated = delegate(k, ctx, del, amount, srcValidator.status, k.mustGetValidator(ctx, dst), false);

  const { completionNs, height, completeNow } = beginInfo(k, ctx, src);
  if (completeNow) return completionNs;

  const id = k.nextUnbondingId(ctx);
  const entry = {
    creationHeight: height,
    completionTime: timestampFromNs(completionNs),
    initialBalance: amount.toString(),
    sharesDst: sharesCreated.toProto(),
    unbondingId: id,
    unbondingOnHoldRefCount: 0n,
  };
  const red = red0
    ? { ...red0, entries: [...red0.entries, entry] }
    : Redelegation.fromPartial({
        delegatorAddress: k.addressCodec.encode(del),
        validatorSrcAddress: k.validatorAddressCodec.encode(src),
        validatorDstAddress: k.validatorAddressCodec.encode(dst),
        entries: [entry],
      });
  k.setRedelegation(ctx, red);
  k.insertRedelegationQueue(ctx, red, completionNs);
  return completionNs;
}

/** Drops the matured entries of a redelegation (the stake already sits with the destination). */
export function completeRedelegation(k: StakingKeeper, ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array): Coin[] {
  const red = k.getRedelegation(ctx, del, src, dst);
  if (!red) throw stakingErrors.NoRedelegation();
  let total = 0n;
  const entries = red.entries.filter((e) => {
    const mature = nsFromTimestamp(e.completionTime) <= ctx.block.timeNs && e.unbondingOnHoldRefCount === 0n;
    if (mature) total += BigInt(e.initialBalance);
    return !mature;
  });
  if (entries.length === 0) k.removeRedelegation(ctx, red);
  else k.setRedelegation(ctx, { ...red, entries });
  return total > 0n ? [{ denom: k.bondDenom(ctx), amount: total }] : [];
}

/**
 * The shares that `amount` tokens of a delegation are worth, capped at what the delegator has;
 * sdk/18 "invalid shares amount" when even the truncated shares exceed the delegation.
 */
export function validateUnbondAmount(k: StakingKeeper, ctx: Context, del: Uint8Array, val: Uint8Array, amount: bigint): Dec {
  const v = k.mustGetValidator(ctx, val);
  const d = k.getDelegation(ctx, del, val);
  if (!d) {
    throw stakingErrors.NoDelegation(`delegation with delegator ${k.addressCodec.encode(del)} not found for validator ${v.operatorAddress}`);
  }
  let shares = sharesFromTokens(v, amount);
  const truncated = sharesFromTokensTruncated(v, amount);
  const have = Dec.fromProto(d.shares);
  if (truncated.gt(have)) throw sdk.InvalidRequest('invalid shares amount');
  if (shares.gt(have)) shares = have;
  return shares;
}

/** Puts `amount` of an unbonding entry created at `creationHeight` back into the validator. */
export function cancelUnbondingDelegation(
  k: StakingKeeper,
  ctx: Context,
  del: Uint8Array,
  val: Uint8Array,
  creationHeight: bigint,
  amount: bigint,
): void {
  const v = k.mustGetValidator(ctx, val);
  if (invalidExRate(v)) throw stakingErrors.DelegatorShareExRateInvalid();
  if (v.jailed) throw stakingErrors.ValidatorJailed();
  const ubd = k.getUnbondingDelegation(ctx, del, val);
  if (!ubd) {
    throw sdk.KeyNotFound(
      `rpc error: code = NotFound desc = unbonding delegation with delegator ${k.addressCodec.encode(del)} not found for validator ${v.operatorAddress}`,
    );
  }
  const i = ubd.entries.findIndex((e) => e.creationHeight === creationHeight);
  if (i < 0) throw sdk.NotFound(`unbonding delegation entry is not found at block height ${creationHeight}`);
  const entry = ubd.entries[i];
  if (BigInt(entry.balance) < amount) throw sdk.InvalidRequest('amount is greater than the unbonding delegation entry balance');
  if (nsFromTimestamp(entry.completionTime) < ctx.block.timeNs) throw sdk.InvalidRequest('unbonding delegation is already processed');

  delegate(k, ctx, del, amount, BondStatus.BOND_STATUS_UNBONDING, v, false);

  const entries = [...ubd.entries];
  const left = BigInt(entry.balance) - amount;
  if (left === 0n) entries.splice(i, 1);
  else entries[i] = { ...entry, balance: left.toString(), initialBalance: (BigInt(entry.initialBalance) - amount).toString() };
  if (entries.length === 0) k.removeUnbondingDelegation(ctx, ubd);
  else k.setUnbondingDelegation(ctx, { ...ubd, entries });
}
