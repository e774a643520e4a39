/**
 * Events. The SDK's x/gov events with its names and attributes (x/gov/types/events.go, v0.50),
 * which explorers and cosmjs's indexers read; HyperMesh's additions as typed events
 * (hypermesh.gov.v1.Event*).
 */
import type { Event } from 'cosmjs-types/tendermint/abci/types';
import { typedEventOf } from '../../src/codec/typed_event';
import type { JsonCodec } from '../../src/codec/proto_json';
import type { Context } from '../../src/types/context';
import { abciEvent } from '../../src/types/events';

export const EventType = {
  SubmitProposal: 'submit_proposal',
  ProposalDeposit: 'proposal_deposit',
  ProposalVote: 'proposal_vote',
  InactiveProposal: 'inactive_proposal',
  ActiveProposal: 'active_proposal',
  CancelProposal: 'cancel_proposal',
} as const;

export const ProposalResult = {
  Dropped: 'proposal_dropped',
  Passed: 'proposal_passed',
  Rejected: 'proposal_rejected',
  ExpeditedRejected: 'expedited_proposal_rejected',
  Failed: 'proposal_failed',
} as const;

export const submitProposal = (proposalId: bigint, proposer: string, messages: string): Event =>
  abciEvent(EventType.SubmitProposal, { proposal_id: proposalId.toString(), proposal_proposer: proposer, proposal_messages: messages });

/** Emitted by MsgSubmitProposal when the initial deposit starts the voting period. */
export const submitProposalVotingStarted = (proposalId: bigint): Event =>
  abciEvent(EventType.SubmitProposal, { voting_period_start: proposalId.toString() });

export const proposalDeposit = (depositor: string, amount: string, proposalId: bigint): Event =>
  abciEvent(EventType.ProposalDeposit, { depositor, amount, proposal_id: proposalId.toString() });

/** Emitted by MsgDeposit when the deposit starts the voting period. */
export const depositVotingStarted = (proposalId: bigint): Event =>
  abciEvent(EventType.ProposalDeposit, { voting_period_start: proposalId.toString() });

export const proposalVote = (voter: string, option: string, proposalId: bigint): Event =>
  abciEvent(EventType.ProposalVote, { voter, option, proposal_id: proposalId.toString() });

export const inactiveProposal = (proposalId: bigint, result: string): Event =>
  abciEvent(EventType.InactiveProposal, { proposal_id: proposalId.toString(), proposal_result: result });

export const activeProposal = (proposalId: bigint, result: string, log: string): Event =>
  abciEvent(EventType.ActiveProposal, { proposal_id: proposalId.toString(), proposal_result: result, proposal_log: log });

export const cancelProposal = (sender: string, proposalId: bigint): Event =>
  abciEvent(EventType.CancelProposal, { sender, proposal_id: proposalId.toString() });

/** A hypermesh.gov.v1.Event* typed event. */
export function emitTyped<T>(ctx: Context, codec: JsonCodec<T> & { fromPartial(o: any): T }, fields: Partial<T>): void {
  ctx.events.emit(typedEventOf(codec, codec.fromPartial(fields)));
}
