/**
 * x/distribution as app modules: `distribution` (F1 rewards, commission, community pool; BeginBlock
 * allocates the previous block's fees and this block's inflation, EndBlock burns burn_fraction of
 * the block's fees) and `hypermesh_distribution` (the burn fraction).
 */
import type { AppModule } from '../../src/app/module';
import { beginBlock, burnFees } from './allocation';
import { distributionGenesis, hyperDistributionGenesis } from './genesis';
import type { DistributionKeeper } from './keeper';
import { ModuleName } from './keys';
import { distributionMsgs, hyperDistributionMsgs } from './msg_server';
import { distributionQueries, hyperDistributionQueries } from './query_server';

export const HyperModuleName = 'hypermesh_distribution';

export function distributionModule(k: DistributionKeeper, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: distributionMsgs(k, authority),
    queries: distributionQueries(k),
    genesis: distributionGenesis(k),
    beginBlock: (ctx, info) => beginBlock(k, ctx, info.decidedLastCommit?.votes ?? []),
    endBlock: (ctx) => {
      burnFees(k, ctx);
    },
  };
}

export function hyperDistributionModule(k: DistributionKeeper, authority: string): AppModule {
  return { name: HyperModuleName, msgs: hyperDistributionMsgs(k, authority), queries: hyperDistributionQueries(k), genesis: hyperDistributionGenesis(k) };
}
