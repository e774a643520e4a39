/**
 * cosmos.gov.v1beta1, as the SDK serves it next to v1 (x/gov/migrations/v3/convert.go,
 * keeper/msg_server.go legacyMsgServer): v1 values shown in the v1beta1 shape, and the text proposal
 * — the only legacy content this chain runs — wrapped in a v1 MsgExecLegacyContent.
 */
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import * as v1 from 'cosmjs-types/cosmos/gov/v1/gov';
import * as v1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import { Dec } from '../../src/types/dec';

export const TEXT_PROPOSAL = v1beta1.TextProposal.typeUrl;
const MAX_TITLE = 140;
const MAX_DESCRIPTION = 10_000;

/** Go's zero time.Time as a Timestamp: what a nullable=false stdtime holds when unset. */
const ZERO_TIME: Timestamp = { seconds: -62135596800n, nanos: 0 };

export function legacyTally(t: v1.TallyResult | undefined): v1beta1.TallyResult {
  return { yes: t?.yesCount || '0', abstain: t?.abstainCount || '0', no: t?.noCount || '0', noWithVeto: t?.noWithVetoCount || '0' };
}

/**
 * ConvertToLegacyProposal. The content is the MsgExecLegacyContent's, or else the first message
 * itself (the SDK's "hack" for clients that do not read v1). Where the SDK fails a proposal with
 * no message or several, we show no content / the first: a listing keeps working.
 */
export function legacyProposal(p: v1.Proposal, unwrap: (any: v1.Proposal['messages'][number]) => v1beta1.Proposal['content']): v1beta1.Proposal {
  return {
    proposalId: p.id,
    content: p.messages.length > 0 ? unwrap(p.messages[0]) : undefined,
    status: p.status as number as v1beta1.ProposalStatus,
    finalTallyResult: legacyTally(p.finalTallyResult),
    submitTime: p.submitTime ?? ZERO_TIME,
    depositEndTime: p.depositEndTime ?? ZERO_TIME,
    totalDeposit: p.totalDeposit.map((c) => Coin.fromPartial(c)),
    votingStartTime: p.votingStartTime ?? ZERO_TIME,
    votingEndTime: p.votingEndTime ?? ZERO_TIME,
  };
}

/** v1 weights are decimal text; v1beta1's are LegacyDec wire integers. */
export function legacyVote(v: v1.Vote): v1beta1.Vote {
  const options = v.options.map((o) => ({ option: o.option as number as v1beta1.VoteOption, weight: Dec.fromString(o.weight).toProto() }));
  return { proposalId: v.proposalId, voter: v.voter, option: options.length === 1 ? options[0].option : v1beta1.VoteOption.VOTE_OPTION_UNSPECIFIED, options };
}

export function legacyDeposit(d: v1.Deposit): v1beta1.Deposit {
  return { proposalId: d.proposalId, depositor: d.depositor, amount: d.amount };
}

/** TextProposal.ValidateBasic: a title and a description, not too long. Returns an error text or undefined. */
export function textProposalError(t: v1beta1.TextProposal): string | undefined {
  if (t.title.trim() === '') return 'proposal title cannot be blank';
  if (t.title.length > MAX_TITLE) return `proposal title is longer than max length of ${MAX_TITLE}`;
  if (t.description.length === 0) return 'proposal description cannot be blank';
  if (t.description.length > MAX_DESCRIPTION) return `proposal description is longer than max length of ${MAX_DESCRIPTION}`;
  return undefined;
}
