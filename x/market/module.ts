/**
 * x/market as an app module: the order books, workload auctions, leases with streamed escrow and
 * SLA enforcement. EndBlock does the matching, closes auctions and streams leases (abci.ts).
 */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { endBlock } from './abci';
import { marketGenesis } from './genesis';
import type { MarketKeeper } from './keeper';
import { ModuleName } from './keys';
import { marketMsgs } from './msg_server';
import { marketQueries } from './query_server';

export function marketModule(k: MarketKeeper, addrs: AddressCodec, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: marketMsgs(k, addrs, authority),
    queries: marketQueries(k, addrs),
    genesis: marketGenesis(k, addrs),
    endBlock: (ctx) => endBlock(k, ctx),
  };
}
