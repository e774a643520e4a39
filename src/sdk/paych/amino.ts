/**
 * Amino JSON converters for x/paych Msgs (rules as x/resource's and x/market's: proto names, zero
 * values omitted except dont_omitempty fields, 64-bit integers as strings, bytes as base64).
 */
import type { AminoConverters } from '@cosmjs/stargate';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Params, Voucher } from '../../gen/hypermesh/paych/v1/paych';
import { MsgCollect, MsgCreateChannel, MsgFundChannel, MsgSettle, MsgUpdateChannel, MsgUpdateParams } from '../../gen/hypermesh/paych/v1/tx';
import * as urls from './messages';

type Json = Record<string, unknown>;

function obj(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}
const s = (v: string) => (v === '' ? undefined : v);
const u64 = (v: bigint) => (v === 0n ? undefined : v.toString());
const big = (v: unknown) => BigInt((v as string | undefined) ?? '0');
const str = (v: unknown) => (v as string | undefined) ?? '';
const coinTo = (c: Coin | undefined) => ({ denom: c?.denom ?? '', amount: c?.amount ?? '' });
const coinFrom = (a: unknown): Coin => ({ denom: str((a as Json | undefined)?.denom), amount: str((a as Json | undefined)?.amount) });

const voucherTo = (v: Voucher | undefined) => {
  const x = Voucher.fromPartial(v ?? {});
  return obj({
    channel_id: u64(x.channelId),
    lane: u64(x.lane),
    nonce: u64(x.nonce),
    amount: s(x.amount),
    min_settle_height: x.minSettleHeight === 0n ? undefined : x.minSettleHeight.toString(),
    signature: x.signature.length === 0 ? undefined : Buffer.from(x.signature).toString('base64'),
  });
};
const voucherFrom = (j: Json): Voucher => ({
  channelId: big(j.channel_id),
  lane: big(j.lane),
  nonce: big(j.nonce),
  amount: str(j.amount),
  minSettleHeight: big(j.min_settle_height),
  signature: j.signature ? new Uint8Array(Buffer.from(j.signature as string, 'base64')) : new Uint8Array(),
});

export function createPaychAminoConverters(): AminoConverters {
  return {
    [urls.MSG_CREATE_CHANNEL]: {
      aminoType: 'hypermesh/paych/MsgCreateChannel',
      toAmino: (m: MsgCreateChannel) => obj({ payer: s(m.payer), payee: s(m.payee), deposit: coinTo(m.deposit) }),
      fromAmino: (j: Json): MsgCreateChannel => ({ payer: str(j.payer), payee: str(j.payee), deposit: coinFrom(j.deposit) }),
    },
    [urls.MSG_FUND_CHANNEL]: {
      aminoType: 'hypermesh/paych/MsgFundChannel',
      toAmino: (m: MsgFundChannel) => obj({ payer: s(m.payer), channel_id: u64(m.channelId), amount: coinTo(m.amount) }),
      fromAmino: (j: Json): MsgFundChannel => ({ payer: str(j.payer), channelId: big(j.channel_id), amount: coinFrom(j.amount) }),
    },
    [urls.MSG_UPDATE_CHANNEL]: {
      aminoType: 'hypermesh/paych/MsgUpdateChannel',
      toAmino: (m: MsgUpdateChannel) => obj({ sender: s(m.sender), voucher: voucherTo(m.voucher) }),
      fromAmino: (j: Json): MsgUpdateChannel => ({ sender: str(j.sender), voucher: voucherFrom((j.voucher as Json | undefined) ?? {}) }),
    },
    [urls.MSG_SETTLE]: {
      aminoType: 'hypermesh/paych/MsgSettle',
      toAmino: (m: MsgSettle) => obj({ sender: s(m.sender), channel_id: u64(m.channelId), voucher: m.voucher ? voucherTo(m.voucher) : undefined }),
      fromAmino: (j: Json): MsgSettle => ({ sender: str(j.sender), channelId: big(j.channel_id), voucher: j.voucher ? voucherFrom(j.voucher as Json) : undefined }),
    },
    [urls.MSG_COLLECT]: {
      aminoType: 'hypermesh/paych/MsgCollect',
      toAmino: (m: MsgCollect) => obj({ sender: s(m.sender), channel_id: u64(m.channelId) }),
      fromAmino: (j: Json): MsgCollect => ({ sender: str(j.sender), channelId: big(j.channel_id) }),
    },
    [urls.MSG_PAYCH_UPDATE_PARAMS]: {
      aminoType: 'hypermesh/paych/MsgUpdateParams',
      toAmino: (m: MsgUpdateParams) => {
        const p = Params.fromPartial(m.params ?? {});
        return obj({ authority: s(m.authority), params: obj({ settle_delay_blocks: u64(p.settleDelayBlocks), max_lanes: p.maxLanes === 0 ? undefined : p.maxLanes, signature_gas: u64(p.signatureGas) }) });
      },
      fromAmino: (j: Json): MsgUpdateParams => {
        const p = (j.params as Json | undefined) ?? {};
        return { authority: str(j.authority), params: { settleDelayBlocks: big(p.settle_delay_blocks), maxLanes: Number(p.max_lanes ?? 0), signatureGas: big(p.signature_gas) } };
      },
    },
  };
}
