/**
 * For node agents: the node key (its ed25519 public key is the node id), signed heartbeats and the
 * registration signature a provider puts in MsgRegisterNode. Sign bytes are defined once, in
 * x/resource/sign_bytes.ts (README there, "Heartbeat sign bytes").
 *
 * @example
 *   const key = nodeKeyFromSeed(seed);
 *   const hb = signHeartbeat(key, 'hypermesh-devnet-1', { sequence: 7n, height: 1234n, used: { cpuMillicores: 1500n } });
 *   await client.signAndBroadcast(me, [heartbeatMsg(me, [hb])], 'auto');
 */
import { Heartbeat, type Capacity, type ResourceTransaction } from '../../gen/hypermesh/resource/v1/resource';
import { generatePrivateKey, publicKeyOf, sign } from '../../crypto/sign';
import { heartbeatSignBytes, nodeIdHex, nodeRegistrationSignBytes, transactionId } from '../../../x/resource/sign_bytes';
import { capacityOf } from '../../../x/resource/units';
import { MSG_HEARTBEAT, type MsgHeartbeatEncodeObject } from './messages';

export { heartbeatSignBytes, nodeRegistrationSignBytes, transactionId, parseNodeId, nodeIdHex } from '../../../x/resource/sign_bytes';

export interface NodeKey {
  /** the 32-byte ed25519 seed */
  readonly privateKey: Uint8Array;
  /** 64 lower-case hex digits of the public key */
  readonly nodeId: string;
}

export function nodeKeyFromSeed(seed: Uint8Array): NodeKey {
  return { privateKey: seed, nodeId: nodeIdHex(publicKeyOf('ed25519', seed).key) };
}

export function generateNodeKey(): NodeKey {
  return nodeKeyFromSeed(generatePrivateKey('ed25519'));
}

export interface HeartbeatInput {
  sequence: bigint;
  /** a recent block height (at most heartbeat_max_age_blocks old when the chain sees it) */
  height: bigint;
  used?: Partial<Capacity>;
}

export function signHeartbeat(key: NodeKey, chainId: string, hb: HeartbeatInput): Heartbeat {
  const used = capacityOf(hb.used);
  const signature = sign('ed25519', key.privateKey, heartbeatSignBytes(chainId, { nodeId: key.nodeId, sequence: hb.sequence, height: hb.height, used }));
  return Heartbeat.fromPartial({ nodeId: key.nodeId, sequence: hb.sequence, height: hb.height, used, signature });
}

/** The node_signature of MsgRegisterNode: the node's consent to be registered under `provider`. */
export function signNodeRegistration(key: NodeKey, chainId: string, provider: string): Uint8Array {
  return sign('ed25519', key.privateKey, nodeRegistrationSignBytes(chainId, key.nodeId, provider));
}

export function heartbeatMsg(submitter: string, heartbeats: Heartbeat[]): MsgHeartbeatEncodeObject {
  return { typeUrl: MSG_HEARTBEAT, value: { submitter, heartbeats } };
}

/** The hex content id of a ResourceTransaction (BLAKE3-256 of its protobuf bytes): recompute to check a record. */
export function transactionIdHex(record: ResourceTransaction): string {
  return Buffer.from(transactionId(record)).toString('hex');
}
