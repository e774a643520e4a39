/**
 * The bytes a signer signs, for the two sign modes wallets use: SIGN_MODE_DIRECT (the protobuf
 * SignDoc) and SIGN_MODE_LEGACY_AMINO_JSON (the sorted StdSignDoc JSON, built from the tx with the
 * same Amino converters cosmjs and Keplr sign with).
 */
import { makeSignDoc, serializeSignDoc, type StdFee } from '@cosmjs/amino';
import type { AminoTypes } from '@cosmjs/stargate';
import { SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import type { DecodedTx } from '../../codec/tx_decoder';
import { sdk } from '../../types/errors';

export interface SignerData {
  chainId: string;
  accountNumber: bigint;
  sequence: bigint;
}

export function directSignBytes(tx: DecodedTx, s: SignerData): Uint8Array {
  return SignDoc.encode({
    bodyBytes: tx.txRaw.bodyBytes,
    authInfoBytes: tx.txRaw.authInfoBytes,
    chainId: s.chainId,
    accountNumber: s.accountNumber,
  }).finish();
}

export function aminoSignBytes(tx: DecodedTx, s: SignerData, amino: AminoTypes): Uint8Array {
  const fee = tx.authInfo.fee;
  const stdFee: StdFee = {
    amount: (fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })),
    gas: (fee?.gasLimit ?? 0n).toString(),
    ...(fee?.granter ? { granter: fee.granter } : {}),
    ...(fee?.payer ? { payer: fee.payer } : {}),
  };
  let msgs;
  try {
    msgs = tx.msgs.map((m) => amino.toAmino({ typeUrl: m.typeUrl, value: m.value }));
  } catch (e) {
    throw sdk.NotSupported(`a message has no legacy amino JSON encoding: ${(e as Error).message}`);
  }
  const timeout = tx.body.timeoutHeight > 0n ? tx.body.timeoutHeight : undefined;
  const doc = makeSignDoc(msgs, stdFee, s.chainId, tx.body.memo, s.accountNumber.toString(), s.sequence.toString(), timeout);
  return serializeSignDoc(doc);
}

export function signBytesFor(mode: SignMode, tx: DecodedTx, s: SignerData, amino: AminoTypes): Uint8Array {
  switch (mode) {
    case SignMode.SIGN_MODE_DIRECT:
      return directSignBytes(tx, s);
    case SignMode.SIGN_MODE_LEGACY_AMINO_JSON:
      return aminoSignBytes(tx, s, amino);
    default:
      throw sdk.NotSupported(`sign mode ${SignMode[mode] ?? mode} is not supported; use SIGN_MODE_DIRECT or SIGN_MODE_LEGACY_AMINO_JSON`);
  }
}
