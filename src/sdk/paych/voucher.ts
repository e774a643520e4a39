/**
 * Off-chain vouchers of x/paych. The payer signs with its account key (the one its account shows
 * on chain, recorded in the channel at creation); the payee verifies every voucher it receives
 * with the same rules the chain applies, before it serves anything for it.
 *
 * @example
 *   const v = signVoucher({ algo: 'secp256k1', privateKey }, 'hypermesh-devnet-1', { channelId: 1n, lane: 0n, nonce: 7n, amount: 700n });
 *   const wire = encodeVoucher(v);                       // base64 protobuf, to send to the payee
 *   const ok = verifyVoucher(payerPubKey, 'hypermesh-devnet-1', decodeVoucher(wire)); // true
 */
import { Voucher } from '../../gen/hypermesh/paych/v1/paych';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { decodePubKey, type KeyAlgo, type PubKey } from '../../crypto/pubkey';
import { sign } from '../../crypto/sign';
import { verifySignature } from '../../crypto/verify';
import { AMOUNT_RE, voucherSignBytes, VOUCHER_DOMAIN } from '../../../x/paych/sign_bytes';

export { voucherSignBytes, VOUCHER_DOMAIN };

export interface VoucherFields {
  channelId: bigint;
  lane: bigint;
  nonce: bigint;
  /** cumulative amount on the lane, in the channel's denom */
  amount: bigint;
  /** optional: the channel cannot be collected before this height */
  minSettleHeight?: bigint;
}

export interface VoucherSigner {
  algo: KeyAlgo;
  privateKey: Uint8Array;
}

/** A voucher signed by the payer's account key for `chainId`. */
export function signVoucher(signer: VoucherSigner, chainId: string, f: VoucherFields): Voucher {
  if (f.amount < 0n) throw new Error('voucher amount must not be negative');
  if (f.nonce <= 0n) throw new Error('voucher nonce must be positive');
  const v = Voucher.fromPartial({ channelId: f.channelId, lane: f.lane, nonce: f.nonce, amount: f.amount.toString(), minSettleHeight: f.minSettleHeight ?? 0n });
  return { ...v, signature: sign(signer.algo, signer.privateKey, voucherSignBytes(chainId, v)) };
}

/**
 * True when `v` is well formed and signed by `payer` (a PubKey, or the channel's payer_pub_key
 * Any) for `chainId`. Stateless: the chain also checks the lane's nonce, the amount never falling
 * and the deposit; `checkAgainstLane` does the lane part for a payee that tracks its best voucher.
 */
export function verifyVoucher(payer: PubKey | Any, chainId: string, v: Voucher): boolean {
  if (!AMOUNT_RE.test(v.amount) || v.nonce === 0n || v.signature.length === 0) return false;
  let key: PubKey;
  try {
    key = 'algo' in payer ? payer : decodePubKey(payer);
  } catch {
    return false;
  }
  return verifySignature(key, voucherSignBytes(chainId, v), v.signature);
}

/** Whether `v` would redeem on a lane whose best voucher so far is `best`: a higher nonce and no lower amount. */
export function checkAgainstLane(best: Pick<Voucher, 'nonce' | 'amount'> | undefined, v: Voucher): boolean {
  if (!best) return true;
  return v.nonce > best.nonce && BigInt(v.amount) >= BigInt(best.amount);
}

/** The voucher as base64 protobuf (what payer and payee exchange off chain). */
export function encodeVoucher(v: Voucher): string {
  return Buffer.from(Voucher.encode(Voucher.fromPartial(v)).finish()).toString('base64');
}

export function decodeVoucher(base64: string): Voucher {
  return Voucher.decode(Buffer.from(base64, 'base64'));
}
