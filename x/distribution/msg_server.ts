/** cosmos.distribution.v1beta1.Msg and hypermesh.distribution.v1.Msg, as the SDK's x/distribution/keeper/msg_server.go. */
import { requireParams } from '../../src/types/params';
import {
  MsgCommunityPoolSpend,
  MsgCommunityPoolSpendResponse,
  MsgDepositValidatorRewardsPool,
  MsgDepositValidatorRewardsPoolResponse,
  MsgFundCommunityPool,
  MsgFundCommunityPoolResponse,
  MsgSetWithdrawAddress,
  MsgSetWithdrawAddressResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgWithdrawDelegatorReward,
  MsgWithdrawDelegatorRewardResponse,
  MsgWithdrawValidatorCommission,
  MsgWithdrawValidatorCommissionResponse,
} from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import {
  MsgUpdateParams as MsgUpdateHyperParams,
  MsgUpdateParamsResponse as MsgUpdateHyperParamsResponse,
} from '../../src/gen/hypermesh/distribution/v1/tx';
import type { MsgRoute } from '../../src/app/module';
import { updateParamsRoute } from '../../src/app/update_params';
import { coinsFromProto, coinsToProto } from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import * as dc from './dec_coins';
import { distributionErrors } from './errors';
import type { DistributionKeeper } from './keeper';
import { ModuleName } from './keys';
import { validateHyperParams, validateParams } from './params';

export function distributionMsgs(k: DistributionKeeper, authority: string): MsgRoute[] {
  const addrs = k.addressCodec;
  const valAddrs = k.validatorAddressCodec;
  const requireAuthority = (signer: string) => {
    if (signer !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${signer}`);
  };

  const setWithdrawAddress: MsgRoute<MsgSetWithdrawAddress, MsgSetWithdrawAddressResponse> = {
    type: MsgSetWithdrawAddress,
    response: MsgSetWithdrawAddressResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      addrs.decode(m.delegatorAddress);
      addrs.decode(m.withdrawAddress);
    },
    handle: (ctx, m) => {
      k.setWithdrawAddress(ctx, addrs.decode(m.delegatorAddress), addrs.decode(m.withdrawAddress));
      return {};
    },
  };

  const withdrawDelegatorReward: MsgRoute<MsgWithdrawDelegatorReward, MsgWithdrawDelegatorRewardResponse> = {
    type: MsgWithdrawDelegatorReward,
    response: MsgWithdrawDelegatorRewardResponse,
    signers: (m) => [m.delegatorAddress],
    validate: (m) => {
      addrs.decode(m.delegatorAddress);
      valAddrs.decode(m.validatorAddress);
    },
    handle: (ctx, m) => ({ amount: coinsToProto(k.withdrawDelegationRewards(ctx, addrs.decode(m.delegatorAddress), valAddrs.decode(m.validatorAddress))) }),
  };

  const withdrawValidatorCommission: MsgRoute<MsgWithdrawValidatorCommission, MsgWithdrawValidatorCommissionResponse> = {
    type: MsgWithdrawValidatorCommission,
    response: MsgWithdrawValidatorCommissionResponse,
    signers: (m) => [addrs.encode(valAddrs.decode(m.validatorAddress))],
    validate: (m) => {
      valAddrs.decode(m.validatorAddress);
    },
    handle: (ctx, m) => ({ amount: coinsToProto(k.withdrawValidatorCommission(ctx, valAddrs.decode(m.validatorAddress))) }),
  };

  const fundCommunityPool: MsgRoute<MsgFundCommunityPool, MsgFundCommunityPoolResponse> = {
    type: MsgFundCommunityPool,
    response: MsgFundCommunityPoolResponse,
    signers: (m) => [m.depositor],
    validate: (m) => {
      addrs.decode(m.depositor);
      coinsFromProto(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      k.fundCommunityPool(ctx, coinsFromProto(m.amount, { allowEmpty: false }), addrs.decode(m.depositor));
      return {};
    },
  };

  const communityPoolSpend: MsgRoute<MsgCommunityPoolSpend, MsgCommunityPoolSpendResponse> = {
    type: MsgCommunityPoolSpend,
    response: MsgCommunityPoolSpendResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.recipient);
      coinsFromProto(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      const amount = coinsFromProto(m.amount, { allowEmpty: false });
      if (k.bank.isBlocked(m.recipient)) throw sdk.Unauthorized(`${m.recipient} is not allowed to receive external funds`);
      let pool;
      try {
        pool = dc.sub(k.communityPool(ctx), dc.fromCoins(amount));
      } catch {
        throw distributionErrors.BadDistribution();
      }
      k.setCommunityPool(ctx, pool);
      k.bank.sendFromModuleToAccount(ctx, ModuleName, addrs.decode(m.recipient), amount);
      return {};
    },
  };

  const depositValidatorRewardsPool: MsgRoute<MsgDepositValidatorRewardsPool, MsgDepositValidatorRewardsPoolResponse> = {
    type: MsgDepositValidatorRewardsPool,
    response: MsgDepositValidatorRewardsPoolResponse,
    signers: (m) => [m.depositor],
    validate: (m) => {
      addrs.decode(m.depositor);
      valAddrs.decode(m.validatorAddress);
      coinsFromProto(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      const amount = coinsFromProto(m.amount, { allowEmpty: false });
      const val = valAddrs.decode(m.validatorAddress);
      const v = k.staking.getValidator(ctx, val);
      if (!v) throw distributionErrors.NoValidatorExists(m.validatorAddress);
      k.bank.sendFromAccountToModule(ctx, addrs.decode(m.depositor), ModuleName, amount);
      const current = k.state.currentRewards.get(ctx, val)!;
      const deposit = dc.fromCoins(amount);
      k.state.currentRewards.set(ctx, val, { ...current, rewards: dc.toProto(dc.add(dc.fromProto(current.rewards), deposit)) });
      k.setOutstanding(ctx, val, dc.add(k.outstanding(ctx, val), deposit));
      return {};
    },
  };

  const updateParams = updateParamsRoute({ type: MsgUpdateParams, response: MsgUpdateParamsResponse, authority: authority, validate: validateParams, set: (ctx, p) => k.setParams(ctx, p) });

  return [setWithdrawAddress, withdrawDelegatorReward, withdrawValidatorCommission, fundCommunityPool, communityPoolSpend, depositValidatorRewardsPool, updateParams];
}

export function hyperDistributionMsgs(k: DistributionKeeper, authority: string): MsgRoute[] {
  const updateParams = updateParamsRoute({ type: MsgUpdateHyperParams, response: MsgUpdateHyperParamsResponse, authority: authority, validate: validateHyperParams, set: (ctx, p) => k.setHyperParams(ctx, p) });
  return [updateParams];
}
