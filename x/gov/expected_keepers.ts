/** The parts of other modules, and of the app's routers, that x/gov calls. */
import type { Validator, Delegation } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { MsgRoute, QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { DecCoins } from '../../src/types/dec_coins';

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  moduleAddress(name: string): Uint8Array;
  /** Creates the module account when missing. */
  getModuleAccount(ctx: Context, name: string): unknown;
}

export interface BankKeeper {
  getAllBalances(ctx: Context, address: Uint8Array): Coins;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
  isBlocked(bech32: string): boolean;
}

export interface StakingKeeper {
  readonly validatorAddressCodec: AddressCodec;
  /** Bonded validators, highest power first, at most max_validators (IterateBondedValidatorsByPower). */
  bondedValidatorsByPower(ctx: Context): Validator[];
  delegatorDelegations(ctx: Context, delegator: Uint8Array): Delegation[];
  totalBondedTokens(ctx: Context): bigint;
}

export interface DistributionKeeper {
  /** The community pool (DecCoins). */
  communityPool(ctx: Context): DecCoins;
  /** Moves coins from `sender` into the community pool. */
  fundCommunityPool(ctx: Context, amount: Coins, sender: Uint8Array): void;
}

/** The app's Msg router: proposal messages are checked and executed through it. */
export interface ProposalMsgRouter {
  route(typeUrl: string): { route: MsgRoute; module: string };
}

/** The app's query router: the audit trail reads a module's Params query before and after a change. */
export interface ParamsQueryRouter {
  get(path: string): QueryRoute | undefined;
}
