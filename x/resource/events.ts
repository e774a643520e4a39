/**
 * x/resource events: one typed event (`hypermesh.resource.v1.Event*`, the SDK's TypedEventToEvent
 * form) per message, plus lease settlement and closing. Bank events (coin_spent, burn, ...) come
 * from the bank calls themselves.
 */
import type { JsonCodec } from '../../src/codec/proto_json';
import { typedEventOf } from '../../src/codec/typed_event';
import type { Context } from '../../src/types/context';

interface EventCodec<T> extends JsonCodec<T> {
  fromPartial(o: any): T;
}

/** Emits `fromPartial(fields)` of an event codec as its typed ABCI event. */
export function emitTyped<C extends EventCodec<any>>(ctx: Context, codec: C, fields: Parameters<C['fromPartial']>[0]): void {
  ctx.events.emit(typedEventOf(codec, codec.fromPartial(fields)));
}

/** "2026-01-02T03:04:05Z" for whole Unix seconds. */
export function rfc3339(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
