/** The parts of x/auth and x/bank that x/staking calls, and the resource score it reads. */
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  getModuleAccount(ctx: Context, name: string): unknown;
  moduleAddress(name: string): Uint8Array;
}

export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  getSupply(ctx: Context, denom: string): bigint;
  /** Delegation that may spend locked vesting coins (the SDK's DelegateCoinsFromAccountToModule). */
  delegateCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  undelegateCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  sendFromModuleToModule(ctx: Context, fromModule: string, toModule: string, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
}

/**
 * The resource contribution of the provider a validator is linked to, in [0, 1] (x/resource
 * implements it; until then `noResourceScores`). Must be deterministic: it is read in EndBlock.
 */
export interface ResourceScoreProvider {
  resourceScore(ctx: Context, valoperAddress: string): Dec;
}
