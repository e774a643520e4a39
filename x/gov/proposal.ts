/**
 * Proposals (the SDK's keeper/proposal.go): submission with its message checks, the switch to the
 * voting period, cancellation.
 */
import { ProposalStatus, type Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgExecLegacyContent } from 'cosmjs-types/cosmos/gov/v1/tx';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { MsgRoute } from '../../src/app/module';
import { equalBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { CodedError } from '../../src/types/errors';
import { chargeDeposit } from './deposit';
import { govErrors } from './errors';
import * as events from './events';
import type { GovKeeper } from './keeper';
import { decParam } from './params';
import { EMPTY_TALLY } from './tally';
import { nsFromDuration, nsFromTimestamp, timestampFromNs } from './time';

const utf8 = new TextEncoder();
const byteLength = (s: string) => utf8.encode(s).length;

/** A proposal message decoded, with the route that will execute it. */
export interface ProposalMsg {
  index: number;
  typeUrl: string;
  /** the app module that owns the message (the msg router's name for it) */
  module: string;
  route: MsgRoute;
  value: unknown;
}

/**
 * Decodes each message and checks it as it will run: a route exists (gov/10), it decodes (gov/12),
 * its `validate` (ValidateBasic) passes — a failure keeps the module's own codespace and code, with
 * the message's index and type in the detail — and its only signer is the gov module account
 * (gov/13).
 */
export function decodeProposalMsgs(k: GovKeeper, messages: readonly Any[]): ProposalMsg[] {
  const gov = k.moduleAddress();
  return messages.map((any, index) => {
    const where = `message ${index} (${any.typeUrl})`;
    let routed;
    try {
      routed = k.msgRouter.route(any.typeUrl);
    } catch {
      throw govErrors.UnroutableProposalMsg(any.typeUrl);
    }
    let value: unknown;
    try {
      value = routed.route.type.decode(any.value);
    } catch (e) {
      throw govErrors.InvalidProposalMsg(`${where} does not decode: ${(e as Error).message}`);
    }
    try {
      routed.route.validate?.(value);
    } catch (e) {
      if (e instanceof CodedError) throw new CodedError(e.codespace, e.code, e.log, `invalid proposal ${where}: ${e.detail ?? e.log}`, { cause: e });
      throw govErrors.InvalidProposalMsg(`${where}: ${(e as Error).message}`, e);
    }
    const signers = routed.route.signers(value);
    if (signers.length !== 1) throw govErrors.InvalidSigner(`${where} has ${signers.length} signers`);
    if (!k.addrs.isValid(signers[0]) || !equalBytes(k.addrs.decode(signers[0]), gov)) {
      throw govErrors.InvalidSigner(`${where} is signed by ${signers[0]}, not the gov module account ${k.authority}`);
    }
    return { index, typeUrl: any.typeUrl, module: routed.module, route: routed.route, value };
  });
}

function assertMetadataLength(k: GovKeeper, s: string): void {
  if (s !== '' && byteLength(s) > k.maxMetadataLen) throw govErrors.MetadataTooLong(`got metadata with length ${byteLength(s)}`);
}

export function assertVoteMetadataLength(k: GovKeeper, s: string): void {
  assertMetadataLength(k, s);
}

/** Keeper.SubmitProposal: checks, a new id, the deposit period starts. Emits submit_proposal. */
export function submitProposal(
  k: GovKeeper,
  ctx: Context,
  p: { messages: readonly Any[]; metadata: string; title: string; summary: string; proposer: string; expedited: boolean },
): Proposal {
  assertMetadataLength(k, p.metadata);
  if (p.summary !== '' && byteLength(p.summary) > 40 * k.maxMetadataLen) throw govErrors.SummaryTooLong(`got summary with length ${byteLength(p.summary)}`);
  assertMetadataLength(k, p.title);

  const msgs = decodeProposalMsgs(k, p.messages);
  // a legacy content must have a handler: run it on a throwaway branch (as the SDK does)
  for (const m of msgs) {
    if (m.typeUrl !== MsgExecLegacyContent.typeUrl) continue;
    const { ctx: scratch } = ctx.branch();
    try {
      m.route.handle(scratch, m.value);
    } catch (e) {
      if (govErrors.NoProposalHandlerExists.is(e)) throw e;
      throw govErrors.InvalidProposalContent((e as Error).message, e);
    }
  }

  const id = k.state.proposalId.next(ctx);
  const params = k.params(ctx);
  const submitNs = ctx.block.timeNs;
  const depositEndNs = submitNs + nsFromDuration(params.maxDepositPeriod);
  const proposal: Proposal = {
    id,
    messages: [...p.messages],
    status: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
    finalTallyResult: { ...EMPTY_TALLY },
    submitTime: timestampFromNs(submitNs),
    depositEndTime: timestampFromNs(depositEndNs),
    totalDeposit: [],
    votingStartTime: undefined,
    votingEndTime: undefined,
    metadata: p.metadata,
    title: p.title,
    summary: p.summary,
    proposer: p.proposer,
    expedited: p.expedited,
    failedReason: '',
  };
  k.setProposal(ctx, proposal);
  k.state.inactiveQueue.set(ctx, [depositEndNs, id], id);
  ctx.events.emit(events.submitProposal(id, p.proposer, msgs.map((m) => `,${m.typeUrl}`).join('')));
  return proposal;
}

/** ActivateVotingPeriod: voting starts now, for the (expedited) voting period. */
export function activateVotingPeriod(k: GovKeeper, ctx: Context, proposal: Proposal): Proposal {
  const params = k.params(ctx);
  const start = ctx.block.timeNs;
  const end = start + nsFromDuration(proposal.expedited ? params.expeditedVotingPeriod : params.votingPeriod);
  const updated: Proposal = {
    ...proposal,
    votingStartTime: timestampFromNs(start),
    votingEndTime: timestampFromNs(end),
    status: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
  };
  k.setProposal(ctx, updated);
  k.state.inactiveQueue.delete(ctx, [nsFromTimestamp(proposal.depositEndTime), proposal.id]);
  k.state.activeQueue.set(ctx, [end, proposal.id], proposal.id);
  return updated;
}

/**
 * CancelProposal by its proposer, during the deposit or voting period: proposal_cancel_ratio of the
 * deposits is burned (or sent to proposal_cancel_dest), the rest refunded; votes and the proposal
 * are deleted.
 */
export function cancelProposal(k: GovKeeper, ctx: Context, proposalId: bigint, proposer: string, distributionAddress: string): void {
  const proposal = k.mustGetProposal(ctx, proposalId);
  if (proposal.proposer === '') throw govErrors.InvalidProposal(`proposal ${proposalId} doesn't have proposer ${proposer}, so cannot be canceled`);
  if (proposal.proposer !== proposer) throw govErrors.InvalidProposer(`invalid proposer ${proposer}`);
  if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) {
    throw govErrors.InvalidProposal('proposal should be in the deposit or voting period');
  }
  if (proposal.votingEndTime && nsFromTimestamp(proposal.votingEndTime) < ctx.block.timeNs) {
    throw govErrors.VotingPeriodEnded(`voting period is already ended for this proposal ${proposalId}`);
  }
  const params = k.params(ctx);
  chargeDeposit(k, ctx, proposalId, params.proposalCancelDest, decParam('proposal cancel ratio', params.proposalCancelRatio), distributionAddress);
  if (proposal.votingStartTime) deleteVotes(k, ctx, proposalId);
  k.deleteProposal(ctx, proposalId);
}

export function deleteVotes(k: GovKeeper, ctx: Context, proposalId: bigint): void {
  const voters = [...k.state.votes.iterate(ctx, { prefix: proposalPrefix(proposalId) })].map(([[, voter]]) => Uint8Array.from(voter));
  for (const voter of voters) k.state.votes.delete(ctx, [proposalId, voter]);
}

/** The encoded leading key part of a (proposal id, …) pair key. */
export function proposalPrefix(proposalId: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, proposalId);
  return b;
}
