/** Shared rules for MsgUpdateParams: a message must carry the complete new params. */
import { sdk } from './errors';

/** The params of a MsgUpdateParams; absent params are refused (never a silent reset to defaults). */
export function requireParams<P>(params: P | undefined): P {
  if (params === undefined || params === null) throw sdk.InvalidRequest('params are required');
  return params;
}
