/**
 * Historical info for IBC (the SDK's TrackHistoricalInfo): at every BeginBlock the header and the
 * bonded set of the block are kept under its height, and entries older than historical_entries
 * blocks are pruned.
 *
 * The header holds what BaseApp's Context gives a module (chain id, height, time, proposer);
 * next_validators_hash and the previous app hash are not in the Context yet (see README).
 */
import { HistoricalInfo, type Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { Header } from 'cosmjs-types/tendermint/types/types';
import { compareBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import type { StakingKeeper } from './keeper';
import { timestampFromNs } from './time';
import { tokens } from './validator';

/** Validators ordered as the SDK's Validators.Less: power descending, then operator address bytes. */
export function sortValset(k: StakingKeeper, vals: Validator[]): Validator[] {
  return [...vals].sort((a, b) => {
    const pa = tokens(a) / k.powerReduction;
    const pb = tokens(b) / k.powerReduction;
    if (pa !== pb) return pa > pb ? -1 : 1;
    return compareBytes(k.valAddr(a), k.valAddr(b));
  });
}

export function trackHistoricalInfo(k: StakingKeeper, ctx: Context): void {
  const entries = BigInt(k.params(ctx).historicalEntries);
  const height = BigInt(ctx.block.height);
  for (let h = height - entries; h >= 0n; h--) {
    if (!k.state.historicalInfo.has(ctx, h)) break;
    k.state.historicalInfo.delete(ctx, h);
  }
  if (entries === 0n) return;
  const header = Header.fromPartial({
    chainId: ctx.block.chainId,
    height,
    time: timestampFromNs(ctx.block.timeNs),
    proposerAddress: ctx.block.proposer,
    // IBC's GetSelfConsensusState reads these: a counterparty's consensus state of this chain
    appHash: ctx.block.appHash,
    nextValidatorsHash: ctx.block.nextValidatorsHash,
  });
  k.state.historicalInfo.set(ctx, height, HistoricalInfo.fromPartial({ header, valset: sortValset(k, k.lastValidators(ctx)) }));
}
