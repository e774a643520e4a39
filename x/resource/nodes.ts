/**
 * Nodes: registration under a provider (node id = the node agent's ed25519 public key, proven by
 * the node's signature of its NodeRegistrationSignDoc), auditor attestations, and the capacity
 * each operation may count on.
 */
import { EventAttributesSigned, EventNodeRegistered } from '../../src/gen/hypermesh/resource/v1/events';
import { AuditRecord, Node, ProviderStatus, type Capacity } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgRegisterNode, MsgSignAttributes } from '../../src/gen/hypermesh/resource/v1/tx';
import { verifySignature } from '../../src/crypto/verify';
import type { Context } from '../../src/types/context';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import { tsOf, type ResourceKeeper } from './keeper';
import { nodeRegistrationSignBytes, parseNodeId } from './sign_bytes';
import { capacityMin, capacityOf, isZeroCapacity, MAX_UINT64, RESOURCES, ZERO_CAPACITY } from './units';
import { requireCapacity, sortedAttributes, validateAttributes, validateLabel } from './validation';

/** What a node can be held to: its declared capacity, capped by its audited capacity once audited. */
export function attestedCapacity(n: Node): Capacity {
  const declared = capacityOf(n.capacity);
  return n.auditedCapacity ? capacityMin(declared, capacityOf(n.auditedCapacity)) : declared;
}

/** The capacity that backs minting and leases: attested, or none while unaudited under require_audit. */
export function effectiveCapacity(n: Node, requireAudit: boolean): Capacity {
  if (requireAudit && !n.auditedCapacity) return ZERO_CAPACITY;
  return attestedCapacity(n);
}

/** Charges gas for and verifies one ed25519 signature by a node key. */
export function verifyNodeSignature(k: ResourceKeeper, ctx: Context, key: Uint8Array, signBytes: Uint8Array, signature: Uint8Array): boolean {
  ctx.gasMeter.consume(k.params(ctx).heartbeatGas, 'resource: node signature');
  return signature.length === 64 && verifySignature({ algo: 'ed25519', key }, signBytes, signature, k.verifier);
}

export function registerNode(k: ResourceKeeper, ctx: Context, m: MsgRegisterNode): void {
  const provider = k.addrs.decode(m.provider);
  const p = k.mustProvider(ctx, provider);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${m.provider} is unbonding`);
  const key = parseNodeId(m.nodeId);
  const existing = k.getNode(ctx, key);
  if (existing) throw resourceErrors.NodeExists(`node ${m.nodeId} is already registered by ${existing.provider}`);
  validateLabel('cluster id', m.clusterId);
  validateLabel('region', m.region);
  validateAttributes(m.attributes);
  const capacity = capacityOf(requireCapacity(m.capacity, 'capacity'));
  if (isZeroCapacity(capacity)) throw resourceErrors.InvalidCapacity('a node must offer some capacity');

  // the provider's total capacity per resource must fit in a uint64
  const total = capacityOf({});
  for (const other of k.providerNodeKeys(ctx, provider)) {
    const n = k.getNode(ctx, other)!;
    for (const r of RESOURCES) total[r.field] += capacityOf(n.capacity)[r.field];
  }
  for (const r of RESOURCES) {
    if (total[r.field] + capacity[r.field] > MAX_UINT64) {
      throw resourceErrors.CapacityOverflow(
        `${r.field} of ${m.provider} would be ${total[r.field] + capacity[r.field]}, more than the uint64 maximum ${MAX_UINT64}`,
      );
    }
  }

  if (!verifyNodeSignature(k, ctx, key, nodeRegistrationSignBytes(ctx.block.chainId, m.nodeId, m.provider), m.nodeSignature)) {
    throw resourceErrors.InvalidNodeSignature(`node_signature is not node ${m.nodeId}'s signature of its registration under ${m.provider} on ${ctx.block.chainId}`);
  }

  k.state.nodes.set(
    ctx,
    key,
    Node.fromPartial({
      nodeId: m.nodeId,
      provider: m.provider,
      clusterId: m.clusterId,
      region: m.region,
      capacity,
      attributes: sortedAttributes(m.attributes),
      allocated: ZERO_CAPACITY,
      used: ZERO_CAPACITY,
      registeredWindow: k.window(ctx).number,
      registeredAt: tsOf(ctx.unixSeconds),
    }),
  );
  k.state.nodesByProvider.set(ctx, [provider, key], undefined);
  k.setProvider(ctx, { ...p, nodeCount: p.nodeCount + 1n });
  emitTyped(ctx, EventNodeRegistered, { provider: m.provider, nodeId: m.nodeId, capacity });
}

export function signAttributes(k: ResourceKeeper, ctx: Context, m: MsgSignAttributes): void {
  if (!k.params(ctx).auditors.includes(m.auditor)) throw resourceErrors.NotAuditor(`${m.auditor} is not in the auditor set`);
  const key = parseNodeId(m.nodeId);
  const node = k.mustNode(ctx, key, m.nodeId);
  validateAttributes(m.attributes);
  const capacity = capacityOf(requireCapacity(m.capacity, 'capacity'));
  const attributes = sortedAttributes(m.attributes);
  k.state.audits.set(
    ctx,
    [key, k.addrs.decode(m.auditor)],
    AuditRecord.fromPartial({ nodeId: m.nodeId, auditor: m.auditor, attributes, capacity, auditedAt: tsOf(ctx.unixSeconds), height: BigInt(ctx.block.height) }),
  );
  // an audit below what leases already hold is recorded as it is; new leases and mints see the lower figure
  k.state.nodes.set(ctx, key, { ...node, auditedCapacity: capacity, auditedAttributes: attributes, auditor: m.auditor });
  emitTyped(ctx, EventAttributesSigned, { auditor: m.auditor, nodeId: m.nodeId, provider: node.provider, capacity });
}
