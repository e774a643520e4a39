/**
 * cosmos.staking.v1beta1.Query (what cosmjs's staking extension calls), as the SDK's
 * x/staking/keeper/grpc_query.go, and hypermesh.staking.v1.Query/Params.
 */
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryDelegatorDelegationsRequest,
  QueryDelegatorDelegationsResponse,
  QueryDelegatorUnbondingDelegationsRequest,
  QueryDelegatorUnbondingDelegationsResponse,
  QueryDelegatorValidatorRequest,
  QueryDelegatorValidatorResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryHistoricalInfoRequest,
  QueryHistoricalInfoResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationRequest,
  QueryUnbondingDelegationResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorDelegationsResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryValidatorUnbondingDelegationsRequest,
  QueryValidatorUnbondingDelegationsResponse,
} from 'cosmjs-types/cosmos/staking/v1beta1/query';
import { BondStatus, type Delegation, type Redelegation } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import {
  QueryParamsRequest as QueryHyperParamsRequest,
  QueryParamsResponse as QueryHyperParamsResponse,
} from '../../src/gen/hypermesh/staking/v1/query';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { CMap } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { StakingKeeper } from './keeper';
import { lpBytes } from './keys';
import { tokensFromShares } from './validator';

const Q = '/cosmos.staking.v1beta1.Query/';

const STATUS_BY_NAME: Record<string, BondStatus> = {
  BOND_STATUS_UNBONDED: BondStatus.BOND_STATUS_UNBONDED,
  BOND_STATUS_UNBONDING: BondStatus.BOND_STATUS_UNBONDING,
  BOND_STATUS_BONDED: BondStatus.BOND_STATUS_BONDED,
};

export function stakingQueries(k: StakingKeeper): QueryRoute[] {
  const parse = (codec: AddressCodec, s: string, what: string): Uint8Array => {
    if (s === '') throw invalidArgument(`${what} address cannot be empty`);
    try {
      return codec.decode(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const del = (s: string) => parse(k.addressCodec, s, 'delegator');
  const val = (s: string) => parse(k.validatorAddressCodec, s, 'validator');

  const delegationResponse = (ctx: Context, d: Delegation) => {
    const v = k.mustGetValidator(ctx, k.decodeValAddr(d.validatorAddress));
    const amount = tokensFromShares(v, Dec.fromProto(d.shares)).truncateInt();
    return { delegation: d, balance: { denom: k.bondDenom(ctx), amount: amount.toString() } };
  };
  const redelegationResponse = (ctx: Context, r: Redelegation) => {
    const dst = k.mustGetValidator(ctx, k.decodeValAddr(r.validatorDstAddress));
    return {
      redelegation: r,
      entries: r.entries.map((e) => ({
        redelegationEntry: e,
        balance: tokensFromShares(dst, Dec.fromProto(e.sharesDst)).truncateInt().toString(),
      })),
    };
  };

  const routes: QueryRoute[] = [
    {
      path: `${Q}Validators`,
      request: QueryValidatorsRequest,
      response: QueryValidatorsResponse,
      handle: (ctx, req: QueryValidatorsRequest) => {
        let status: BondStatus | undefined;
        if (req.status !== '') {
          status = STATUS_BY_NAME[req.status];
          if (status === undefined) throw invalidArgument(`invalid validator status ${req.status}`);
        }
        const page = paginate(ctx, k.state.validators, req.pagination, (_op, v) => (status === undefined || v.status === status ? v : undefined));
        return { validators: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}Validator`,
      request: QueryValidatorRequest,
      response: QueryValidatorResponse,
      handle: (ctx, req: QueryValidatorRequest) => {
        const v = k.getValidator(ctx, val(req.validatorAddr));
        if (!v) throw notFound(`validator ${req.validatorAddr} not found`);
        return { validator: v };
      },
    },
    {
      path: `${Q}ValidatorDelegations`,
      request: QueryValidatorDelegationsRequest,
      response: QueryValidatorDelegationsResponse,
      handle: (ctx, req: QueryValidatorDelegationsRequest) => {
        const v = val(req.validatorAddr);
        const page = paginate(
          ctx,
          k.state.delegationsByVal,
          req.pagination,
          ([, d]) => {
            const delegation = k.getDelegation(ctx, d, v);
            return delegation ? delegationResponse(ctx, delegation) : undefined;
          },
          CMap.prefixOf(lpBytes, v),
        );
        return { delegationResponses: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}ValidatorUnbondingDelegations`,
      request: QueryValidatorUnbondingDelegationsRequest,
      response: QueryValidatorUnbondingDelegationsResponse,
      handle: (ctx, req: QueryValidatorUnbondingDelegationsRequest) => {
        const v = val(req.validatorAddr);
        const page = paginate(
          ctx,
          k.state.unbondingDelegationsByVal,
          req.pagination,
          ([, d]) => k.getUnbondingDelegation(ctx, d, v),
          CMap.prefixOf(lpBytes, v),
        );
        return { unbondingResponses: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}Delegation`,
      request: QueryDelegationRequest,
      response: QueryDelegationResponse,
      handle: (ctx, req: QueryDelegationRequest) => {
        const d = k.getDelegation(ctx, del(req.delegatorAddr), val(req.validatorAddr));
        if (!d) throw notFound(`delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
        return { delegationResponse: delegationResponse(ctx, d) };
      },
    },
    {
      path: `${Q}UnbondingDelegation`,
      request: QueryUnbondingDelegationRequest,
      response: QueryUnbondingDelegationResponse,
      handle: (ctx, req: QueryUnbondingDelegationRequest) => {
        const ubd = k.getUnbondingDelegation(ctx, del(req.delegatorAddr), val(req.validatorAddr));
        if (!ubd) throw notFound(`unbonding delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
        return { unbond: ubd };
      },
    },
    {
      path: `${Q}DelegatorDelegations`,
      request: QueryDelegatorDelegationsRequest,
      response: QueryDelegatorDelegationsResponse,
      handle: (ctx, req: QueryDelegatorDelegationsRequest) => {
        const d = del(req.delegatorAddr);
        const page = paginate(ctx, k.state.delegations, req.pagination, (_key, delegation) => delegationResponse(ctx, delegation), CMap.prefixOf(lpBytes, d));
        return { delegationResponses: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}DelegatorUnbondingDelegations`,
      request: QueryDelegatorUnbondingDelegationsRequest,
      response: QueryDelegatorUnbondingDelegationsResponse,
      handle: (ctx, req: QueryDelegatorUnbondingDelegationsRequest) => {
        const d = del(req.delegatorAddr);
        const page = paginate(ctx, k.state.unbondingDelegations, req.pagination, (_key, ubd) => ubd, CMap.prefixOf(lpBytes, d));
        return { unbondingResponses: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}Redelegations`,
      request: QueryRedelegationsRequest,
      response: QueryRedelegationsResponse,
      handle: (ctx, req: QueryRedelegationsRequest) => {
        if (req.delegatorAddr !== '' && req.srcValidatorAddr !== '' && req.dstValidatorAddr !== '') {
          const r = k.getRedelegation(ctx, del(req.delegatorAddr), val(req.srcValidatorAddr), val(req.dstValidatorAddr));
          if (!r) {
            throw notFound(`redelegation not found for delegator address ${req.delegatorAddr} from validator address ${req.srcValidatorAddr}`);
          }
          return { redelegationResponses: [redelegationResponse(ctx, r)], pagination: undefined };
        }
        if (req.delegatorAddr === '' && req.srcValidatorAddr !== '' && req.dstValidatorAddr === '') {
          const src = val(req.srcValidatorAddr);
          const page = paginate(
            ctx,
            k.state.redelegationsBySrc,
            req.pagination,
            ([, d, dst]) => {
              const r = k.getRedelegation(ctx, d, src, dst);
              return r ? redelegationResponse(ctx, r) : undefined;
            },
            CMap.prefixOf(lpBytes, src),
          );
          return { redelegationResponses: page.items, pagination: page.pagination };
        }
        const d = del(req.delegatorAddr);
        const page = paginate(ctx, k.state.redelegations, req.pagination, (_key, r) => redelegationResponse(ctx, r), CMap.prefixOf(lpBytes, d));
        return { redelegationResponses: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}DelegatorValidators`,
      request: QueryDelegatorValidatorsRequest,
      response: QueryDelegatorValidatorsResponse,
      handle: (ctx, req: QueryDelegatorValidatorsRequest) => {
        const d = del(req.delegatorAddr);
        const page = paginate(ctx, k.state.delegations, req.pagination, (_key, delegation) => k.mustGetValidator(ctx, k.decodeValAddr(delegation.validatorAddress)), CMap.prefixOf(lpBytes, d));
        return { validators: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}DelegatorValidator`,
      request: QueryDelegatorValidatorRequest,
      response: QueryDelegatorValidatorResponse,
      handle: (ctx, req: QueryDelegatorValidatorRequest) => {
        const d = del(req.delegatorAddr);
        const v = val(req.validatorAddr);
        if (!k.getDelegation(ctx, d, v)) throw notFound(`delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
        const validator = k.getValidator(ctx, v);
        if (!validator) throw notFound(`validator ${req.validatorAddr} not found`);
        return { validator };
      },
    },
    {
      path: `${Q}HistoricalInfo`,
      request: QueryHistoricalInfoRequest,
      response: QueryHistoricalInfoResponse,
      handle: (ctx, req: QueryHistoricalInfoRequest) => {
        if (req.height < 0n) throw invalidArgument('height cannot be negative');
        const hi = k.getHistoricalInfo(ctx, req.height);
        if (!hi) throw notFound(`historical info for height ${req.height} not found`);
        return { hist: hi };
      },
    },
    {
      path: `${Q}Pool`,
      request: QueryPoolRequest,
      response: QueryPoolResponse,
      handle: (ctx) => ({ pool: { notBondedTokens: k.notBondedTokens(ctx).toString(), bondedTokens: k.totalBondedTokens(ctx).toString() } }),
    },
    {
      path: `${Q}Params`,
      request: QueryParamsRequest,
      response: QueryParamsResponse,
      handle: (ctx) => ({ params: k.params(ctx) }),
    },
  ];
  return routes;
}

export function hyperStakingQueries(k: StakingKeeper): QueryRoute[] {
  return [
    {
      path: '/hypermesh.staking.v1.Query/Params',
      request: QueryHyperParamsRequest,
      response: QueryHyperParamsResponse,
      handle: (ctx) => ({ params: k.hyperParams(ctx) }),
    },
  ];
}
