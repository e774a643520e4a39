/**
 * What node keys sign, and content ids. Node ids are the node agent's 32-byte ed25519 public key,
 * written as 64 lower-case hex digits. Each sign-bytes string starts with the full name of its
 * SignDoc type and a 0x00 byte (domain separation: a heartbeat can never be read as a registration,
 * nor as a tx SignDoc, whose protobuf starts with 0x0a), then the SignDoc's protobuf encoding
 * (ts-proto: fields in number order, default values omitted — what gogoproto writes).
 *
 * Shared by the chain (verification) and src/sdk/resource (node agents sign with it).
 */
import { HeartbeatSignDoc, NodeRegistrationSignDoc, ResourceTransaction, type Capacity } from '../../src/gen/hypermesh/resource/v1/resource';
import { blake3 } from '../../src/crypto/hash';
import { concatBytes } from '../../src/store/bytes';
import { resourceErrors } from './errors';
import { capacityOf } from './units';

const utf8 = new TextEncoder();
export const HEARTBEAT_DOMAIN = 'hypermesh.resource.v1.HeartbeatSignDoc';
export const NODE_REGISTRATION_DOMAIN = 'hypermesh.resource.v1.NodeRegistrationSignDoc';

const NODE_ID_RE = /^[0-9a-f]{64}$/;

/** The 32 key bytes of a node id; resource/10 unless it is 64 lower-case hex digits. */
export function parseNodeId(nodeId: string): Uint8Array {
  if (typeof nodeId !== 'string' || !NODE_ID_RE.test(nodeId)) {
    throw resourceErrors.InvalidNodeId(`node id must be 64 lower-case hex digits (an ed25519 public key), got ${JSON.stringify(nodeId)}`);
  }
  return new Uint8Array(Buffer.from(nodeId, 'hex'));
}

export function nodeIdHex(key: Uint8Array): string {
  return Buffer.from(key).toString('hex');
}

function domain(name: string, doc: Uint8Array): Uint8Array {
  return concatBytes(utf8.encode(name), Uint8Array.of(0), doc);
}

export interface HeartbeatFields {
  nodeId: string;
  sequence: bigint;
  height: bigint;
  used: Partial<Capacity> | undefined;
}

/** "hypermesh.resource.v1.HeartbeatSignDoc" ‖ 0x00 ‖ HeartbeatSignDoc{chain_id, node_id, sequence, height, used}. */
export function heartbeatSignBytes(chainId: string, hb: HeartbeatFields): Uint8Array {
  const doc = HeartbeatSignDoc.fromPartial({ chainId, nodeId: hb.nodeId, sequence: hb.sequence, height: hb.height, used: capacityOf(hb.used) });
  return domain(HEARTBEAT_DOMAIN, HeartbeatSignDoc.encode(doc).finish());
}

/** "hypermesh.resource.v1.NodeRegistrationSignDoc" ‖ 0x00 ‖ NodeRegistrationSignDoc{chain_id, node_id, provider}. */
export function nodeRegistrationSignBytes(chainId: string, nodeId: string, provider: string): Uint8Array {
  const doc = NodeRegistrationSignDoc.fromPartial({ chainId, nodeId, provider });
  return domain(NODE_REGISTRATION_DOMAIN, NodeRegistrationSignDoc.encode(doc).finish());
}

/**
 * The content id of a ResourceTransaction: BLAKE3-256 of its protobuf encoding. Records are
 * written with every field set (amount and price never empty, timestamp always present), so the
 * bytes are the same whichever encoder (gogoproto, ts-proto, cosmjs-types) writes them.
 */
export function transactionId(record: ResourceTransaction): Uint8Array {
  return blake3(ResourceTransaction.encode(record).finish());
}
