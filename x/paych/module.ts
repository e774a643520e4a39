/** x/paych as an app module: unidirectional payment channels with off-chain vouchers. No block hooks. */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { paychGenesis } from './genesis';
import type { PaychKeeper } from './keeper';
import { ModuleName } from './keys';
import { paychMsgs } from './msg_server';
import { paychQueries } from './query_server';

export function paychModule(k: PaychKeeper, addrs: AddressCodec, authority: string): AppModule {
  return { name: ModuleName, msgs: paychMsgs(k, addrs, authority), queries: paychQueries(k, addrs), genesis: paychGenesis(k, addrs) };
}
