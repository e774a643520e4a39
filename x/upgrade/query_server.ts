/** cosmos.upgrade.v1beta1.Query (the SDK's x/upgrade/keeper/grpc_query.go). */
import {
  QueryAppliedPlanRequest,
  QueryAppliedPlanResponse,
  QueryAuthorityRequest,
  QueryAuthorityResponse,
  QueryCurrentPlanRequest,
  QueryCurrentPlanResponse,
  QueryModuleVersionsRequest,
  QueryModuleVersionsResponse,
  QueryUpgradedConsensusStateRequest,
  QueryUpgradedConsensusStateResponse,
} from 'cosmjs-types/cosmos/upgrade/v1beta1/query';
import type { QueryRoute } from '../../src/app/module';
import { notFound } from '../../src/types/query_errors';
import type { UpgradeKeeper } from './keeper';

const Q = '/cosmos.upgrade.v1beta1.Query/';

export function upgradeQueries(k: UpgradeKeeper): QueryRoute[] {
  return [
    { path: `${Q}CurrentPlan`, request: QueryCurrentPlanRequest, response: QueryCurrentPlanResponse, handle: (ctx) => ({ plan: k.plan(ctx) }) },
    {
      path: `${Q}AppliedPlan`,
      request: QueryAppliedPlanRequest,
      response: QueryAppliedPlanResponse,
      handle: (ctx, req: QueryAppliedPlanRequest) => ({ height: k.doneHeight(ctx, req.name) }),
    },
    {
      path: `${Q}ModuleVersions`,
      request: QueryModuleVersionsRequest,
      response: QueryModuleVersionsResponse,
      handle: (ctx, req: QueryModuleVersionsRequest) => {
        const all = k.moduleVersions(ctx);
        if (req.moduleName === '') return { moduleVersions: all };
        const one = all.find((v) => v.name === req.moduleName);
        if (!one) throw notFound(`x/upgrade: QueryModuleVersions module ${req.moduleName} not found`);
        return { moduleVersions: [one] };
      },
    },
    {
      path: `${Q}UpgradedConsensusState`,
      request: QueryUpgradedConsensusStateRequest,
      response: QueryUpgradedConsensusStateResponse,
      // IBC upgrade states are not kept here (ibc-go's job since SDK v0.46)
      handle: () => ({ upgradedConsensusState: new Uint8Array() }),
    },
    { path: `${Q}Authority`, request: QueryAuthorityRequest, response: QueryAuthorityResponse, handle: () => ({ address: k.authority }) },
  ];
}
