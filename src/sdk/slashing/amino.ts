/**
 * Amino JSON for cosmos.slashing.v1beta1.MsgUnjail, which cosmjs's default converters lack: the
 * SDK's legacy name "cosmos-sdk/MsgUnjail" and its one field, so Ledger and Keplr's amino path can
 * unjail a validator. The ante handler rebuilds amino sign bytes with these same converters.
 */
import type { AminoConverters } from '@cosmjs/stargate';
import { MsgUnjail } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';

export const MSG_UNJAIL = '/cosmos.slashing.v1beta1.MsgUnjail' as const;

export function createSlashingAminoConverters(): AminoConverters {
  return {
    [MSG_UNJAIL]: {
      aminoType: 'cosmos-sdk/MsgUnjail',
      toAmino: (m: MsgUnjail) => ({ address: m.validatorAddr }),
      fromAmino: (a: { address: string }) => MsgUnjail.fromPartial({ validatorAddr: a.address }),
    },
  };
}
