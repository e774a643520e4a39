/** The parts of x/auth, x/bank and x/staking that x/distribution calls. */
import type { Delegation, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  getModuleAccount(ctx: Context, name: string): unknown;
  moduleAddress(name: string): Uint8Array;
}

export interface BankKeeper {
  getAllBalances(ctx: Context, address: Uint8Array): Coins;
  isBlocked(bech32: string): boolean;
  sendFromModuleToModule(ctx: Context, fromModule: string, toModule: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
}

export interface StakingKeeper {
  readonly validatorAddressCodec: AddressCodec;
  getValidator(ctx: Context, valAddr: Uint8Array): Validator | undefined;
  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined;
  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined;
  delegatorDelegations(ctx: Context, del: Uint8Array): Delegation[];
  iterateValidators(ctx: Context): IterableIterator<Validator>;
}
