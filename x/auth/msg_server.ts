/** cosmos.auth.v1beta1.Msg: only MsgUpdateParams, signed by the gov authority. */
import { MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/auth/v1beta1/tx';
import type { MsgRoute } from '../../src/app/module';
import { sdk } from '../../src/types/errors';
import type { AuthKeeper } from './keeper';
import { validateParams } from './params';

export function authMsgs(k: AuthKeeper, authority: string): MsgRoute[] {
  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      if (!m.params) throw sdk.InvalidRequest('params are required');
      validateParams(m.params);
    },
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setParams(ctx, m.params!);
      return {};
    },
  };
  return [updateParams];
}
