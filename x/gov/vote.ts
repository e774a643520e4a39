/**
 * Votes (the SDK's keeper/vote.go and the option checks of its msg server): one vote per voter per
 * proposal, replaced by a later vote, deleted when the proposal is tallied.
 */
import { VoteOption, type WeightedVoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { govErrors } from './errors';
import * as events from './events';
import type { GovKeeper } from './keeper';
import { assertVoteMetadataLength } from './proposal';

export const ONE_WEIGHT = '1.000000000000000000';

export function isValidOption(o: VoteOption): boolean {
  return (
    o === VoteOption.VOTE_OPTION_YES ||
    o === VoteOption.VOTE_OPTION_ABSTAIN ||
    o === VoteOption.VOTE_OPTION_NO ||
    o === VoteOption.VOTE_OPTION_NO_WITH_VETO
  );
}

function weightOf(o: WeightedVoteOption): Dec | undefined {
  try {
    return Dec.fromString(o.weight);
  } catch {
    return undefined;
  }
}

/** An option with a weight in (0, 1] (ValidWeightedVoteOption). */
export function isValidWeightedOption(o: WeightedVoteOption): boolean {
  const w = weightOf(o);
  return w !== undefined && w.isPositive() && w.lte(Dec.ONE) && isValidOption(o.option);
}

/** MsgVoteWeighted's checks: options valid, no option twice, weights summing to exactly 1. */
export function validateWeightedOptions(options: readonly WeightedVoteOption[]): void {
  if (options.length === 0) throw sdk.InvalidRequest('no vote options');
  let total = Dec.ZERO;
  const used = new Set<VoteOption>();
  for (const o of options) {
    if (!isValidWeightedOption(o)) throw govErrors.InvalidVote(optionsText([o]));
    total = total.add(weightOf(o)!);
    if (used.has(o.option)) throw govErrors.InvalidVote('duplicated vote option');
    used.add(o.option);
  }
  if (total.gt(Dec.ONE)) throw govErrors.InvalidVote('total weight overflow 1.00');
  if (total.lt(Dec.ONE)) throw govErrors.InvalidVote('total weight lower than 1.00');
}

/** WeightedVoteOptions.String(): Go's encoding/json of the options ([{"option":1,"weight":"1.000000000000000000"}]). */
export function optionsText(options: readonly WeightedVoteOption[]): string {
  return JSON.stringify(options.map((o) => ({ ...(o.option !== 0 ? { option: o.option } : {}), ...(o.weight !== '' ? { weight: o.weight } : {}) })));
}

/** AddVote: only during the voting period; replaces the voter's earlier vote. */
export function addVote(k: GovKeeper, ctx: Context, proposalId: bigint, voter: Uint8Array, options: WeightedVoteOption[], metadata: string): void {
  if (!k.state.votingPeriodProposals.has(ctx, proposalId)) {
    if (!k.getProposal(ctx, proposalId)) throw govErrors.UnknownProposal(`proposal ${proposalId} doesn't exist`);
    throw govErrors.InactiveProposal(`${proposalId}: the proposal is not in its voting period`);
  }
  assertVoteMetadataLength(k, metadata);
  for (const o of options) if (!isValidWeightedOption(o)) throw govErrors.InvalidVote(optionsText([o]));
  const voterBech = k.addrs.encode(voter);
  k.state.votes.set(ctx, [proposalId, voter], { proposalId, voter: voterBech, options, metadata });
  ctx.events.emit(events.proposalVote(voterBech, optionsText(options), proposalId));
}
