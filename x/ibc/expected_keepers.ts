/** What x/ibc needs from x/staking: its own past headers and the unbonding time. */
import type { HistoricalInfo } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Context } from '../../src/types/context';

export interface StakingKeeper {
  /** The header (time, app hash, next validators hash) and bonded set kept for `height`. */
  historicalInfo(ctx: Context, height: bigint): HistoricalInfo | undefined;
  unbondingTimeNs(ctx: Context): bigint;
}
