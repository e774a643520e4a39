/** The parts of x/bank and x/staking that x/mint calls. */
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

export interface BankKeeper {
  getSupply(ctx: Context, denom: string): bigint;
  mintCoins(ctx: Context, module: string, amount: Coins): void;
  sendFromModuleToModule(ctx: Context, fromModule: string, toModule: string, amount: Coins): void;
}

export interface StakingKeeper {
  /** Total supply of the bond denom. */
  stakingTokenSupply(ctx: Context): bigint;
  /** Bonded tokens / total supply. */
  bondedRatio(ctx: Context): Dec;
}

export interface AccountKeeper {
  getModuleAccount(ctx: Context, name: string): unknown;
}
