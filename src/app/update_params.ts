/**
 * The MsgUpdateParams route every module has: signed by the gov authority, the complete new params
 * checked by the module's validator at submission (so a proposal with a bad value is refused
 * before any vote), stored when the proposal executes.
 */
import type { ProtoCodec } from '../codec/type_registry';
import type { Context } from '../types/context';
import { sdk } from '../types/errors';
import { requireParams } from '../types/params';
import type { MsgRoute } from './module';

export interface UpdateParamsSpec<M extends { authority: string; params?: P }, R, P> {
  type: ProtoCodec<M>;
  response: ProtoCodec<R>;
  /** The gov module account's address. */
  authority: string;
  validate(params: P): void;
  set(ctx: Context, params: P): void;
}

export function updateParamsRoute<M extends { authority: string; params?: P }, R, P>(s: UpdateParamsSpec<M, R, P>): MsgRoute<M, R> {
  return {
    type: s.type,
    response: s.response,
    signers: (m) => [m.authority],
    validate: (m) => s.validate(requireParams(m.params)),
    handle: (ctx, m) => {
      if (m.authority !== s.authority) throw sdk.Unauthorized(`invalid authority; expected ${s.authority}, got ${m.authority}`);
      s.set(ctx, requireParams(m.params));
      return s.response.fromPartial({});
    },
  };
}
