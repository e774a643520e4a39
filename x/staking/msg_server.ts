/**
 * cosmos.staking.v1beta1.Msg (and hypermesh.staking.v1.Msg/UpdateParams), as the SDK's
 * x/staking/keeper/msg_server.go: stateless checks in `validate`, the rest in `handle`, with the
 * SDK's error codes. Signers are account addresses; a validator operator signs with the account
 * whose bytes its `hypervaloper` address carries.
 */
import { requireParams } from '../../src/types/params';
import {
  MsgBeginRedelegate,
  MsgBeginRedelegateResponse,
  MsgCancelUnbondingDelegation,
  MsgCancelUnbondingDelegationResponse,
  MsgCreateValidator,
  MsgCreateValidatorResponse,
  MsgDelegate,
  MsgDelegateResponse,
  MsgEditValidator,
  MsgEditValidatorResponse,
  MsgUndelegate,
  MsgUndelegateResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from 'cosmjs-types/cosmos/staking/v1beta1/tx';
import { BondStatus, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import {
  MsgUpdateParams as MsgUpdateHyperParams,
  MsgUpdateParamsResponse as MsgUpdateHyperParamsResponse,
} from '../../src/gen/hypermesh/staking/v1/tx';
import type { MsgRoute } from '../../src/app/module';
import { sha256Truncated } from '../../src/crypto/hash';
import { parseAmount, validateDenom } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { cancelUnbondingDelegation } from './delegation';
import { stakingErrors } from './errors';
import * as events from './events';
import type { StakingKeeper } from './keeper';
import { validateHyperParams, validateParams } from './params';
import { rfc3339Seconds, timestampFromNs } from './time';
import {
  consPubKeyBytes,
  ensureDescriptionLength,
  isEmptyDescription,
  updateDescription,
  validateCommissionRates,
  validateNewRate,
} from './validator';

/** A positive amount of a valid coin: sdk/18 "invalid <what>" otherwise (as the SDK's msg checks). */
function positiveCoin(c: ProtoCoin | undefined, what: string): { denom: string; amount: bigint } {
  try {
    if (!c) throw new Error('missing');
    validateDenom(c.denom);
    const amount = parseAmount(c.amount);
    if (amount <= 0n) throw new Error('not positive');
    return { denom: c.denom, amount };
  } catch {
    throw sdk.InvalidRequest(what);
  }
}

function optionalDec(s: string): Dec | undefined {
  return s === '' ? undefined : Dec.fromProto(s);
}

export function stakingMsgs(k: StakingKeeper, authority: string): MsgRoute[] {
  const addrs = k.addressCodec;
  const valAddrs = k.validatorAddressCodec;
  const operatorAccount = (valoper: string) => addrs.encode(valAddrs.decode(valoper));
  const delegatorBytes = (s: string) => addrs.decode(s);
  const validatorBytes = (s: string) => valAddrs.decode(s);
  const assertBondDenom = (ctx: Context, denom: string) => {
    const bond = k.bondDenom(ctx);
    if (denom !== bond) throw sdk.InvalidRequest(`invalid coin denomination: got ${denom}, expected ${bond}`);
  };

  const createValidator: MsgRoute<MsgCreateValidator, MsgCreateValidatorResponse> = {
    type: MsgCreateValidator,
    response: MsgCreateValidatorResponse,
    signers: (m) => [operatorAccount(m.validatorAddress)],
    validate: (m) => {
      validatorBytes(m.validatorAddress);
      if (!m.pubkey) throw stakingErrors.EmptyValidatorPubKey();
      const value = positiveCoin(m.value, 'invalid delegation amount');
      if (isEmptyDescription(m.description)) throw sdk.InvalidRequest('empty description');
      const c = m.commission;
      if (!c || (c.rate === '' && c.maxRate === '' && c.maxChangeRate === '')) throw sdk.InvalidRequest('empty commission');
      validateCommissionRates(c);
      const minSelf = /^[0-9]+$/.test(m.minSelfDelegation) ? BigInt(m.minSelfDelegation) : 0n;
      if (minSelf <= 0n) throw sdk.InvalidRequest('minimum self delegation must be a positive integer');
      if (value.amount < minSelf) throw stakingErrors.SelfDelegationBelowMinimum();
    },
    handle: (ctx, m) => {
      const val = validatorBytes(m.validatorAddress);
      const minRate = Dec.fromProto(k.params(ctx).minCommissionRate);
      if (Dec.fromProto(m.commission.rate).lt(minRate)) {
        throw stakingErrors.CommissionLTMinRate(`cannot set validator commission to less than minimum rate of ${minRate}`);
      }
      if (k.getValidator(ctx, val)) throw stakingErrors.ValidatorOwnerExists();
      const pubkey = consPubKeyBytes(m.pubkey);
      if (k.state.validatorsByConsAddr.has(ctx, sha256Truncated(pubkey))) throw stakingErrors.ValidatorPubKeyExists();
      const value = positiveCoin(m.value, 'invalid delegation amount');
      assertBondDenom(ctx, value.denom);
      ensureDescriptionLength(m.description);

      const validator = Validator.fromPartial({
        operatorAddress: m.validatorAddress,
        consensusPubkey: m.pubkey,
        jailed: false,
        status: BondStatus.BOND_STATUS_UNBONDED,
        tokens: '0',
        delegatorShares: Dec.ZERO.toProto(),
        description: m.description,
        unbondingHeight: 0n,
        unbondingTime: timestampFromNs(0n),
        commission: {
          commissionRates: {
            rate: Dec.fromProto(m.commission.rate).toProto(),
            maxRate: Dec.fromProto(m.commission.maxRate).toProto(),
            maxChangeRate: Dec.fromProto(m.commission.maxChangeRate).toProto(),
          },
          updateTime: timestampFromNs(ctx.block.timeNs),
        },
        minSelfDelegation: BigInt(m.minSelfDelegation).toString(),
      });
      k.setValidator(ctx, validator);
      k.setValidatorByConsAddr(ctx, validator);
      k.setValidatorByPowerIndex(ctx, validator);
      k.hooks.afterValidatorCreated(ctx, val);
      k.delegate(ctx, val, value.amount, BondStatus.BOND_STATUS_UNBONDED, k.mustGetValidator(ctx, val), true);
      ctx.events.emit(events.createValidator(m.validatorAddress, `${value.amount}${value.denom}`));
      return {};
    },
  };

  const editValidator: MsgRoute<MsgEditValidator, MsgEditValidatorResponse> = {
    type: MsgEditValidator,
    response: MsgEditValidatorResponse,
    signers: (m) => [operatorAccount(m.validatorAddress)],
    validate: (m) => {
      validatorBytes(m.validatorAddress);
      if (isEmptyDescription(m.description)) throw sdk.InvalidRequest('empty description');
      if (m.minSelfDelegation !== '' && !(/^[0-9]+$/.test(m.minSelfDelegation) && BigInt(m.minSelfDelegation) > 0n)) {
        throw sdk.InvalidRequest('minimum self delegation must be a positive integer');
      }
      const rate = optionalDec(m.commissionRate);
      if (rate && (rate.gt(Dec.ONE) || rate.isNegative())) throw sdk.InvalidRequest('commission rate must be between 0 and 1 (inclusive)');
    },
    handle: (ctx, m) => {
      const val = validatorBytes(m.validatorAddress);
      const rate = optionalDec(m.commissionRate);
      if (rate) {
        const min = Dec.fromProto(k.params(ctx).minCommissionRate);
        if (rate.lt(min)) throw sdk.InvalidRequest(`commission rate cannot be less than the min commission rate ${min}`);
      }
      let v = k.mustGetValidator(ctx, val);
      v = { ...v, description: updateDescription(v.description, m.description) };
      if (rate) {
        validateNewRate(v.commission, rate, ctx.block.timeNs);
        k.hooks.beforeValidatorModified(ctx, val);
        v = {
          ...v,
          commission: { commissionRates: { ...v.commission.commissionRates, rate: rate.toProto() }, updateTime: timestampFromNs(ctx.block.timeNs) },
        };
      }
      if (m.minSelfDelegation !== '') {
        const minSelf = BigInt(m.minSelfDelegation);
        if (minSelf <= BigInt(v.minSelfDelegation)) throw stakingErrors.MinSelfDelegationDecreased();
        if (minSelf > BigInt(v.tokens)) throw stakingErrors.SelfDelegationBelowMinimum();
        v = { ...v, minSelfDelegation: minSelf.toString() };
      }
      k.setValidator(ctx, v);
      ctx.events.emit(events.editValidator(Dec.fromProto(v.commission.commissionRates.rate).toString(), v.minSelfDelegation));
      return {};
    },
  };

  const delegate: MsgRoute<MsgDelegate, MsgDelegateResponse> = {
    type: MsgDelegate,
    response: MsgDelegateResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      validatorBytes(m.validatorAddress);
      delegatorBytes(m.delegatorAddress);
      positiveCoin(m.amount, 'invalid delegation amount');
    },
    handle: (ctx, m) => {
      const val = validatorBytes(m.validatorAddress);
      const del = delegatorBytes(m.delegatorAddress);
      const amount = positiveCoin(m.amount, 'invalid delegation amount');
      const v = k.mustGetValidator(ctx, val);
      assertBondDenom(ctx, amount.denom);
      const shares = k.delegate(ctx, del, amount.amount, BondStatus.BOND_STATUS_UNBONDED, v, true);
      ctx.events.emit(events.delegate(m.validatorAddress, m.delegatorAddress, `${amount.amount}${amount.denom}`, shares.toString()));
      return {};
    },
  };

  const beginRedelegate: MsgRoute<MsgBeginRedelegate, MsgBeginRedelegateResponse> = {
    type: MsgBeginRedelegate,
    response: MsgBeginRedelegateResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      validatorBytes(m.validatorSrcAddress);
      validatorBytes(m.validatorDstAddress);
      delegatorBytes(m.delegatorAddress);
      positiveCoin(m.amount, 'invalid shares amount');
    },
    handle: (ctx, m) => {
      const src = validatorBytes(m.validatorSrcAddress);
      const dst = validatorBytes(m.validatorDstAddress);
      const del = delegatorBytes(m.delegatorAddress);
      const amount = positiveCoin(m.amount, 'invalid shares amount');
      const shares = k.validateUnbondAmount(ctx, del, src, amount.amount);
      assertBondDenom(ctx, amount.denom);
      const completionNs = k.beginRedelegation(ctx, del, src, dst, shares);
      ctx.events.emit(
        events.redelegate(m.validatorSrcAddress, m.validatorDstAddress, `${amount.amount}${amount.denom}`, rfc3339Seconds(completionNs)),
      );
      return { completionTime: timestampFromNs(completionNs) };
    },
  };

  const undelegate: MsgRoute<MsgUndelegate, MsgUndelegateResponse> = {
    type: MsgUndelegate,
    response: MsgUndelegateResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      validatorBytes(m.validatorAddress);
      delegatorBytes(m.delegatorAddress);
      positiveCoin(m.amount, 'invalid shares amount');
    },
    handle: (ctx, m) => {
      const val = validatorBytes(m.validatorAddress);
      const del = delegatorBytes(m.delegatorAddress);
      const amount = positiveCoin(m.amount, 'invalid shares amount');
      const shares = k.validateUnbondAmount(ctx, del, val, amount.amount);
      assertBondDenom(ctx, amount.denom);
      const res = k.undelegate(ctx, del, val, shares);
      const coinStr = `${res.amount}${amount.denom}`;
      ctx.events.emit(events.unbond(m.validatorAddress, m.delegatorAddress, coinStr, rfc3339Seconds(res.completionNs)));
      return { completionTime: timestampFromNs(res.completionNs), amount: { denom: amount.denom, amount: res.amount.toString() } };
    },
  };

  const cancelUnbonding: MsgRoute<MsgCancelUnbondingDelegation, MsgCancelUnbondingDelegationResponse> = {
    type: MsgCancelUnbondingDelegation,
    response: MsgCancelUnbondingDelegationResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      validatorBytes(m.validatorAddress);
      delegatorBytes(m.delegatorAddress);
      positiveCoin(m.amount, 'invalid amount');
      if (m.creationHeight <= 0n) throw sdk.InvalidRequest('invalid height');
    },
    handle: (ctx, m) => {
      const amount = positiveCoin(m.amount, 'invalid amount');
      assertBondDenom(ctx, amount.denom);
      cancelUnbondingDelegation(k, ctx, delegatorBytes(m.delegatorAddress), validatorBytes(m.validatorAddress), m.creationHeight, amount.amount);
      ctx.events.emit(
        events.cancelUnbondingDelegation(`${amount.amount}${amount.denom}`, m.validatorAddress, m.delegatorAddress, m.creationHeight.toString()),
      );
      return {};
    },
  };

  const requireAuthority = (signer: string) => {
    if (signer !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${signer}`);
  };

  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => validateParams(requireParams(m.params)),
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      k.setParams(ctx, m.params);
      return {};
    },
  };

  return [createValidator, editValidator, delegate, beginRedelegate, undelegate, cancelUnbonding, updateParams];
}

/** hypermesh.staking.v1.Msg/UpdateParams. */
export function hyperStakingMsgs(k: StakingKeeper, authority: string): MsgRoute[] {
  const updateHyperParams: MsgRoute<MsgUpdateHyperParams, MsgUpdateHyperParamsResponse> = {
    type: MsgUpdateHyperParams,
    response: MsgUpdateHyperParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => validateHyperParams(requireParams(m.params)),
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setHyperParams(ctx, requireParams(m.params));
      return {};
    },
  };
  return [updateHyperParams];
}
