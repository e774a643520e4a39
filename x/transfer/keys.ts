/**
 * x/transfer state, in the `transfer` store with ibc-go v8's layout: params under "params",
 * denom traces under 0x02 ‖ sha256(full path), total escrow per denom under 0x03 ‖ denom (an
 * integer as its decimal string, math.Int's encoding).
 */
import { DenomTrace } from 'cosmjs-types/ibc/applications/transfer/v1/denomtrace';
import { Params } from 'cosmjs-types/ibc/applications/transfer/v1/transfer';
import { keys, Schema, values } from '../../src/store/collections';

export const ModuleName = 'transfer';
export const StoreKey = 'transfer';
export const PortId = 'transfer';

export function transferState() {
  const s = new Schema(StoreKey);
  return {
    portId: s.item(0x01, 'port', values.string),
    denomTraces: s.map(0x02, 'denom_traces', keys.bytes, values.proto(DenomTrace)),
    totalEscrow: s.map(0x03, 'total_escrow', keys.string, values.int),
    params: s.item(new TextEncoder().encode('params'), 'params', values.proto(Params)),
  };
}

export const DEFAULT_PARAMS: Params = { sendEnabled: true, receiveEnabled: true };
