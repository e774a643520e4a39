/** cosmos.mint.v1beta1.Msg: MsgUpdateParams (gov only). */
import { requireParams } from '../../src/types/params';
import { MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/tx';
import type { MsgRoute } from '../../src/app/module';
import { updateParamsRoute } from '../../src/app/update_params';
import { sdk } from '../../src/types/errors';
import type { MintKeeper } from './keeper';
import { validateParams } from './params';

export function mintMsgs(k: MintKeeper, authority: string): MsgRoute[] {
  const updateParams = updateParamsRoute({ type: MsgUpdateParams, response: MsgUpdateParamsResponse, authority: authority, validate: validateParams, set: (ctx, p) => k.setParams(ctx, p) });
  return [updateParams];
}
