/**
 * Liquid vote delegation (hypermesh.gov.v1): an account names one delegate that votes for it on
 * every proposal it does not vote on itself. Revocable at any time; the delegation in force when a
 * proposal is tallied is the one that counts. One level deep (tally.ts, README).
 */
import { EventVoteDelegated, EventVoteUndelegated } from '../../src/gen/hypermesh/gov/v1/events';
import type { VoteDelegation } from '../../src/gen/hypermesh/gov/v1/gov';
import { CMap } from '../../src/store/collections';
import { equalBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { hyperGovErrors } from './errors';
import { emitTyped } from './events';
import type { GovKeeper } from './keeper';
import { lpBytes } from './keys';

export function getVoteDelegation(k: GovKeeper, ctx: Context, delegator: Uint8Array): VoteDelegation | undefined {
  return k.state.voteDelegations.get(ctx, delegator);
}

/** Sets (or replaces) the delegator's delegate. */
export function delegateVote(k: GovKeeper, ctx: Context, delegator: Uint8Array, delegate: Uint8Array): void {
  if (equalBytes(delegator, delegate)) throw hyperGovErrors.SelfVoteDelegation();
  const previous = k.state.voteDelegations.get(ctx, delegator);
  if (previous) k.state.voteDelegators.delete(ctx, [k.addrs.decode(previous.delegate), delegator]);
  const d: VoteDelegation = { delegator: k.addrs.encode(delegator), delegate: k.addrs.encode(delegate), height: BigInt(ctx.block.height) };
  k.state.voteDelegations.set(ctx, delegator, d);
  k.state.voteDelegators.set(ctx, [delegate, delegator], undefined);
  emitTyped(ctx, EventVoteDelegated, { delegator: d.delegator, delegate: d.delegate, previous: previous?.delegate ?? '' });
}

/** Removes the delegator's delegation (hypermesh_gov/3 when there is none). */
export function undelegateVote(k: GovKeeper, ctx: Context, delegator: Uint8Array): void {
  const d = k.state.voteDelegations.get(ctx, delegator);
  if (!d) throw hyperGovErrors.NoVoteDelegation(`${k.addrs.encode(delegator)} has not delegated its vote`);
  k.state.voteDelegations.delete(ctx, delegator);
  k.state.voteDelegators.delete(ctx, [k.addrs.decode(d.delegate), delegator]);
  emitTyped(ctx, EventVoteUndelegated, { delegator: d.delegator, delegate: d.delegate });
}

/** The accounts (bech32) whose delegate is `delegate`, in address byte order. */
export function voteDelegatorsOf(k: GovKeeper, ctx: Context, delegate: Uint8Array): string[] {
  return [...k.state.voteDelegators.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, delegate) })].map(([[, delegator]]) => k.addrs.encode(delegator));
}
