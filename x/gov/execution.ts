/**
 * Running a passed proposal's messages (EndBlock), as the SDK's abci.go does — all in one branch of
 * the block's state, kept only when every message succeeds — plus what HyperMesh adds around it:
 *
 * - the audit trail: for a `…MsgUpdateParams` of any module, the module's `…Query/Params` (same
 *   proto package) is read through the app's query router before and after the message, and the
 *   `params` field of both answers is recorded as SDK JSON; a MsgCommunityPoolSpend is recorded as a
 *   treasury payment. Records are written only when the whole proposal succeeded.
 * - the escrow check: after the messages, the gov module account must still hold every deposit of
 *   the other proposals (a proposal sending gov's own coins away would otherwise make a later
 *   refund fail and halt the chain); otherwise the proposal fails (hypermesh_gov/7).
 */
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import type { Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import { toSdkJsonStringOf } from '../../src/codec/proto_json';
import { AuditKind, type ParamChange, type TreasuryPayment } from '../../src/gen/hypermesh/gov/v1/gov';
import { coinsToString, isAllGTE } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { recordAudit } from './audit';
import { totalEscrow } from './deposit';
import { hyperGovErrors } from './errors';
import { TREASURY_MODULE } from './grants';
import type { GovKeeper } from './keeper';
import { decodeProposalMsgs } from './proposal';

const UPDATE_PARAMS = '.MsgUpdateParams';

/** The Params query of the package a MsgUpdateParams belongs to ("/x.y.v1.MsgUpdateParams" → "/x.y.v1.Query/Params"). */
export function paramsQueryPath(msgTypeUrl: string): string | undefined {
  return msgTypeUrl.endsWith(UPDATE_PARAMS) ? `${msgTypeUrl.slice(0, -UPDATE_PARAMS.length)}.Query/Params` : undefined;
}

/** The `params` field of a module's Params query answer, as SDK JSON text ("" when there is no such query). */
export function readParamsJson(k: GovKeeper, ctx: Context, path: string): string {
  const route = k.queryRouter.get(path);
  if (!route) return '';
  const res = route.handle(ctx, route.request.decode(new Uint8Array()));
  const json = JSON.parse(toSdkJsonStringOf(route.response as any, res)) as Record<string, unknown>;
  return JSON.stringify('params' in json ? json.params : json);
}

type Pending =
  | { module: string; kind: AuditKind.AUDIT_KIND_PARAM_CHANGE; paramChange: ParamChange }
  | { module: string; kind: AuditKind.AUDIT_KIND_TREASURY_PAYMENT; payment: TreasuryPayment };

export type ExecutionResult = { ok: true } | { ok: false; reason: string; log: string };

export function executeProposal(k: GovKeeper, ctx: Context, proposal: Proposal): ExecutionResult {
  const branch = ctx.branch();
  const pending: Pending[] = [];
  let current = { index: 0, typeUrl: '' };
  k.executingProposal = proposal.id;
  try {
    for (const m of decodeProposalMsgs(k, proposal.messages)) {
      current = { index: m.index, typeUrl: m.typeUrl };
      const path = paramsQueryPath(m.typeUrl);
      const before = path ? readParamsJson(k, branch.ctx, path) : '';
      m.route.handle(branch.ctx, m.value);
      if (path) {
        pending.push({
          module: m.module,
          kind: AuditKind.AUDIT_KIND_PARAM_CHANGE,
          paramChange: { msgTypeUrl: m.typeUrl, queryPath: k.queryRouter.get(path) ? path : '', oldValue: before, newValue: readParamsJson(k, branch.ctx, path) },
        });
      } else if (m.typeUrl === MsgCommunityPoolSpend.typeUrl) {
        const spend = m.value as MsgCommunityPoolSpend;
        pending.push({
          module: TREASURY_MODULE,
          kind: AuditKind.AUDIT_KIND_TREASURY_PAYMENT,
          payment: { recipient: spend.recipient, requested: spend.amount, paid: spend.amount, grantId: 0n },
        });
      }
    }
    current = { index: -1, typeUrl: '' };
    const held = k.deps.bank.getAllBalances(branch.ctx, k.moduleAddress());
    const escrow = totalEscrow(k, branch.ctx);
    if (!isAllGTE(held, escrow)) {
      throw hyperGovErrors.EscrowSpent(`the gov module account would hold ${coinsToString(held) || 'nothing'}, less than the ${coinsToString(escrow)} deposited on other proposals`);
    }
  } catch (e) {
    const reason = (e as Error).message;
    const log = current.index >= 0 ? `passed, but msg ${current.index} (${current.typeUrl}) failed on execution: ${reason}` : `passed, but failed on execution: ${reason}`;
    return { ok: false, reason, log };
  } finally {
    k.executingProposal = 0n;
  }
  branch.write();
  for (const p of pending) {
    if (p.kind === AuditKind.AUDIT_KIND_PARAM_CHANGE) recordAudit(k, ctx, proposal.id, p.module, { kind: p.kind, paramChange: p.paramChange });
    else recordAudit(k, ctx, proposal.id, p.module, { kind: p.kind, payment: p.payment });
  }
  return { ok: true };
}
