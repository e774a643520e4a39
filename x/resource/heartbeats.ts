/**
 * Heartbeats: node agents sign {chain id, node id, sequence, a recent height, used capacity}
 * (sign_bytes.ts); anyone submits batches of them in MsgHeartbeat and pays the fee. Each is
 * verified on chain (heartbeat_gas charged per signature first) and must be fresh: its height at
 * most heartbeat_max_age_blocks behind the block and not ahead of it, its sequence above the
 * node's last. A heartbeat claiming more used capacity than the node's attested capacity is
 * refused (and, signed, is evidence for MsgChallenge). An accepted heartbeat marks the node live
 * in the current liveness window (window.ts). One bad heartbeat fails the whole message.
 */
import { EventHeartbeat } from '../../src/gen/hypermesh/resource/v1/events';
import type { MsgHeartbeat } from '../../src/gen/hypermesh/resource/v1/tx';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import type { ResourceKeeper } from './keeper';
import { attestedCapacity, verifyNodeSignature } from './nodes';
import { heartbeatSignBytes, parseNodeId } from './sign_bytes';
import { capacityOf, exceeds } from './units';

export function acceptHeartbeats(k: ResourceKeeper, ctx: Context, m: MsgHeartbeat): void {
  const params = k.params(ctx);
  if (m.heartbeats.length === 0) throw sdk.InvalidRequest('no heartbeats');
  if (m.heartbeats.length > params.maxHeartbeatsPerMsg) {
    throw resourceErrors.TooManyHeartbeats(`${m.heartbeats.length} heartbeats; at most ${params.maxHeartbeatsPerMsg} per message`);
  }
  const height = BigInt(ctx.block.height);
  const window = k.window(ctx).number;
  m.heartbeats.forEach((hb, i) => {
    const at = `heartbeat ${i} (node ${hb.nodeId})`;
    const key = parseNodeId(hb.nodeId);
    const node = k.mustNode(ctx, key, hb.nodeId);
    const used = capacityOf(hb.used);
    const bytes = heartbeatSignBytes(ctx.block.chainId, { nodeId: hb.nodeId, sequence: hb.sequence, height: hb.height, used });
    if (!verifyNodeSignature(k, ctx, key, bytes, hb.signature)) {
      throw resourceErrors.InvalidHeartbeatSignature(`${at}: the signature is not the node key's signature of this heartbeat on ${ctx.block.chainId}`);
    }
    if (hb.height > height || hb.height < height - BigInt(params.heartbeatMaxAgeBlocks) || hb.height <= 0n) {
      throw resourceErrors.StaleHeartbeat(`${at}: height ${hb.height} is outside [${height - BigInt(params.heartbeatMaxAgeBlocks)}, ${height}]`);
    }
    if (hb.sequence <= node.lastSequence) {
      throw resourceErrors.StaleHeartbeat(`${at}: sequence ${hb.sequence} is not above the last accepted ${node.lastSequence}`);
    }
    const limit = attestedCapacity(node);
    const over = exceeds(used, limit);
    if (over) {
      throw resourceErrors.HeartbeatOverCapacity(`${at}: ${over.field} ${used[over.field]} is above the node's ${node.auditedCapacity ? 'audited' : 'declared'} ${limit[over.field]}`);
    }
    k.state.nodes.set(ctx, key, { ...node, lastSequence: hb.sequence, lastHeartbeatHeight: height, lastHeartbeatWindow: window, used });
    emitTyped(ctx, EventHeartbeat, { nodeId: hb.nodeId, sequence: hb.sequence, window });
  });
}
