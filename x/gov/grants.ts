/**
 * Treasury grants (hypermesh.gov.v1): a proposal's MsgCreateGrant streams amount_per_block from the
 * community pool to a recipient in the EndBlock of every block from its start to its end height,
 * until MsgCancelGrant. Each block's payment goes through x/distribution's MsgCommunityPoolSpend
 * (executed by the gov authority, as a one-off spend is), so the pool's accounting stays in one place.
 * When the pool holds less than the block's amount of a denom, what is there (whole coins) is paid
 * and the difference is recorded as the block's shortfall: it is not owed later.
 */
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { EventGrantClosed, EventGrantCreated } from '../../src/gen/hypermesh/gov/v1/events';
import { AuditKind, GrantStatus, type Grant } from '../../src/gen/hypermesh/gov/v1/gov';
import { addCoins, coinsFromProto, coinsToProto, type Coin, type Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { recordAudit } from './audit';
import { hyperGovErrors } from './errors';
import { emitTyped } from './events';
import type { GovKeeper } from './keeper';

export const TREASURY_MODULE = 'distribution';

export interface NewGrant {
  recipient: string;
  amountPerBlock: Coins;
  startHeight: bigint;
  endHeight: bigint;
  description: string;
}

/** MsgCreateGrant: first payment at max(start_height, next block). */
export function createGrant(k: GovKeeper, ctx: Context, g: NewGrant): Grant {
  if (k.deps.bank.isBlocked(g.recipient)) throw sdk.Unauthorized(`${g.recipient} is not allowed to receive external funds`);
  const next = BigInt(ctx.block.height) + 1n;
  const start = g.startHeight > next ? g.startHeight : next;
  if (start > g.endHeight) throw hyperGovErrors.InvalidGrant(`end height ${g.endHeight} is before the first block it could pay (${start})`);
  const grant: Grant = {
    id: k.state.grantId.next(ctx),
    proposalId: k.executingProposal,
    recipient: g.recipient,
    amountPerBlock: coinsToProto(g.amountPerBlock),
    startHeight: start,
    endHeight: g.endHeight,
    status: GrantStatus.GRANT_STATUS_ACTIVE,
    paid: [],
    shortfall: [],
    lastPaidHeight: 0n,
    createdHeight: BigInt(ctx.block.height),
    closedHeight: 0n,
    description: g.description,
  };
  k.state.grants.set(ctx, grant.id, grant);
  k.state.activeGrants.set(ctx, grant.id, undefined);
  emitTyped(ctx, EventGrantCreated, { grant });
  return grant;
}

/** MsgCancelGrant: an active grant stops; nothing paid is taken back. */
export function cancelGrant(k: GovKeeper, ctx: Context, id: bigint): void {
  const g = k.state.grants.get(ctx, id);
  if (!g) throw hyperGovErrors.UnknownGrant(`grant ${id} doesn't exist`);
  if (g.status !== GrantStatus.GRANT_STATUS_ACTIVE) throw hyperGovErrors.GrantNotActive(`grant ${id} is ${GrantStatus[g.status]}`);
  close(k, ctx, g, GrantStatus.GRANT_STATUS_CANCELLED);
}

function close(k: GovKeeper, ctx: Context, g: Grant, status: GrantStatus): void {
  const closed: Grant = { ...g, status, closedHeight: BigInt(ctx.block.height) };
  k.state.grants.set(ctx, g.id, closed);
  k.state.activeGrants.delete(ctx, g.id);
  emitTyped(ctx, EventGrantClosed, { grantId: g.id, status, paid: closed.paid });
}

/** EndBlock: pays every active grant due at this height, in id order. */
export function payGrants(k: GovKeeper, ctx: Context): void {
  const height = BigInt(ctx.block.height);
  const ids = [...k.state.activeGrants.iterate(ctx)].map(([id]) => id);
  for (const id of ids) {
    const g = k.state.grants.get(ctx, id)!;
    if (height < g.startHeight) continue;
    if (height > g.endHeight) {
      close(k, ctx, g, GrantStatus.GRANT_STATUS_COMPLETED); // only after a halt skipped blocks: nothing owed
      continue;
    }
    const due = coinsFromProto(g.amountPerBlock);
    const pool = k.deps.distribution.communityPool(ctx);
    const payable: Coin[] = [];
    const short: Coin[] = [];
    for (const c of due) {
      const have = pool.find((p) => p.denom === c.denom)?.amount.truncateInt() ?? 0n;
      const pay = have < c.amount ? have : c.amount;
      if (pay > 0n) payable.push({ denom: c.denom, amount: pay });
      if (c.amount - pay > 0n) short.push({ denom: c.denom, amount: c.amount - pay });
    }
    const paid = payable.length > 0 && spend(k, ctx, g.recipient, payable) ? payable : [];
    const shortfall = paid.length > 0 ? short : due;
    const updated: Grant = {
      ...g,
      paid: coinsToProto(addCoins(coinsFromProto(g.paid), paid)),
      shortfall: coinsToProto(addCoins(coinsFromProto(g.shortfall), shortfall)),
      lastPaidHeight: height,
    };
    k.state.grants.set(ctx, id, updated);
    recordAudit(k, ctx, g.proposalId, TREASURY_MODULE, {
      kind: AuditKind.AUDIT_KIND_TREASURY_PAYMENT,
      payment: { recipient: g.recipient, requested: g.amountPerBlock, paid: coinsToProto(paid), grantId: id },
    });
    if (height === g.endHeight) close(k, ctx, updated, GrantStatus.GRANT_STATUS_COMPLETED);
  }
}

/** Pays from the community pool through x/distribution's MsgCommunityPoolSpend; false when it refuses. */
function spend(k: GovKeeper, ctx: Context, recipient: string, amount: Coins): boolean {
  const { route } = k.msgRouter.route(MsgCommunityPoolSpend.typeUrl);
  const msg = MsgCommunityPoolSpend.fromPartial({ authority: k.authority, recipient, amount: coinsToProto(amount) });
  const branch = ctx.branch();
  try {
    route.validate?.(msg);
    route.handle(branch.ctx, msg);
  } catch {
    return false;
  }
  branch.write();
  return true;
}
