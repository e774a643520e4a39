/** x/mint as an app module: BeginBlock mints the block provision into the fee collector. */
import type { AppModule } from '../../src/app/module';
import { mintGenesis } from './genesis';
import type { MintKeeper } from './keeper';
import { ModuleName } from './keys';
import { mintMsgs } from './msg_server';
import { mintQueries } from './query_server';

export function mintModule(k: MintKeeper, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: mintMsgs(k, authority),
    queries: mintQueries(k),
    genesis: mintGenesis(k),
    beginBlock: (ctx) => {
      k.beginBlock(ctx);
    },
  };
}
