/**
 * EndBlock (the SDK's x/gov abci.go): proposals whose deposit period ended without the min deposit
 * are deleted (deposits refunded, or burned with burn_proposal_deposit_prevote); proposals whose
 * voting period ended are tallied, their deposits refunded or burned, and a passed proposal's
 * messages executed (execution.ts). Then HyperMesh's grants are paid (grants.ts).
 */
import { ProposalStatus, type Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import { AuditKind } from '../../src/gen/hypermesh/gov/v1/gov';
import { prefixEnd } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { recordAudit } from './audit';
import { deleteAndBurnDeposits, refundAndDeleteDeposits } from './deposit';
import * as events from './events';
import { ProposalResult } from './events';
import { executeProposal } from './execution';
import { payGrants } from './grants';
import type { GovKeeper } from './keeper';
import { ModuleName } from './keys';
import { deleteVotes } from './proposal';
import { computeProposalTally } from './tally_store';
import { timeKey, nsFromDuration, nsFromTimestamp, timestampFromNs } from './time';

/** Queue entries (end time ≤ now), collected before any change. */
function due(ctx: Context, queue: GovKeeper['state']['activeQueue']): bigint[] {
  const end = prefixEnd(timeKey.encode(ctx.block.timeNs));
  return [...queue.iterate(ctx, { end })].map(([, id]) => id);
}

export function endBlock(k: GovKeeper, ctx: Context): void {
  for (const id of due(ctx, k.state.inactiveQueue)) {
    const proposal = k.mustGetProposal(ctx, id);
    k.deleteProposal(ctx, id);
    if (k.params(ctx).burnProposalDepositPrevote) deleteAndBurnDeposits(k, ctx, id);
    else refundAndDeleteDeposits(k, ctx, id);
    ctx.events.emit(events.inactiveProposal(proposal.id, ProposalResult.Dropped));
  }

  for (const id of due(ctx, k.state.activeQueue)) endVoting(k, ctx, k.mustGetProposal(ctx, id));

  payGrants(k, ctx);
}

function endVoting(k: GovKeeper, ctx: Context, proposal: Proposal): void {
  const { outcome, tally } = computeProposalTally(k, ctx, proposal);
  const { passes, burnDeposits } = outcome;
  // votes go with the final tally; an expedited proposal converted to a regular one keeps them
  if (!proposal.expedited || passes) deleteVotes(k, ctx, proposal.id);
  // a failed expedited proposal becomes a regular one and keeps its deposits for the second tally
  if (!proposal.expedited || passes) {
    if (burnDeposits) deleteAndBurnDeposits(k, ctx, proposal.id);
    else refundAndDeleteDeposits(k, ctx, proposal.id);
  }
  k.state.activeQueue.delete(ctx, [nsFromTimestamp(proposal.votingEndTime), proposal.id]);

  let updated: Proposal;
  let result: string;
  let log: string;
  if (passes) {
    const r = executeProposal(k, ctx, proposal);
    if (r.ok) {
      updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_PASSED };
      result = ProposalResult.Passed;
      log = 'passed';
    } else {
      updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_FAILED, failedReason: r.reason };
      result = ProposalResult.Failed;
      log = r.log;
    }
  } else if (proposal.expedited) {
    const endNs = nsFromTimestamp(proposal.votingStartTime) + nsFromDuration(k.params(ctx).votingPeriod);
    updated = { ...proposal, expedited: false, votingEndTime: timestampFromNs(endNs) };
    k.state.activeQueue.set(ctx, [endNs, proposal.id], proposal.id);
    result = ProposalResult.ExpeditedRejected;
    log = 'expedited proposal converted to regular';
  } else {
    updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_REJECTED, failedReason: 'proposal did not get enough votes to pass' };
    result = ProposalResult.Rejected;
    log = 'rejected';
  }
  updated = { ...updated, finalTallyResult: tally };
  k.setProposal(ctx, updated);

  if (updated.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) {
    recordAudit(k, ctx, proposal.id, ModuleName, {
      kind: AuditKind.AUDIT_KIND_PROPOSAL,
      proposal: {
        status: updated.status,
        title: updated.title,
        messages: updated.messages.map((m) => m.typeUrl),
        tally,
        failedReason: updated.failedReason,
      },
    });
  }
  ctx.events.emit(events.activeProposal(proposal.id, result, log));
}
