/**
 * cosmos.mint.v1beta1.Query (cosmjs's mint extension). Inflation and AnnualProvisions answer with
 * `bytes` holding the Dec's wire text, as the SDK's LegacyDec customtype on a bytes field.
 */
import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from 'cosmjs-types/cosmos/mint/v1beta1/query';
import type { QueryRoute } from '../../src/app/module';
import type { MintKeeper } from './keeper';

const Q = '/cosmos.mint.v1beta1.Query/';
const utf8 = new TextEncoder();

export function mintQueries(k: MintKeeper): QueryRoute[] {
  return [
    { path: `${Q}Params`, request: QueryParamsRequest, response: QueryParamsResponse, handle: (ctx) => ({ params: k.params(ctx) }) },
    { path: `${Q}Inflation`, request: QueryInflationRequest, response: QueryInflationResponse, handle: (ctx) => ({ inflation: utf8.encode(k.minter(ctx).inflation) }) },
    {
      path: `${Q}AnnualProvisions`,
      request: QueryAnnualProvisionsRequest,
      response: QueryAnnualProvisionsResponse,
      handle: (ctx) => ({ annualProvisions: utf8.encode(k.minter(ctx).annualProvisions) }),
    },
  ];
}
