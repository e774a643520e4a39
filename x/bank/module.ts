/** x/bank as an app module. */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { bankGenesis } from './genesis';
import type { BankKeeper } from './keeper';
import { ModuleName } from './keys';
import { bankMsgs } from './msg_server';
import { bankQueries } from './query_server';

export function bankModule(k: BankKeeper, addrs: AddressCodec, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: bankMsgs(k, addrs, authority),
    queries: bankQueries(k, addrs),
    genesis: bankGenesis(k, addrs),
  };
}
