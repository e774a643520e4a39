/**
 * Historical info for IBC (the SDK's TrackHistoricalInfo): at every BeginBlock the header and the
 * bonded set of the block are kept under its height, and entries older than historical_entries
 * blocks are pruned.
 *
 * The header holds what BaseApp's Context gives a module: chain id, height, time, proposer, the
 * previous block's app hash and CometBFT's next_validators_hash. Where a caller gives no
 * next_validators_hash (the in-process test harness), it is computed as CometBFT does from the
 * set the last EndBlock sent (the set of height + 1).
 */
import { HistoricalInfo, type Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { Header } from 'cosmjs-types/tendermint/types/types';
import { SimpleValidator } from 'cosmjs-types/tendermint/types/validator';
import { sha256, sha256Truncated } from '../../src/crypto/hash';
import { compareBytes, concatBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import type { StakingKeeper } from './keeper';
import { timestampFromNs } from './time';
import { consPubKeyBytes, tokens } from './validator';

/** CometBFT's merkle.HashFromByteSlices (RFC 6962: leaf 0x00, inner 0x01, split at the largest power of 2 < n). */
export function merkleRoot(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256(new Uint8Array());
  if (items.length === 1) return sha256(concatBytes(Uint8Array.of(0), items[0]));
  let k = 1;
  while (k * 2 < items.length) k *= 2;
  return sha256(concatBytes(Uint8Array.of(1), merkleRoot(items.slice(0, k)), merkleRoot(items.slice(k))));
}

/**
 * CometBFT's ValidatorSet.Hash of (ed25519 key, power) pairs: SimpleValidator bytes in the set's
 * order (power descending, then address ascending).
 */
export function validatorSetHash(set: { pubKey: Uint8Array; power: bigint }[]): Uint8Array {
  const sorted = [...set].sort((a, b) => {
    if (a.power !== b.power) return a.power > b.power ? -1 : 1;
    return compareBytes(sha256Truncated(a.pubKey), sha256Truncated(b.pubKey));
  });
  return merkleRoot(sorted.map((v) => SimpleValidator.encode(SimpleValidator.fromPartial({ pubKey: { ed25519: v.pubKey }, votingPower: v.power })).finish()));
}

/** Validators ordered as the SDK's Validators.Less: power descending, then operator address bytes. */
export function sortValset(k: StakingKeeper, vals: Validator[]): Validator[] {
  return [...vals].sort((a, b) => {
    const pa = tokens(a) / k.powerReduction;
    const pb = tokens(b) / k.powerReduction;
    if (pa !== pb) return pa > pb ? -1 : 1;
    return compareBytes(k.valAddr(a), k.valAddr(b));
  });
}

/** Hash of the validator set of height + 1: the powers the last EndBlock left in last_validator_power. */
function nextValidatorsHash(k: StakingKeeper, ctx: Context): Uint8Array {
  const set = [...k.iterateLastValidatorPowers(ctx)].map(([op, power]) => ({ pubKey: consPubKeyBytes(k.mustGetValidator(ctx, op).consensusPubkey), power }));
  return validatorSetHash(set);
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
    nextValidatorsHash: ctx.block.nextValidatorsHash ?? nextValidatorsHash(k, ctx),
  });
  k.state.historicalInfo.set(ctx, height, HistoricalInfo.fromPartial({ header, valset: sortValset(k, k.lastValidators(ctx)) }));
}
