/**
 * The tally: who counts with which vote, and whether a proposal passes. `computeTally` is pure (its
 * inputs come through `TallySource`), so the rules read in one place and tests can feed it tables;
 * `gatherTally` builds the source from the stores.
 *
 * Voting power of an account = its delegations to bonded validators, each worth
 * shares × validator tokens ÷ validator shares (the SDK's tally.go). Each delegation counts once,
 * for the first of:
 *   1. the delegator's own vote;
 *   2. the vote of the delegator's vote delegate (hypermesh.gov.v1 MsgDelegateVote), if it voted;
 *   3. the vote of the validator the stake is delegated to (validator inheritance), if it voted.
 * Otherwise it does not count. Vote delegation is one level deep: a delegate's own delegation is
 * never followed, so chains and cycles of delegations change nothing (see README).
 */
import type { TallyResult } from 'cosmjs-types/cosmos/gov/v1/gov';
import { VoteOption, type Params, type WeightedVoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { Dec } from '../../src/types/dec';
import { decParam } from './params';

export type CountedOption = VoteOption.VOTE_OPTION_YES | VoteOption.VOTE_OPTION_ABSTAIN | VoteOption.VOTE_OPTION_NO | VoteOption.VOTE_OPTION_NO_WITH_VETO;
export const COUNTED_OPTIONS: readonly CountedOption[] = [
  VoteOption.VOTE_OPTION_YES,
  VoteOption.VOTE_OPTION_ABSTAIN,
  VoteOption.VOTE_OPTION_NO,
  VoteOption.VOTE_OPTION_NO_WITH_VETO,
];

export interface WeightedOption {
  option: CountedOption;
  weight: Dec;
}

export interface TallyValidator {
  /** valoper address */
  operator: string;
  /** the operator's account address (same bytes): its own vote is the validator's vote */
  account: string;
  /** bonded tokens */
  tokens: bigint;
  /** delegator shares */
  shares: Dec;
}

export interface TallyDelegation {
  /** valoper address */
  validator: string;
  shares: Dec;
}

export interface TallySource {
  /** The bonded validators (any order). */
  validators: readonly TallyValidator[];
  /** Every vote on the proposal: voter account → options. */
  votes: ReadonlyMap<string, readonly WeightedOption[]>;
  /** An account's delegations (to any validator; unbonded ones are ignored). */
  delegations(account: string): readonly TallyDelegation[];
  /** The accounts whose vote delegate is `delegate`. */
  voteDelegators(delegate: string): readonly string[];
}

export type TallyResults = Record<CountedOption, Dec>;

export interface TallyComputation {
  results: TallyResults;
  totalVotingPower: Dec;
}

export function emptyResults(): TallyResults {
  return {
    [VoteOption.VOTE_OPTION_YES]: Dec.ZERO,
    [VoteOption.VOTE_OPTION_ABSTAIN]: Dec.ZERO,
    [VoteOption.VOTE_OPTION_NO]: Dec.ZERO,
    [VoteOption.VOTE_OPTION_NO_WITH_VETO]: Dec.ZERO,
  };
}

export function computeTally(src: TallySource): TallyComputation {
  const vals = new Map<string, { v: TallyValidator; deductions: Dec; vote?: readonly WeightedOption[] }>();
  const valByAccount = new Map<string, string>();
  for (const v of src.validators) {
    vals.set(v.operator, { v, deductions: Dec.ZERO });
    valByAccount.set(v.account, v.operator);
  }
  const results = emptyResults();
  let total = Dec.ZERO;

  const add = (power: Dec, options: readonly WeightedOption[]) => {
    for (const o of options) results[o.option] = results[o.option].add(power.mul(o.weight));
    total = total.add(power);
  };
  /** Counts `account`'s delegations with `options`, taking them out of their validators' share. */
  const countDelegations = (account: string, options: readonly WeightedOption[]) => {
    for (const d of src.delegations(account)) {
      const val = vals.get(d.validator);
      if (!val || val.v.shares.isZero()) continue;
      val.deductions = val.deductions.add(d.shares);
      add(d.shares.mulInt(val.v.tokens).quo(val.v.shares), options);
    }
  };

  for (const [voter, options] of src.votes) {
    const op = valByAccount.get(voter);
    if (op !== undefined) vals.get(op)!.vote = options;
    countDelegations(voter, options); // 1. own vote
    for (const delegator of src.voteDelegators(voter)) {
      if (!src.votes.has(delegator)) countDelegations(delegator, options); // 2. the delegate's vote
    }
  }
  for (const val of vals.values()) {
    if (!val.vote || val.v.shares.isZero()) continue; // 3. validator inheritance, for what is left
    add(val.v.shares.sub(val.deductions).mulInt(val.v.tokens).quo(val.v.shares), val.vote);
  }
  return { results, totalVotingPower: total };
}

/** Whole tokens per option, truncated (NewTallyResultFromMap). */
export function tallyResultOf(r: TallyResults): TallyResult {
  return {
    yesCount: r[VoteOption.VOTE_OPTION_YES].truncateInt().toString(),
    abstainCount: r[VoteOption.VOTE_OPTION_ABSTAIN].truncateInt().toString(),
    noCount: r[VoteOption.VOTE_OPTION_NO].truncateInt().toString(),
    noWithVetoCount: r[VoteOption.VOTE_OPTION_NO_WITH_VETO].truncateInt().toString(),
  };
}

export const EMPTY_TALLY: TallyResult = { yesCount: '0', abstainCount: '0', noCount: '0', noWithVetoCount: '0' };

export interface TallyOutcome {
  passes: boolean;
  burnDeposits: boolean;
}

/** The SDK's pass/fail rules (keeper/tally.go), in its order. */
export function tallyOutcome(c: TallyComputation, totalBonded: bigint, params: Params, expedited: boolean): TallyOutcome {
  if (totalBonded === 0n) return { passes: false, burnDeposits: false };
  const { results, totalVotingPower: total } = c;
  // quorum: the share of all bonded stake that voted
  if (total.quo(Dec.fromInt(totalBonded)).lt(decParam('quorum', params.quorum))) return { passes: false, burnDeposits: params.burnVoteQuorum };
  // everyone abstained
  const nonAbstain = total.sub(results[VoteOption.VOTE_OPTION_ABSTAIN]);
  if (nonAbstain.isZero()) return { passes: false, burnDeposits: false };
  // veto: more than veto_threshold of all voting power
  if (results[VoteOption.VOTE_OPTION_NO_WITH_VETO].quo(total).gt(decParam('veto threshold', params.vetoThreshold))) {
    return { passes: false, burnDeposits: params.burnVoteVeto };
  }
  // yes: more than the threshold of non-abstaining power
  const threshold = decParam('threshold', expedited ? params.expeditedThreshold : params.threshold);
  if (results[VoteOption.VOTE_OPTION_YES].quo(nonAbstain).gt(threshold)) return { passes: true, burnDeposits: false };
  return { passes: false, burnDeposits: false };
}

/** Weighted options as stored (v1 weights are decimal text) → the tally's form. */
export function weightedOptions(list: readonly WeightedVoteOption[]): WeightedOption[] {
  return list.map((o) => ({ option: o.option as CountedOption, weight: Dec.fromString(o.weight) }));
}
