/**
 * x/resource as an app module: providers, nodes, heartbeats, resource tokens, leases, usage
 * records, reputation and fraud. BeginBlock closes liveness windows (window.ts) and pays out
 * matured provider unbondings.
 */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { resourceGenesis } from './genesis';
import type { ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { resourceMsgs } from './msg_server';
import { resourceQueries } from './query_server';

export function resourceModule(k: ResourceKeeper, addrs: AddressCodec, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: resourceMsgs(k, addrs, authority),
    queries: resourceQueries(k, addrs),
    genesis: resourceGenesis(k, addrs),
    beginBlock: (ctx) => k.beginBlock(ctx),
  };
}
