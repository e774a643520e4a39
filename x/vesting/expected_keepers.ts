/** The parts of x/auth and x/bank that x/vesting calls. */
import type { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { Context } from '../../src/types/context';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Account } from '../auth/account';

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  hasAccount(ctx: Context, address: Uint8Array): boolean;
  nextAccountNumber(ctx: Context): bigint;
  setAccount(ctx: Context, account: Account): void;
  wrap<T>(typeUrl: string, value: T): Account<T>;
}

export interface BankKeeper {
  isBlocked(bech32: string): boolean;
  assertSendEnabled(ctx: Context, coins: Coins): void;
  send(ctx: Context, from: Uint8Array, to: Uint8Array, amount: Coins): void;
}

export type { BaseAccount };
