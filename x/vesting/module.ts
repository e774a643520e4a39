/** x/vesting as an app module: its Msgs; its account types are registered with x/auth. */
import type { AppModule } from '../../src/app/module';
import type { AccountKeeper, BankKeeper } from './expected_keepers';
import { vestingMsgs } from './msg_server';

export const ModuleName = 'vesting';

export function vestingModule(ak: AccountKeeper, bank: BankKeeper): AppModule {
  return { name: ModuleName, msgs: vestingMsgs(ak, bank) };
}
