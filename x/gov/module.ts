/**
 * x/gov as app modules: `gov` (cosmos.gov.v1 and v1beta1 msgs and queries, the SDK's genesis
 * section; EndBlock ends deposit and voting periods, executes passed proposals, pays grants) and
 * `hypermesh_gov` (vote delegation, grants, the audit trail: msgs, queries, genesis section).
 */
import type { AppModule } from '../../src/app/module';
import type { TypeRegistry } from '../../src/codec/type_registry';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import { endBlock } from './abci';
import { govGenesis, hyperGovGenesis } from './genesis';
import type { GovKeeper } from './keeper';
import { HyperModuleName, ModuleName } from './keys';
import { govMsgs, hyperGovMsgs, legacyGovMsgs } from './msg_server';
import { govQueries, hyperGovQueries, legacyGovQueries } from './query_server';

export function govModule(k: GovKeeper): AppModule {
  return {
    name: ModuleName,
    msgs: [...govMsgs(k), ...legacyGovMsgs(k)],
    queries: [...govQueries(k), ...legacyGovQueries(k)],
    registerTypes: (registry: TypeRegistry) => registry.register(TextProposal),
    genesis: govGenesis(k),
    endBlock: (ctx) => {
      endBlock(k, ctx);
    },
  };
}

export function hyperGovModule(k: GovKeeper): AppModule {
  return { name: HyperModuleName, msgs: hyperGovMsgs(k), queries: hyperGovQueries(k), genesis: hyperGovGenesis(k) };
}
