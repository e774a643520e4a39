/**
 * x/staking as app modules: `staking` (the SDK's state, msgs, queries; BeginBlock keeps historical
 * info, EndBlock sends validator set changes to CometBFT and completes matured unbondings) and
 * `hypermesh_staking` (resource-validated power params: genesis section, Query/Params,
 * MsgUpdateParams).
 */
import type { AppModule } from '../../src/app/module';
import { hyperStakingGenesis, stakingGenesis } from './genesis';
import type { StakingKeeper } from './keeper';
import { ModuleName } from './keys';
import { hyperStakingMsgs, stakingMsgs } from './msg_server';
import { hyperStakingQueries, stakingQueries } from './query_server';

export const HyperModuleName = 'hypermesh_staking';

export function stakingModule(k: StakingKeeper, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: stakingMsgs(k, authority),
    queries: stakingQueries(k),
    genesis: stakingGenesis(k),
    beginBlock: (ctx) => k.trackHistoricalInfo(ctx),
    endBlock: (ctx) => k.blockValidatorUpdates(ctx),
  };
}

export function hyperStakingModule(k: StakingKeeper, authority: string): AppModule {
  return { name: HyperModuleName, msgs: hyperStakingMsgs(k, authority), queries: hyperStakingQueries(k), genesis: hyperStakingGenesis(k) };
}
