/**
 * What a payer signs for a voucher (README, "Voucher sign bytes"):
 *
 *   "hypermesh.paych.v1.VoucherSignDoc" ‖ 0x00 ‖ VoucherSignDoc{chain_id, channel_id, lane, nonce,
 *   amount, min_settle_height} as protobuf (fields in number order, zero values omitted: what
 *   gogoproto writes)
 *
 * signed by the payer's account key as the SDK signs tx sign bytes: secp256k1 = 64-byte low-S
 * r ‖ s of SHA-256(bytes); ed25519 = the RFC 8032 signature of the bytes. The domain prefix keeps a
 * voucher from ever being read as a tx SignDoc (whose protobuf starts with 0x0a) or as another
 * HyperMesh sign doc. Shared by the chain and src/sdk/paych.
 */
import { VoucherSignDoc, type Voucher } from '../../src/gen/hypermesh/paych/v1/paych';
import { concatBytes } from '../../src/store/bytes';

export const VOUCHER_DOMAIN = 'hypermesh.paych.v1.VoucherSignDoc';
const utf8 = new TextEncoder();

export function voucherSignBytes(chainId: string, v: Pick<Voucher, 'channelId' | 'lane' | 'nonce' | 'amount' | 'minSettleHeight'>): Uint8Array {
  const doc = VoucherSignDoc.fromPartial({ chainId, channelId: v.channelId, lane: v.lane, nonce: v.nonce, amount: v.amount, minSettleHeight: v.minSettleHeight });
  return concatBytes(utf8.encode(VOUCHER_DOMAIN), Uint8Array.of(0), VoucherSignDoc.encode(doc).finish());
}

/** Cumulative amounts are canonical decimal integers ("0", "17"; no sign, no leading zeros). */
export const AMOUNT_RE = /^(0|[1-9][0-9]{0,77})$/;
