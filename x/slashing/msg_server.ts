/** cosmos.slashing.v1beta1.Msg and hypermesh.slashing.v1.Msg, as the SDK's x/slashing/keeper/msg_server.go. */
import { requireParams } from '../../src/types/params';
import { MsgUnjail, MsgUnjailResponse, MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import {
  MsgUpdateParams as MsgUpdateHyperParams,
  MsgUpdateParamsResponse as MsgUpdateHyperParamsResponse,
} from '../../src/gen/hypermesh/slashing/v1/tx';
import type { MsgRoute } from '../../src/app/module';
import { updateParamsRoute } from '../../src/app/update_params';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import type { SlashingKeeper } from './keeper';
import { validateHyperParams, validateParams } from './params';

export function slashingMsgs(k: SlashingKeeper, addrs: AddressCodec, authority: string): MsgRoute[] {
  const valAddrs = k.deps.staking.validatorAddressCodec;
  const unjail: MsgRoute<MsgUnjail, MsgUnjailResponse> = {
    type: MsgUnjail,
    response: MsgUnjailResponse,
    signers: (m) => [addrs.encode(valAddrs.decode(m.validatorAddr))],
    validate: (m) => {
      valAddrs.decode(m.validatorAddr);
    },
    handle: (ctx, m) => {
      k.unjail(ctx, valAddrs.decode(m.validatorAddr));
      return {};
    },
  };
  const updateParams = updateParamsRoute({ type: MsgUpdateParams, response: MsgUpdateParamsResponse, authority: authority, validate: validateParams, set: (ctx, p) => k.setParams(ctx, p) });
  return [unjail, updateParams];
}

export function hyperSlashingMsgs(k: SlashingKeeper, authority: string): MsgRoute[] {
  const updateParams = updateParamsRoute({ type: MsgUpdateHyperParams, response: MsgUpdateHyperParamsResponse, authority: authority, validate: validateHyperParams, set: (ctx, p) => k.setHyperParams(ctx, p) });
  return [updateParams];
}
