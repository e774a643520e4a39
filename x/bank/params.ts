/** x/bank params: sends enabled by default; per-denom switches live in their own map. */
import { Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { sdk } from '../../src/types/errors';

export const DEFAULT_PARAMS: Params = Params.fromPartial({ defaultSendEnabled: true });

export function validateParams(p: Params): void {
  if (p.sendEnabled.length > 0) {
    throw sdk.InvalidRequest('params.send_enabled is deprecated; use MsgSetSendEnabled');
  }
}
