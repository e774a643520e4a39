/** cosmos.slashing.v1beta1.Query (cosmjs's slashing extension) and hypermesh.slashing.v1.Query/Params. */
import {
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySigningInfosRequest,
  QuerySigningInfosResponse,
} from 'cosmjs-types/cosmos/slashing/v1beta1/query';
import {
  QueryParamsRequest as QueryHyperParamsRequest,
  QueryParamsResponse as QueryHyperParamsResponse,
} from '../../src/gen/hypermesh/slashing/v1/query';
import type { QueryRoute } from '../../src/app/module';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { SlashingKeeper } from './keeper';

const Q = '/cosmos.slashing.v1beta1.Query/';

export function slashingQueries(k: SlashingKeeper): QueryRoute[] {
  return [
    { path: `${Q}Params`, request: QueryParamsRequest, response: QueryParamsResponse, handle: (ctx) => ({ params: k.params(ctx) }) },
    {
      path: `${Q}SigningInfo`,
      request: QuerySigningInfoRequest,
      response: QuerySigningInfoResponse,
      handle: (ctx, req: QuerySigningInfoRequest) => {
        if (req.consAddress === '') throw invalidArgument('invalid request');
        let consAddr: Uint8Array;
        try {
          consAddr = k.consensusAddressCodec.decode(req.consAddress);
        } catch (e) {
          throw invalidArgument((e as Error).message);
        }
        const info = k.getSigningInfo(ctx, consAddr);
        if (!info) throw notFound(`SigningInfo not found for validator ${req.consAddress}`);
        return { valSigningInfo: info };
      },
    },
    {
      path: `${Q}SigningInfos`,
      request: QuerySigningInfosRequest,
      response: QuerySigningInfosResponse,
      handle: (ctx, req: QuerySigningInfosRequest) => {
        const page = paginate(ctx, k.state.signingInfo, req.pagination, (_addr, info) => info);
        return { info: page.items, pagination: page.pagination };
      },
    },
  ];
}

export function hyperSlashingQueries(k: SlashingKeeper): QueryRoute[] {
  return [
    {
      path: '/hypermesh.slashing.v1.Query/Params',
      request: QueryHyperParamsRequest,
      response: QueryHyperParamsResponse,
      handle: (ctx) => ({ params: k.hyperParams(ctx) }),
    },
  ];
}
