/**
 * The audit trail (hypermesh.gov.v1): an append-only list of what governance did — the outcome of
 * every tallied proposal, every param change it executed (the module's params before and after, as
 * SDK JSON), every payment out of the community pool. Records are never changed or deleted; each is
 * also emitted as a typed event.
 */
import {
  EventParamChanged,
  EventProposalOutcome,
  EventTreasuryPayment,
} from '../../src/gen/hypermesh/gov/v1/events';
import { AuditKind, type AuditRecord, type ParamChange, type ProposalOutcome, type TreasuryPayment } from '../../src/gen/hypermesh/gov/v1/gov';
import type { Context } from '../../src/types/context';
import { emitTyped } from './events';
import type { GovKeeper } from './keeper';
import { timestampFromNs } from './time';

type Body =
  | { kind: AuditKind.AUDIT_KIND_PROPOSAL; proposal: ProposalOutcome }
  | { kind: AuditKind.AUDIT_KIND_PARAM_CHANGE; paramChange: ParamChange }
  | { kind: AuditKind.AUDIT_KIND_TREASURY_PAYMENT; payment: TreasuryPayment };

/** Appends a record (ids from 1, in order), indexes it by height and by module, emits its event. */
export function recordAudit(k: GovKeeper, ctx: Context, proposalId: bigint, module: string, body: Body): AuditRecord {
  const id = k.state.auditId.next(ctx);
  const height = BigInt(ctx.block.height);
  const record: AuditRecord = {
    id,
    height,
    time: timestampFromNs(ctx.block.timeNs),
    proposalId,
    module,
    kind: body.kind,
    proposal: body.kind === AuditKind.AUDIT_KIND_PROPOSAL ? body.proposal : undefined,
    paramChange: body.kind === AuditKind.AUDIT_KIND_PARAM_CHANGE ? body.paramChange : undefined,
    payment: body.kind === AuditKind.AUDIT_KIND_TREASURY_PAYMENT ? body.payment : undefined,
  };
  storeAudit(k, ctx, record);
  switch (body.kind) {
    case AuditKind.AUDIT_KIND_PROPOSAL:
      emitTyped(ctx, EventProposalOutcome, { auditId: id, proposalId, outcome: body.proposal });
      break;
    case AuditKind.AUDIT_KIND_PARAM_CHANGE:
      emitTyped(ctx, EventParamChanged, { auditId: id, proposalId, module, change: body.paramChange });
      break;
    case AuditKind.AUDIT_KIND_TREASURY_PAYMENT:
      emitTyped(ctx, EventTreasuryPayment, { auditId: id, proposalId, payment: body.payment });
      break;
  }
  return record;
}

/** Writes a record and its indexes (genesis import uses it too). */
export function storeAudit(k: GovKeeper, ctx: Context, record: AuditRecord): void {
  const height = BigInt.asUintN(64, record.height);
  k.state.audit.set(ctx, record.id, record);
  k.state.auditByHeight.set(ctx, [height, record.id], undefined);
  k.state.auditByModule.set(ctx, [record.module, height, record.id], undefined);
}
