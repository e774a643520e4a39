/**
 * Resource fraud, proven on chain by MsgChallenge (anyone may challenge):
 *   - FAILED_LEASE: the lease exists, its status is FAILED (its node missed max_missed_windows
 *     periods in a row — the redemption went unserved past its deadline) and it was not proven
 *     before. The harmed party is the lease's consumer.
 *   - OVERCLAIMED_CAPACITY: a heartbeat whose signature verifies under the node key for this chain
 *     and whose used capacity exceeds the node's attested capacity (audited, else declared), with a
 *     sequence above the last heartbeat proven against the node. No consumer is harmed directly.
 * A proven fraud takes fraud_slash_fraction of the provider's bond (floor) out of the module
 * account and pays it to the harmed consumer, else to the community pool — never burned; slashes
 * the linked validator through x/slashing's resource-fraud entry point; and resets the provider's
 * good reputation counters. Unbonding providers are still slashable.
 */
import { EventFraudProven } from '../../src/gen/hypermesh/resource/v1/events';
import { ChallengeKind, LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgChallenge } from '../../src/gen/hypermesh/resource/v1/tx';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import { secondsOf, type ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { attestedCapacity, verifyNodeSignature } from './nodes';
import { afterFraud } from './reputation';
import { heartbeatSignBytes, parseNodeId } from './sign_bytes';
import { BOND_DENOM } from './providers';
import { capacityOf, exceeds } from './units';

export function challenge(k: ResourceKeeper, ctx: Context, m: MsgChallenge): { slashed: bigint; recipient: string } {
  switch (m.kind) {
    case ChallengeKind.CHALLENGE_KIND_FAILED_LEASE: {
      const lease = k.state.leases.get(ctx, m.leaseId);
      if (!lease) throw resourceErrors.LeaseNotFound(`no lease ${m.leaseId}`);
      if (lease.challenged) throw resourceErrors.AlreadyChallenged(`lease ${m.leaseId} was already proven against ${lease.provider}`);
      if (lease.status !== LeaseStatus.LEASE_STATUS_FAILED) {
        throw resourceErrors.InvalidChallenge(`lease ${m.leaseId} did not fail (status ${LeaseStatus[lease.status]})`);
      }
      k.state.leases.set(ctx, lease.id, { ...lease, challenged: true });
      return slashProvider(k, ctx, m, lease.provider, { consumer: lease.consumer, leaseId: lease.id });
    }
    case ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY: {
      const hb = m.heartbeat;
      if (!hb) throw resourceErrors.InvalidChallenge('an overclaimed-capacity challenge needs the signed heartbeat');
      const key = parseNodeId(hb.nodeId);
      const node = k.mustNode(ctx, key, hb.nodeId);
      const used = capacityOf(hb.used);
      const bytes = heartbeatSignBytes(ctx.block.chainId, { nodeId: hb.nodeId, sequence: hb.sequence, height: hb.height, used });
      if (!verifyNodeSignature(k, ctx, key, bytes, hb.signature)) {
        throw resourceErrors.InvalidHeartbeatSignature(`the evidence is not node ${hb.nodeId}'s signature of this heartbeat on ${ctx.block.chainId}`);
      }
      const limit = attestedCapacity(node);
      const over = exceeds(used, limit);
      if (!over) throw resourceErrors.InvalidChallenge(`the heartbeat claims no more than node ${hb.nodeId}'s attested capacity`);
      if (hb.sequence <= node.fraudSequence) {
        throw resourceErrors.AlreadyChallenged(`fraud was already proven against node ${hb.nodeId} up to sequence ${node.fraudSequence}`);
      }
      k.state.nodes.set(ctx, key, { ...node, fraudSequence: hb.sequence });
      return slashProvider(k, ctx, m, node.provider, { nodeId: hb.nodeId });
    }
    default:
      throw resourceErrors.InvalidChallenge(`unknown challenge kind ${m.kind}`);
  }
}

function slashProvider(
  k: ResourceKeeper,
  ctx: Context,
  m: MsgChallenge,
  providerAddr: string,
  harm: { consumer?: string; leaseId?: bigint; nodeId?: string },
): { slashed: bigint; recipient: string } {
  const address = k.addrs.decode(providerAddr);
  const p = k.getProvider(ctx, address);
  if (!p) throw resourceErrors.InvalidChallenge(`${providerAddr} is no longer a provider (its bond was returned)`);
  const params = k.params(ctx);
  const bond = BigInt(p.bond);
  const slashed = Dec.fromProto(params.fraudSlashFraction).mulInt(bond).truncateInt();
  const recipient = harm.consumer ?? k.deps.communityPool.poolAddress;
  if (slashed > 0n) {
    const coins = [{ denom: BOND_DENOM, amount: slashed }];
    if (harm.consumer) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(harm.consumer), coins);
    else k.deps.communityPool.fundCommunityPool(ctx, coins, k.moduleAddress);
  }
  const remaining = bond - slashed;
  k.setProvider(ctx, { ...p, bond: remaining.toString() });
  const validatorSlashed = p.validator !== '' ? k.deps.fraudSlasher.slashForResourceFraud(ctx, p.validator) : 0n;
  const rep = afterFraud(k.getReputation(ctx, address), params, ctx.unixSeconds - secondsOf(p.registeredAt), remaining);
  k.state.reputations.set(ctx, address, rep);
  emitTyped(ctx, EventFraudProven, {
    challenger: m.challenger,
    provider: providerAddr,
    kind: m.kind,
    leaseId: harm.leaseId ?? 0n,
    nodeId: harm.nodeId ?? '',
    slashed: slashed.toString(),
    recipient,
    validatorSlashed: validatorSlashed.toString(),
  });
  return { slashed, recipient };
}
