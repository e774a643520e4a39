/** What the ante chain needs of x/auth and x/bank. */
import type { BaseAccount, Params as AuthParams } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { AddressCodec } from '../../crypto/address';
import type { Coins } from '../../types/coins';
import type { Context } from '../../types/context';

export interface AnteAccount {
  readonly typeUrl: string;
  readonly value: unknown;
  readonly base: BaseAccount;
}

export interface AnteAccountKeeper {
  readonly addressCodec: AddressCodec;
  params(ctx: Context): AuthParams;
  getAccount(ctx: Context, address: Uint8Array): AnteAccount | undefined;
  setAccount(ctx: Context, account: AnteAccount): void;
  withBase(account: AnteAccount, base: BaseAccount): AnteAccount;
}

export interface AnteBankKeeper {
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
}
