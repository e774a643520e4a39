/**
 * Accounts are stored as `google.protobuf.Any` of one of the registered account types. Each type
 * says where its BaseAccount sits and, for vesting accounts, which coins it still locks.
 */
import { BaseAccount, ModuleAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { ProtoCodec } from '../../src/codec/type_registry';
import type { Coins } from '../../src/types/coins';

export interface AccountType<T = any> {
  readonly codec: ProtoCodec<T>;
  base(account: T): BaseAccount;
  withBase(account: T, base: BaseAccount): T;
  /** Coins the account may not spend at this block time (vesting); none when absent. */
  locked?(account: T, blockTimeSeconds: bigint): Coins;
}

/** A decoded account with its BaseAccount at hand. */
export interface Account<T = unknown> {
  readonly typeUrl: string;
  readonly value: T;
  readonly base: BaseAccount;
}

export const baseAccountType: AccountType<BaseAccount> = {
  codec: BaseAccount,
  base: (a) => a,
  withBase: (_a, base) => base,
};

export const moduleAccountType: AccountType<ModuleAccount> = {
  codec: ModuleAccount,
  base: (a) => a.baseAccount ?? BaseAccount.fromPartial({}),
  withBase: (a, base) => ({ ...a, baseAccount: base }),
};

/** Module account permissions, as in the SDK's authtypes. */
export const Permission = { Minter: 'minter', Burner: 'burner', Staking: 'staking' } as const;
