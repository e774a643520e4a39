/** x/transfer as an app module; app.ts binds its IBC callbacks to port "transfer". */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import type { BankKeeper } from './expected_keepers';
import { transferGenesis } from './genesis';
import type { TransferKeeper } from './keeper';
import { ModuleName } from './keys';
import { transferMsgs } from './msg_server';
import { transferQueries } from './query_server';

export function transferModule(k: TransferKeeper, bank: BankKeeper, addrs: AddressCodec): AppModule {
  return {
    name: ModuleName,
    msgs: transferMsgs(k, bank, addrs),
    queries: transferQueries(k, addrs),
    genesis: transferGenesis(k),
  };
}
