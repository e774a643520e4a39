/**
 * x/market events: one typed event (`hypermesh.market.v1.Event*`, the SDK's TypedEventToEvent
 * form) per message and per EndBlock outcome (fills, rests, closes, auctions, lease closes, SLA
 * breaches). Bank events (coin_spent, coin_received, burn) come from the bank calls themselves.
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
