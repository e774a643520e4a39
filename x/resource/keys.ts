/**
 * x/resource state: every collection of the `resource` store, declared once (README, "State").
 * Addresses are stored as their bytes (length-prefixed in composite keys), node ids as their
 * 32 key bytes, times as 8-byte big-endian Unix seconds, so index order is time order.
 */
import {
  AuditRecord,
  Lease,
  Liability,
  Node,
  Provider,
  Reputation,
  ResourceTransaction,
  Window,
} from '../../src/gen/hypermesh/resource/v1/resource';
import { Params } from '../../src/gen/hypermesh/resource/v1/params';
import { keys, Schema, values } from '../../src/store/collections';

export const ModuleName = 'resource';
export const StoreKey = 'resource';

export const ResourcePrefix = {
  params: 0x01,
  window: 0x02,
  providers: 0x10,
  liabilities: 0x11,
  redeemable: 0x12,
  unbondingQueue: 0x13,
  reputations: 0x14,
  nodes: 0x20,
  nodesByProvider: 0x21,
  audits: 0x22,
  leases: 0x30,
  leasesByConsumer: 0x31,
  leasesByProvider: 0x32,
  leasesByNode: 0x33,
  activeLeases: 0x34,
  nextLeaseId: 0x35,
  transactions: 0x40,
  txByNode: 0x41,
  txByProvider: 0x42,
  txByConsumer: 0x43,
  txByTime: 0x44,
} as const;

const P = ResourcePrefix;
const addr = keys.bytes; // length-prefixed when not last
const nodeKey = keys.bytes; // 32 bytes
const time = keys.uint64; // Unix seconds

export function resourceState() {
  const s = new Schema(StoreKey);
  return {
    params: s.item(P.params, 'params', values.proto(Params)),
    /** the liveness window open now */
    window: s.item(P.window, 'window', values.proto(Window)),

    /** provider address → Provider */
    providers: s.map(P.providers, 'providers', addr, values.proto(Provider)),
    /** (provider, denom) → Liability */
    liabilities: s.map(P.liabilities, 'liabilities', keys.pair(addr, keys.string), values.proto(Liability)),
    /** (denom, provider) → — : providers whose outstanding − reserved > 0 (redemption candidates) */
    redeemable: s.map(P.redeemable, 'redeemable', keys.pair(keys.string, addr), values.none),
    /** (completion second, provider) → — : unbonding providers by completion time */
    unbondingQueue: s.map(P.unbondingQueue, 'unbonding_queue', keys.pair(time, addr), values.none),
    /** provider address → Reputation */
    reputations: s.map(P.reputations, 'reputations', addr, values.proto(Reputation)),

    /** node key → Node */
    nodes: s.map(P.nodes, 'nodes', nodeKey, values.proto(Node)),
    /** (provider, node key) → — */
    nodesByProvider: s.map(P.nodesByProvider, 'nodes_by_provider', keys.pair(addr, nodeKey), values.none),
    /** (node key, auditor) → AuditRecord */
    audits: s.map(P.audits, 'audits', keys.pair(nodeKey, addr), values.proto(AuditRecord)),

    /** lease id → Lease */
    leases: s.map(P.leases, 'leases', keys.uint64, values.proto(Lease)),
    leasesByConsumer: s.map(P.leasesByConsumer, 'leases_by_consumer', keys.pair(addr, keys.uint64), values.none),
    leasesByProvider: s.map(P.leasesByProvider, 'leases_by_provider', keys.pair(addr, keys.uint64), values.none),
    leasesByNode: s.map(P.leasesByNode, 'leases_by_node', keys.pair(nodeKey, keys.uint64), values.none),
    /** lease id → — : active leases, settled at each window close */
    activeLeases: s.map(P.activeLeases, 'active_leases', keys.uint64, values.none),
    /** the next lease id (from 1) */
    nextLeaseId: s.sequence(P.nextLeaseId, 'next_lease_id'),

    /** BLAKE3 id → ResourceTransaction (never changed or deleted) */
    transactions: s.map(P.transactions, 'transactions', keys.bytes, values.proto(ResourceTransaction)),
    txByNode: s.map(P.txByNode, 'tx_by_node', keys.triple(nodeKey, time, keys.bytes), values.none),
    txByProvider: s.map(P.txByProvider, 'tx_by_provider', keys.triple(addr, time, keys.bytes), values.none),
    txByConsumer: s.map(P.txByConsumer, 'tx_by_consumer', keys.triple(addr, time, keys.bytes), values.none),
    txByTime: s.map(P.txByTime, 'tx_by_time', keys.pair(time, keys.bytes), values.none),
  };
}
export type ResourceState = ReturnType<typeof resourceState>;
