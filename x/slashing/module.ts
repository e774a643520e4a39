/**
 * x/slashing as app modules: `slashing` (signing infos, MsgUnjail, queries; BeginBlock checks
 * liveness from the decided last commit and handles double-sign misbehavior) and
 * `hypermesh_slashing` (the resource fraud slash fraction).
 */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { hyperSlashingGenesis, slashingGenesis } from './genesis';
import type { SlashingKeeper } from './keeper';
import { ModuleName } from './keys';
import { hyperSlashingMsgs, slashingMsgs } from './msg_server';
import { hyperSlashingQueries, slashingQueries } from './query_server';

export const HyperModuleName = 'hypermesh_slashing';

export function slashingModule(k: SlashingKeeper, addrs: AddressCodec, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: slashingMsgs(k, addrs, authority),
    queries: slashingQueries(k),
    genesis: slashingGenesis(k),
    beginBlock: (ctx, info) => k.beginBlock(ctx, info.decidedLastCommit?.votes ?? [], info.misbehavior),
  };
}

export function hyperSlashingModule(k: SlashingKeeper, authority: string): AppModule {
  return { name: HyperModuleName, msgs: hyperSlashingMsgs(k, authority), queries: hyperSlashingQueries(k), genesis: hyperSlashingGenesis(k) };
}
