/**
 * x/upgrade as an app module: MsgSoftwareUpgrade / MsgCancelUpgrade (gov only), the upgrade
 * queries, and a BeginBlock that must run before every other module's (src/app/app.ts lists it
 * first): at the plan's height it runs the handler or halts the chain.
 */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import type { UpgradeKeeper } from './keeper';
import { ModuleName } from './keys';
import { upgradeMsgs } from './msg_server';
import { upgradeQueries } from './query_server';

export function upgradeModule(k: UpgradeKeeper, addrs: AddressCodec): AppModule {
  return {
    name: ModuleName,
    msgs: upgradeMsgs(k, addrs),
    queries: upgradeQueries(k),
    beginBlock: (ctx) => k.beginBlock(ctx),
  };
}
