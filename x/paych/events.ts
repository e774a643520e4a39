/** x/paych events: one typed event (`hypermesh.paych.v1.Event*`) per message and per voucher redeemed. */
import type { JsonCodec } from '../../src/codec/proto_json';
import { typedEventOf } from '../../src/codec/typed_event';
import type { Context } from '../../src/types/context';

interface EventCodec<T> extends JsonCodec<T> {
  fromPartial(o: any): T;
}

export function emitTyped<C extends EventCodec<any>>(ctx: Context, codec: C, fields: Parameters<C['fromPartial']>[0]): void {
  ctx.events.emit(typedEventOf(codec, codec.fromPartial(fields)));
}
