/**
 * What x/resource needs from other modules, and the narrow interfaces it offers them. app.ts
 * passes the keepers; nothing here names another module's keeper class.
 */
import type { Metadata } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

/** The parts of x/bank x/resource calls. */
export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  spendableCoins(ctx: Context, address: Uint8Array): Coins;
  getSupply(ctx: Context, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  mintCoins(ctx: Context, module: string, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined;
  setDenomMetadata(ctx: Context, m: Metadata): void;
}

/** The parts of x/auth x/resource calls. */
export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  moduleAddress(name: string): Uint8Array;
  getModuleAccount(ctx: Context, name: string): unknown;
}

/** Validators, for the provider ↔ validator link (x/staking). */
export interface ValidatorSource {
  readonly validatorAddressCodec: AddressCodec;
  /** The validator whose operator address has these bytes, if any. */
  getValidator(ctx: Context, operator: Uint8Array): { operatorAddress: string } | undefined;
}

/** x/slashing's resource-fraud entry point: burns the linked validator's stake; returns tokens burned. */
export interface ResourceFraudSlasher {
  slashForResourceFraud(ctx: Context, valoperAddress: string): bigint;
}

/** Where a slash with no harmed consumer goes (x/distribution's community pool). */
export interface CommunityPool {
  /** Moves `amount` from `sender` into the community pool. */
  fundCommunityPool(ctx: Context, amount: Coins, sender: Uint8Array): void;
  /** The module account that holds the pool (reported as the recipient of such slashes). */
  readonly poolAddress: string;
}

/**
 * The market reference price of a resource token, in uhyper per unit. x/resource reads it for the
 * collateral rule and for the price of redeemed leases; until a market module provides it, the
 * `reference_prices` param answers (`paramsReferencePrices`). Undefined: no price known.
 */
export interface ReferencePriceProvider {
  referencePrice(ctx: Context, denom: string): Dec | undefined;
}
