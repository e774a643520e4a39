/**
 * The validator set and its transitions, as the SDK's x/staking/keeper/val_state_change.go:
 * in EndBlock the top max_validators unjailed validators by stake become (or stay) bonded, the
 * others begin unbonding, and CometBFT receives the power changes; matured unbonding validators,
 * unbonding delegations and redelegations complete. Jailing takes a validator out of the power
 * index, so the next EndBlock unbonds it.
 *
 * HyperMesh: the power sent to CometBFT includes the capped resource bonus (power.ts); the
 * ranking that picks the active set stays by stake, as in the SDK.
 */
import { BondStatus, type Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import { coinsToString } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { toKeyString, fromKeyString } from '../../src/store/bytes';
import { completeRedelegation, completeUnbonding } from './delegation';
import { stakingErrors } from './errors';
import * as events from './events';
import type { StakingKeeper } from './keeper';
import { nsFromTimestamp, sortableTimeString, timestampFromNs } from './time';
import { consAddressOf, consPubKeyBytes, isBonded, isUnbonded, isUnbonding, potentialConsensusPower, tokens } from './validator';

export function unbondingTimeNs(v: Validator): bigint {
  return nsFromTimestamp(v.unbondingTime);
}

function update(v: Validator, power: bigint): ValidatorUpdate {
  return ValidatorUpdate.fromPartial({ pubKey: { ed25519: consPubKeyBytes(v.consensusPubkey) }, power });
}

/**
 * Recomputes the active set and returns CometBFT's updates: new or changed powers, and power 0
 * for validators that left the set. Moves tokens between the pools for status changes.
 */
export function applyAndReturnValidatorSetUpdates(k: StakingKeeper, ctx: Context): ValidatorUpdate[] {
  const maxValidators = k.params(ctx).maxValidators;
  const pr = k.powerReduction;
  const last = new Map<string, bigint>();
  for (const [op, power] of k.iterateLastValidatorPowers(ctx)) last.set(toKeyString(op), power);

  const updates: ValidatorUpdate[] = [];
  let totalPower = 0n;
  let toBonded = 0n;
  let toNotBonded = 0n;

  // collect first: the transitions below rewrite the index being iterated
  const candidates: Uint8Array[] = [];
  for (const [, op] of k.state.validatorsByPower.iterate(ctx, { reverse: true })) {
    if (candidates.length >= maxValidators) break;
    candidates.push(Uint8Array.from(op));
  }
  for (const op of candidates) {
    let v = k.mustGetValidator(ctx, op);
    if (v.jailed) throw sdk.Logic('should never retrieve a jailed validator from the power store');
    if (potentialConsensusPower(v, pr) === 0n) break;
    if (isUnbonded(v) || isUnbonding(v)) {
      v = bondValidator(k, ctx, v);
      toBonded += tokens(v);
    } else if (!isBonded(v)) throw sdk.Logic('unexpected validator status');

    const key = toKeyString(op);
    const oldPower = last.get(key);
    const newPower = k.consensusPower(ctx, v);
    if (oldPower === undefined || oldPower !== newPower) {
      updates.push(update(v, newPower));
      k.state.lastValidatorPower.set(ctx, op, newPower);
    }
    last.delete(key);
    totalPower += newPower;
  }

  const noLongerBonded = [...last.keys()].sort();
  for (const key of noLongerBonded) {
    const op = fromKeyString(key);
    const v = beginUnbondingValidator(k, ctx, k.mustGetValidator(ctx, op));
    toNotBonded += tokens(v);
    k.state.lastValidatorPower.delete(ctx, op);
    updates.push(update(v, 0n));
  }

  if (toBonded > toNotBonded) k.notBondedTokensToBonded(ctx, toBonded - toNotBonded);
  else if (toBonded < toNotBonded) k.bondedTokensToNotBonded(ctx, toNotBonded - toBonded);

  if (updates.length > 0) k.state.lastTotalPower.set(ctx, totalPower);
  return updates;
}

function bondValidator(k: StakingKeeper, ctx: Context, v: Validator): Validator {
  k.deleteValidatorByPowerIndex(ctx, v);
  const next = { ...v, status: BondStatus.BOND_STATUS_BONDED };
  k.setValidator(ctx, next);
  k.setValidatorByPowerIndex(ctx, next);
  k.deleteValidatorQueue(ctx, v);
  k.hooks.afterValidatorBonded(ctx, consAddressOf(next), k.valAddr(next));
  return next;
}

function beginUnbondingValidator(k: StakingKeeper, ctx: Context, v: Validator): Validator {
  k.deleteValidatorByPowerIndex(ctx, v);
  if (v.status !== BondStatus.BOND_STATUS_BONDED) throw sdk.Logic(`should not already be unbonded or unbonding: ${v.operatorAddress}`);
  const id = k.nextUnbondingId(ctx);
  const next: Validator = {
    ...v,
    status: BondStatus.BOND_STATUS_UNBONDING,
    unbondingTime: timestampFromNs(ctx.block.timeNs + k.unbondingTimeNs(ctx)),
    unbondingHeight: BigInt(ctx.block.height),
    unbondingIds: [...v.unbondingIds, id],
  };
  k.setValidator(ctx, next);
  k.setValidatorByPowerIndex(ctx, next);
  k.insertUnbondingValidatorQueue(ctx, next);
  k.hooks.afterValidatorBeginUnbonding(ctx, consAddressOf(next), k.valAddr(next));
  return next;
}

/** Validators whose unbonding time and height have passed become unbonded (and go if they have no shares). */
function unbondAllMatureValidators(k: StakingKeeper, ctx: Context): void {
  const now = sortableTimeString(ctx.block.timeNs);
  const height = BigInt(ctx.block.height);
  const due: [string, bigint, string[]][] = [];
  for (const [[time, h], slice] of k.state.validatorQueue.iterate(ctx)) {
    if (time > now) break;
    if (h <= height) due.push([time, h, slice.addresses]);
  }
  for (const [, , addresses] of due) {
    for (const addr of addresses) {
      const op = k.decodeValAddr(addr);
      const v = k.getValidator(ctx, op);
      if (!v) throw sdk.Logic(`validator in the unbonding queue was not found: ${addr}`);
      if (!isUnbonding(v)) throw sdk.Logic('unexpected validator in unbonding queue; status was not unbonding');
      if (v.unbondingOnHoldRefCount !== 0n) continue;
      const unbonded: Validator = { ...v, status: BondStatus.BOND_STATUS_UNBONDED, unbondingIds: [] };
      k.setValidator(ctx, unbonded);
      if (Dec.fromProto(unbonded.delegatorShares).isZero()) k.removeValidator(ctx, op);
      k.deleteValidatorQueue(ctx, v);
    }
  }
}

/** EndBlock: validator set updates, then matured validators, unbondings and redelegations. */
export function blockValidatorUpdates(k: StakingKeeper, ctx: Context): ValidatorUpdate[] {
  const updates = applyAndReturnValidatorSetUpdates(k, ctx);
  unbondAllMatureValidators(k, ctx);

  for (const pair of k.dequeueAllMatureUBDQueue(ctx, ctx.block.timeNs)) {
    const del = k.addressCodec.decode(pair.delegatorAddress);
    const val = k.decodeValAddr(pair.validatorAddress);
    let paid;
    try {
      paid = completeUnbonding(k, ctx, del, val);
    } catch (e) {
      if (stakingErrors.NoUnbondingDelegation.is(e)) continue;
      throw e;
    }
    ctx.events.emit(events.completeUnbonding(coinsToString(paid), pair.validatorAddress, pair.delegatorAddress));
  }

  for (const t of k.dequeueAllMatureRedelegationQueue(ctx, ctx.block.timeNs)) {
    const del = k.addressCodec.decode(t.delegatorAddress);
    let moved;
    try {
      moved = completeRedelegation(k, ctx, del, k.decodeValAddr(t.validatorSrcAddress), k.decodeValAddr(t.validatorDstAddress));
    } catch (e) {
      if (stakingErrors.NoRedelegation.is(e)) continue;
      throw e;
    }
    ctx.events.emit(events.completeRedelegation(coinsToString(moved), t.delegatorAddress, t.validatorSrcAddress, t.validatorDstAddress));
  }
  return updates;
}

export function jailValidator(k: StakingKeeper, ctx: Context, v: Validator): void {
  if (v.jailed) throw stakingErrors.ValidatorJailed(`cannot jail already jailed validator ${v.operatorAddress}`);
  const next = { ...v, jailed: true };
  k.setValidator(ctx, next);
  k.deleteValidatorByPowerIndex(ctx, v);
}

export function jail(k: StakingKeeper, ctx: Context, consAddr: Uint8Array): void {
  const v = k.getValidatorByConsAddr(ctx, consAddr);
  if (!v) throw stakingErrors.NoValidatorFound(`validator with consensus address ${k.consensusAddressCodec.encode(consAddr)} not found`);
  jailValidator(k, ctx, v);
}

export function unjail(k: StakingKeeper, ctx: Context, consAddr: Uint8Array): void {
  const v = k.getValidatorByConsAddr(ctx, consAddr);
  if (!v) throw stakingErrors.NoValidatorFound(`validator with consensus address ${k.consensusAddressCodec.encode(consAddr)} not found`);
  if (!v.jailed) throw sdk.Logic(`cannot unjail already unjailed validator ${v.operatorAddress}`);
  const next = { ...v, jailed: false };
  k.setValidator(ctx, next);
  k.setValidatorByPowerIndex(ctx, next);
}
