/**
 * Which provider and node serve a redemption.
 *
 * A node can take a lease when it is live (an accepted heartbeat in the current or the previous
 * liveness window) and its free capacity — effective capacity minus what leases hold — covers the
 * lease's rate. A provider can serve when it is active, its redeemable liability (outstanding −
 * reserved) in the denom covers the amount, and one of its nodes can take the lease: the first
 * such node in node id order (or the node the consumer named).
 *
 * When the consumer names no provider, every provider of the denom's redeemable index is a
 * candidate and the winner is the one with the highest reputation score, then the lowest price
 * (its asked price for the denom, else the reference price), then the lowest address bytes.
 */
import { ProviderStatus, type Node, type Provider, type Window } from '../../src/gen/hypermesh/resource/v1/resource';
import { equalBytes, compareBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { resourceErrors } from './errors';
import type { ResourceKeeper } from './keeper';
import { effectiveCapacity } from './nodes';
import { parseNodeId } from './sign_bytes';
import { capacityOf, type ResourceSpec } from './units';

export function isLive(n: Node, w: Window): boolean {
  return n.lastHeartbeatWindow > 0n && n.lastHeartbeatWindow + 1n >= w.number;
}

export function freeCapacity(n: Node, spec: ResourceSpec, requireAudit: boolean): bigint {
  const free = effectiveCapacity(n, requireAudit)[spec.field] - capacityOf(n.allocated)[spec.field];
  return free > 0n ? free : 0n;
}

/** The provider's price for the denom: its own, else the reference price, else 0. */
export function providerPrice(k: ResourceKeeper, ctx: Context, p: Provider, denom: string): Dec {
  const own = p.prices.find((x) => x.denom === denom);
  if (own) return Dec.fromProto(own.price);
  return k.referencePrice(ctx, denom) ?? Dec.ZERO;
}

export interface Choice {
  address: Uint8Array;
  provider: Provider;
  nodeKey: Uint8Array;
  node: Node;
  score: Dec;
  price: Dec;
}

/** Orders candidates: reputation score descending, price ascending, address bytes ascending. */
export function compareCandidates(a: Pick<Choice, 'score' | 'price' | 'address'>, b: Pick<Choice, 'score' | 'price' | 'address'>): number {
  return b.score.cmp(a.score) || a.price.cmp(b.price) || compareBytes(a.address, b.address);
}

/** The first live node (by id) of the provider with `rate` free, or the named node if it qualifies. */
export function chooseNode(k: ResourceKeeper, ctx: Context, provider: Uint8Array, spec: ResourceSpec, rate: bigint, nodeId?: string): { key: Uint8Array; node: Node } | undefined {
  const w = k.window(ctx);
  const requireAudit = k.params(ctx).requireAudit;
  const keys = nodeId ? [parseNodeId(nodeId)] : k.providerNodeKeys(ctx, provider);
  for (const key of keys) {
    const node = k.getNode(ctx, key);
    if (!node || !equalBytes(k.addrs.decode(node.provider), provider)) {
      throw resourceErrors.NodeNotFound(`node ${nodeId} is not a node of ${k.addrs.encode(provider)}`);
    }
    if (isLive(node, w) && freeCapacity(node, spec, requireAudit) >= rate) return { key, node };
  }
  return undefined;
}

function redeemable(k: ResourceKeeper, ctx: Context, provider: Uint8Array, denom: string): bigint {
  const l = k.getLiability(ctx, provider, denom);
  return BigInt(l.outstanding) - BigInt(l.reserved);
}

/** A named provider (and optionally node); the error says what it lacks. */
export function namedChoice(k: ResourceKeeper, ctx: Context, providerAddr: string, spec: ResourceSpec, amount: bigint, rate: bigint, nodeId?: string): Choice {
  const address = k.addrs.decode(providerAddr);
  const p = k.mustProvider(ctx, address);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${providerAddr} is unbonding`);
  const free = redeemable(k, ctx, address, spec.denom);
  if (free < amount) throw resourceErrors.InsufficientLiability(`${providerAddr} has ${free > 0n ? free : 0n}${spec.denom} of unreserved liability; ${amount}${spec.denom} asked`);
  const node = chooseNode(k, ctx, address, spec, rate, nodeId || undefined);
  if (!node) {
    throw resourceErrors.NoCapacity(`${nodeId ? `node ${nodeId}` : `no node of ${providerAddr}`} is live with ${rate} ${spec.field} free for this lease`);
  }
  return { address, provider: p, nodeKey: node.key, node: node.node, score: Dec.fromProto(k.getReputation(ctx, address).score), price: providerPrice(k, ctx, p, spec.denom) };
}

/** The best provider able to serve, or undefined. */
export function bestChoice(k: ResourceKeeper, ctx: Context, spec: ResourceSpec, amount: bigint, rate: bigint): Choice | undefined {
  let best: Choice | undefined;
  const prefix = new TextEncoder().encode(spec.denom + '\0');
  for (const [[, addr]] of k.state.redeemable.iterate(ctx, { prefix })) {
    const address = Uint8Array.from(addr);
    const p = k.getProvider(ctx, address);
    if (!p || p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) continue;
    if (redeemable(k, ctx, address, spec.denom) < amount) continue;
    const score = Dec.fromProto(k.getReputation(ctx, address).score);
    const price = providerPrice(k, ctx, p, spec.denom);
    // a candidate that cannot win needs no node lookup
    if (best && compareCandidates({ score, price, address }, best) > 0) continue;
    const node = chooseNode(k, ctx, address, spec, rate);
    if (!node) continue;
    best = { address, provider: p, nodeKey: node.key, node: node.node, score, price };
  }
  return best;
}
