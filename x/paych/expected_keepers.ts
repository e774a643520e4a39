/** What x/paych needs from other modules, as narrow interfaces (app.ts passes the keepers). */
import type { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';

export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
}

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  moduleAddress(name: string): Uint8Array;
  getModuleAccount(ctx: Context, name: string): unknown;
  /** The account (its BaseAccount carries the public key once it signed a tx). */
  getAccount(ctx: Context, address: Uint8Array): { base: BaseAccount } | undefined;
}
