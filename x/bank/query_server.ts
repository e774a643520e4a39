/** cosmos.bank.v1beta1.Query, served over ABCI query, gRPC and REST by the same handlers. */
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataByQueryStringRequest,
  QueryDenomMetadataByQueryStringResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomOwnersByQueryRequest,
  QueryDenomOwnersByQueryResponse,
  QueryDenomOwnersRequest,
  QueryDenomOwnersResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/query';
import type { QueryRoute } from '../../src/app/module';
import { CMap, keys } from '../../src/store/collections';
import type { AddressCodec } from '../../src/crypto/address';
import { amountOf, validateDenom } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { BankKeeper } from './keeper';

const Q = '/cosmos.bank.v1beta1.Query/';

export function bankQueries(k: BankKeeper, addrs: AddressCodec): QueryRoute[] {
  const address = (s: string): Uint8Array => {
    if (s === '') throw invalidArgument('empty address string is not allowed');
    try {
      return addrs.decode(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const denom = (d: string): string => {
    if (d === '') throw invalidArgument('invalid denom');
    try {
      validateDenom(d);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
    return d;
  };
  const balancesOf = (ctx: Context, a: Uint8Array, pagination: QueryAllBalancesRequest['pagination']) =>
    paginate(ctx, k.state.balances, pagination, ([, d], amount) => ({ denom: d, amount: amount.toString() }), CMap.prefixOf(keys.bytes, a));
  const metadata = (ctx: Context, d: string) => {
    const m = k.getDenomMetadata(ctx, denom(d));
    if (!m) throw notFound(`client metadata for denom ${d}`);
    return { metadata: m };
  };
  const owners = (ctx: Context, d: string, pagination: QueryDenomOwnersRequest['pagination']) => {
    const page = paginate(
      ctx,
      k.state.denomOwners,
      pagination,
      ([, a]) => ({ address: addrs.encode(a), balance: { denom: d, amount: k.getBalance(ctx, a, d).toString() } }),
      CMap.prefixOf(keys.string, denom(d)),
    );
    return { denomOwners: page.items, pagination: page.pagination };
  };

  const routes: QueryRoute[] = [
    {
      path: `${Q}Balance`,
      request: QueryBalanceRequest,
      response: QueryBalanceResponse,
      handle: (ctx, req: QueryBalanceRequest) => {
        const a = address(req.address);
        const d = denom(req.denom);
        return { balance: { denom: d, amount: k.getBalance(ctx, a, d).toString() } };
      },
    },
    {
      path: `${Q}AllBalances`,
      request: QueryAllBalancesRequest,
      response: QueryAllBalancesResponse,
      handle: (ctx, req: QueryAllBalancesRequest) => {
        const page = balancesOf(ctx, address(req.address), req.pagination);
        return { balances: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}SpendableBalances`,
      request: QuerySpendableBalancesRequest,
      response: QuerySpendableBalancesResponse,
      handle: (ctx, req: QuerySpendableBalancesRequest) => {
        const a = address(req.address);
        const locked = k.lockedCoins(ctx, a);
        const page = paginate(
          ctx,
          k.state.balances,
          req.pagination,
          ([, d], amount) => {
            const free = amount - amountOf(locked, d);
            return { denom: d, amount: (free > 0n ? free : 0n).toString() };
          },
          CMap.prefixOf(keys.bytes, a),
        );
        return { balances: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}SpendableBalanceByDenom`,
      request: QuerySpendableBalanceByDenomRequest,
      response: QuerySpendableBalanceByDenomResponse,
      handle: (ctx, req: QuerySpendableBalanceByDenomRequest) => {
        const a = address(req.address);
        const d = denom(req.denom);
        return { balance: { denom: d, amount: amountOf(k.spendableCoins(ctx, a), d).toString() } };
      },
    },
    {
      path: `${Q}TotalSupply`,
      request: QueryTotalSupplyRequest,
      response: QueryTotalSupplyResponse,
      handle: (ctx, req: QueryTotalSupplyRequest) => {
        const page = paginate(ctx, k.state.supply, req.pagination, (d, amount) => ({ denom: d, amount: amount.toString() }));
        return { supply: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}SupplyOf`,
      request: QuerySupplyOfRequest,
      response: QuerySupplyOfResponse,
      handle: (ctx, req: QuerySupplyOfRequest) => {
        const d = denom(req.denom);
        return { amount: { denom: d, amount: k.getSupply(ctx, d).toString() } };
      },
    },
    {
      path: `${Q}Params`,
      request: QueryParamsRequest,
      response: QueryParamsResponse,
      handle: (ctx) => ({ params: k.params(ctx) }),
    },
    {
      path: `${Q}DenomMetadata`,
      request: QueryDenomMetadataRequest,
      response: QueryDenomMetadataResponse,
      handle: (ctx, req: QueryDenomMetadataRequest) => metadata(ctx, req.denom),
    },
    {
      path: `${Q}DenomMetadataByQueryString`,
      request: QueryDenomMetadataByQueryStringRequest,
      response: QueryDenomMetadataByQueryStringResponse,
      handle: (ctx, req: QueryDenomMetadataByQueryStringRequest) => metadata(ctx, req.denom),
    },
    {
      path: `${Q}DenomsMetadata`,
      request: QueryDenomsMetadataRequest,
      response: QueryDenomsMetadataResponse,
      handle: (ctx, req: QueryDenomsMetadataRequest) => {
        const page = paginate(ctx, k.state.denomMetadata, req.pagination, (_d, m) => m);
        return { metadatas: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}DenomOwners`,
      request: QueryDenomOwnersRequest,
      response: QueryDenomOwnersResponse,
      handle: (ctx, req: QueryDenomOwnersRequest) => owners(ctx, req.denom, req.pagination),
    },
    {
      path: `${Q}DenomOwnersByQuery`,
      request: QueryDenomOwnersByQueryRequest,
      response: QueryDenomOwnersByQueryResponse,
      handle: (ctx, req: QueryDenomOwnersByQueryRequest) => owners(ctx, req.denom, req.pagination),
    },
    {
      path: `${Q}SendEnabled`,
      request: QuerySendEnabledRequest,
      response: QuerySendEnabledResponse,
      handle: (ctx, req: QuerySendEnabledRequest) => {
        if (req.denoms.length > 0) {
          return {
            sendEnabled: req.denoms.map((d) => ({ denom: denom(d), enabled: k.isSendEnabled(ctx, d) })),
            pagination: undefined,
          };
        }
        const page = paginate(ctx, k.state.sendEnabled, req.pagination, (d, enabled) => ({ denom: d, enabled }));
        return { sendEnabled: page.items, pagination: page.pagination };
      },
    },
  ];
  return routes;
}
