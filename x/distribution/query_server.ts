/** cosmos.distribution.v1beta1.Query (cosmjs's distribution extension) and hypermesh.distribution.v1.Query/Params. */
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsRequest,
  QueryDelegationTotalRewardsResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryDelegatorWithdrawAddressRequest,
  QueryDelegatorWithdrawAddressResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorDistributionInfoRequest,
  QueryValidatorDistributionInfoResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
  QueryValidatorSlashesRequest,
  QueryValidatorSlashesResponse,
} from 'cosmjs-types/cosmos/distribution/v1beta1/query';
import {
  QueryParamsRequest as QueryHyperParamsRequest,
  QueryParamsResponse as QueryHyperParamsResponse,
} from '../../src/gen/hypermesh/distribution/v1/query';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { CMap } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import type { DecCoins } from '../../src/types/dec_coins';
import { paginate } from '../../src/types/pagination';
import { invalidArgument } from '../../src/types/query_errors';
import * as dc from './dec_coins';
import { distributionErrors } from './errors';
import type { DistributionKeeper } from './keeper';
import { lpBytes } from './keys';

const Q = '/cosmos.distribution.v1beta1.Query/';

export function distributionQueries(k: DistributionKeeper): QueryRoute[] {
  const parse = (codec: AddressCodec, s: string, what: string) => {
    if (s === '') throw invalidArgument(`empty ${what} address`);
    try {
      return codec.decode(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const val = (s: string) => parse(k.validatorAddressCodec, s, 'validator');
  const del = (s: string) => parse(k.addressCodec, s, 'delegator');
  const validatorOf = (ctx: Context, addr: string) => {
    const v = k.staking.getValidator(ctx, val(addr));
    if (!v) throw distributionErrors.NoValidatorExists(addr);
    return v;
  };
  /** Rewards so far of one delegation: ends the validator's period in the query's throwaway branch. */
  const rewardsOf = (ctx: Context, delegator: Uint8Array, valoper: string): DecCoins => {
    const v = validatorOf(ctx, valoper);
    const d = k.staking.getDelegation(ctx, delegator, val(valoper));
    if (!d) throw distributionErrors.NoDelegationExists();
    return k.calculateDelegationRewards(ctx, v, d, k.incrementValidatorPeriod(ctx, v));
  };

  return [
    { path: `${Q}Params`, request: QueryParamsRequest, response: QueryParamsResponse, handle: (ctx) => ({ params: k.params(ctx) }) },
    {
      path: `${Q}ValidatorDistributionInfo`,
      request: QueryValidatorDistributionInfoRequest,
      response: QueryValidatorDistributionInfoResponse,
      handle: (ctx, req: QueryValidatorDistributionInfoRequest) => {
        const operator = val(req.validatorAddress);
        const rewards = rewardsOf(ctx, operator, req.validatorAddress);
        return { operatorAddress: k.addressCodec.encode(operator), selfBondRewards: dc.toProto(rewards), commission: dc.toProto(k.commission(ctx, operator)) };
      },
    },
    {
      path: `${Q}ValidatorOutstandingRewards`,
      request: QueryValidatorOutstandingRewardsRequest,
      response: QueryValidatorOutstandingRewardsResponse,
      handle: (ctx, req: QueryValidatorOutstandingRewardsRequest) => {
        validatorOf(ctx, req.validatorAddress);
        return { rewards: { rewards: dc.toProto(k.outstanding(ctx, val(req.validatorAddress))) } };
      },
    },
    {
      path: `${Q}ValidatorCommission`,
      request: QueryValidatorCommissionRequest,
      response: QueryValidatorCommissionResponse,
      handle: (ctx, req: QueryValidatorCommissionRequest) => {
        validatorOf(ctx, req.validatorAddress);
        return { commission: { commission: dc.toProto(k.commission(ctx, val(req.validatorAddress))) } };
      },
    },
    {
      path: `${Q}ValidatorSlashes`,
      request: QueryValidatorSlashesRequest,
      response: QueryValidatorSlashesResponse,
      handle: (ctx, req: QueryValidatorSlashesRequest) => {
        if (req.startingHeight > req.endingHeight) {
          throw invalidArgument(`starting height greater than ending height (${req.startingHeight} > ${req.endingHeight})`);
        }
        const v = val(req.validatorAddress);
        const page = paginate(
          ctx,
          k.state.slashEvents,
          req.pagination,
          ([, height], ev) => (height >= req.startingHeight && height <= req.endingHeight ? ev : undefined),
          CMap.prefixOf(lpBytes, v),
        );
        return { slashes: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}DelegationRewards`,
      request: QueryDelegationRewardsRequest,
      response: QueryDelegationRewardsResponse,
      handle: (ctx, req: QueryDelegationRewardsRequest) => {
        const d = del(req.delegatorAddress);
        if (req.validatorAddress === '') throw invalidArgument('empty validator address');
        return { rewards: dc.toProto(rewardsOf(ctx, d, req.validatorAddress)) };
      },
    },
    {
      path: `${Q}DelegationTotalRewards`,
      request: QueryDelegationTotalRewardsRequest,
      response: QueryDelegationTotalRewardsResponse,
      handle: (ctx, req: QueryDelegationTotalRewardsRequest) => {
        const d = del(req.delegatorAddress);
        let total: DecCoins = [];
        const rewards = k.staking.delegatorDelegations(ctx, d).map((delegation) => {
          const r = rewardsOf(ctx, d, delegation.validatorAddress);
          total = dc.add(total, r);
          return { validatorAddress: delegation.validatorAddress, reward: dc.toProto(r) };
        });
        return { rewards, total: dc.toProto(total) };
      },
    },
    {
      path: `${Q}DelegatorValidators`,
      request: QueryDelegatorValidatorsRequest,
      response: QueryDelegatorValidatorsResponse,
      handle: (ctx, req: QueryDelegatorValidatorsRequest) => ({
        validators: k.staking.delegatorDelegations(ctx, del(req.delegatorAddress)).map((d) => d.validatorAddress),
      }),
    },
    {
      path: `${Q}DelegatorWithdrawAddress`,
      request: QueryDelegatorWithdrawAddressRequest,
      response: QueryDelegatorWithdrawAddressResponse,
      handle: (ctx, req: QueryDelegatorWithdrawAddressRequest) => ({
        withdrawAddress: k.addressCodec.encode(k.withdrawAddress(ctx, del(req.delegatorAddress))),
      }),
    },
    {
      path: `${Q}CommunityPool`,
      request: QueryCommunityPoolRequest,
      response: QueryCommunityPoolResponse,
      handle: (ctx) => ({ pool: dc.toProto(k.communityPool(ctx)) }),
    },
  ];
}

export function hyperDistributionQueries(k: DistributionKeeper): QueryRoute[] {
  return [
    {
      path: '/hypermesh.distribution.v1.Query/Params',
      request: QueryHyperParamsRequest,
      response: QueryHyperParamsResponse,
      handle: (ctx) => ({ params: k.hyperParams(ctx) }),
    },
  ];
}
