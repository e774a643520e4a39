/** cosmos.mint.v1beta1.Msg: MsgUpdateParams (gov only). */
import { requireParams } from '../../src/types/params';
import { MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/tx';
import type { MsgRoute } from '../../src/app/module';
import { sdk } from '../../src/types/errors';
import type { MintKeeper } from './keeper';
import { validateParams } from './params';

export function mintMsgs(k: MintKeeper, authority: string): MsgRoute[] {
  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => validateParams(requireParams(m.params)),
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setParams(ctx, m.params);
      return {};
    },
  };
  return [updateParams];
}
