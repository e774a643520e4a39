/** The tally of a stored proposal: tally.ts's rules fed from the gov, staking and delegation state. */
import type { Proposal, TallyResult } from 'cosmjs-types/cosmos/gov/v1/gov';
import { BondStatus } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { GovKeeper } from './keeper';
import { proposalPrefix } from './proposal';
import { computeTally, tallyOutcome, tallyResultOf, weightedOptions, type TallyComputation, type TallyOutcome, type TallySource, type WeightedOption } from './tally';
import { voteDelegatorsOf } from './vote_delegation';

/** The tally inputs of a proposal as they stand in `ctx`. */
export function tallySource(k: GovKeeper, ctx: Context, proposalId: bigint): TallySource {
  const staking = k.deps.staking;
  const valAddrs = staking.validatorAddressCodec;
  const votes = new Map<string, readonly WeightedOption[]>();
  for (const [, v] of k.state.votes.iterate(ctx, { prefix: proposalPrefix(proposalId) })) votes.set(v.voter, weightedOptions(v.options));
  const validators = staking
    .bondedValidatorsByPower(ctx)
    .filter((v) => v.status === BondStatus.BOND_STATUS_BONDED)
    .map((v) => ({
      operator: v.operatorAddress,
      account: k.addrs.encode(valAddrs.decode(v.operatorAddress)),
      tokens: BigInt(v.tokens),
      shares: Dec.fromProto(v.delegatorShares),
    }));
  return {
    validators,
    votes,
    delegations: (account) => staking.delegatorDelegations(ctx, k.addrs.decode(account)).map((d) => ({ validator: d.validatorAddress, shares: Dec.fromProto(d.shares) })),
    voteDelegators: (delegate) => voteDelegatorsOf(k, ctx, k.addrs.decode(delegate)),
  };
}

export interface ProposalTally {
  computation: TallyComputation;
  outcome: TallyOutcome;
  tally: TallyResult;
}

export function computeProposalTally(k: GovKeeper, ctx: Context, proposal: Proposal): ProposalTally {
  const computation = computeTally(tallySource(k, ctx, proposal.id));
  const outcome = tallyOutcome(computation, k.deps.staking.totalBondedTokens(ctx), k.params(ctx), proposal.expedited);
  return { computation, outcome, tally: tallyResultOf(computation.results) };
}
