/**
 * ResourceTransactions: the immutable audit trail. Each settled (served) lease period writes one
 * record under its content id, BLAKE3-256 of the record's protobuf bytes (sign_bytes.ts), with
 * secondary indexes by node, provider, consumer and time; a record is never changed or deleted.
 */
import { ResourceTransaction } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import type { ResourceKeeper } from './keeper';
import { parseNodeId, transactionId } from './sign_bytes';

/** Stores a record and its indexes; returns its id. Throws on a second record with the same id. */
export function writeTransaction(k: ResourceKeeper, ctx: Context, record: ResourceTransaction): Uint8Array {
  const normalized = ResourceTransaction.fromPartial(record);
  const id = transactionId(normalized);
  if (k.state.transactions.has(ctx, id)) throw sdk.Logic(`resource transaction ${Buffer.from(id).toString('hex')} already exists`);
  const time = normalized.timestamp!.seconds;
  k.state.transactions.set(ctx, id, normalized);
  k.state.txByNode.set(ctx, [parseNodeId(normalized.nodeId), time, id], undefined);
  k.state.txByProvider.set(ctx, [k.addrs.decode(normalized.provider), time, id], undefined);
  k.state.txByConsumer.set(ctx, [k.addrs.decode(normalized.consumer), time, id], undefined);
  k.state.txByTime.set(ctx, [time, id], undefined);
  return id;
}
