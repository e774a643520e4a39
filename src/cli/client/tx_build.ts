/**
 * Building and signing txs (cosmos.tx.v1beta1.Tx) for one signer, in SIGN_MODE_DIRECT or
 * SIGN_MODE_LEGACY_AMINO_JSON, with secp256k1 or ed25519 keys. The unsigned Tx is what
 * `--generate-only` prints (in the SDK's JSON); signing fills signer_infos and signatures.
 */
import { makeSignDoc as makeAminoSignDoc, type OfflineAminoSigner, type StdFee } from '@cosmjs/amino';
import type { OfflineDirectSigner, Registry } from '@cosmjs/proto-signing';
import type { AminoTypes } from '@cosmjs/stargate';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { AuthInfo, SignDoc, Tx, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { encodePubKey, type PubKey } from '../../crypto/pubkey';
import { coinsToProto, type Coins } from '../../types/coins';
import { txHash } from '../../codec/tx_decoder';
import { CliError } from './errors';

export const SIGN_MODES = ['direct', 'amino-json'] as const;
export type SignModeName = (typeof SIGN_MODES)[number];

export const SIGN_MODE_OF: Readonly<Record<SignModeName, SignMode>> = {
  direct: SignMode.SIGN_MODE_DIRECT,
  'amino-json': SignMode.SIGN_MODE_LEGACY_AMINO_JSON,
};

/** The protobuf and Amino types the CLI can put in a tx (cosmjs defaults plus every module's). */
export interface TxCodec {
  readonly registry: Registry;
  readonly amino: AminoTypes;
}

export interface UnsignedTxInput {
  readonly messages: readonly Any[];
  readonly memo: string;
  readonly fee: Coins;
  readonly gasLimit: bigint;
  readonly timeoutHeight?: bigint;
}

export function unsignedTx(i: UnsignedTxInput): Tx {
  return Tx.fromPartial({
    body: { messages: [...i.messages], memo: i.memo, timeoutHeight: i.timeoutHeight ?? 0n },
    authInfo: { signerInfos: [], fee: { amount: coinsToProto(i.fee), gasLimit: i.gasLimit } },
    signatures: [],
  });
}

export interface SignerAccount {
  readonly address: string;
  readonly pubkey: PubKey;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
}

export type TxSigner = OfflineDirectSigner & OfflineAminoSigner;

function withSignerInfo(tx: Tx, pubkey: PubKey, sequence: bigint, mode: SignMode): AuthInfo {
  return AuthInfo.fromPartial({
    ...tx.authInfo,
    signerInfos: [{ publicKey: encodePubKey(pubkey), modeInfo: { single: { mode } }, sequence }],
  });
}

/** Signs `tx` (its body and fee) for `account`; any previous signer info and signature are replaced. */
export async function signTx(codec: TxCodec, tx: Tx, signer: TxSigner, account: SignerAccount, chainId: string, mode: SignModeName): Promise<Tx> {
  if (!tx.body) throw new CliError('the transaction has no body');
  const authInfo = withSignerInfo(tx, account.pubkey, account.sequence, SIGN_MODE_OF[mode]);
  let signature: string;
  if (mode === 'direct') {
    const signDoc = SignDoc.fromPartial({
      bodyBytes: TxBody.encode(tx.body).finish(),
      authInfoBytes: AuthInfo.encode(authInfo).finish(),
      chainId,
      accountNumber: account.accountNumber,
    });
    signature = (await signer.signDirect(account.address, signDoc)).signature.signature;
  } else {
    const fee = authInfo.fee;
    const stdFee: StdFee = {
      amount: (fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })),
      gas: (fee?.gasLimit ?? 0n).toString(),
      ...(fee?.granter ? { granter: fee.granter } : {}),
      ...(fee?.payer ? { payer: fee.payer } : {}),
    };
    let msgs;
    try {
      msgs = tx.body.messages.map((m) => codec.amino.toAmino({ typeUrl: m.typeUrl, value: codec.registry.decode(m) }));
    } catch (e) {
      throw new CliError(`cannot sign with --sign-mode amino-json: ${(e as Error).message}; use --sign-mode direct`, { cause: e });
    }
    const timeout = tx.body.timeoutHeight > 0n ? tx.body.timeoutHeight : undefined;
    const doc = makeAminoSignDoc(msgs, stdFee, chainId, tx.body.memo, account.accountNumber.toString(), account.sequence.toString(), timeout);
    signature = (await signer.signAmino(account.address, doc)).signature.signature;
  }
  return Tx.fromPartial({ body: tx.body, authInfo, signatures: [Buffer.from(signature, 'base64')] });
}

/** The bytes of a tx with an empty signature, for simulation (signatures are not checked there). */
export function simulationBytes(tx: Tx, pubkey: PubKey, sequence: bigint): Uint8Array {
  const authInfo = withSignerInfo(tx, pubkey, sequence, SignMode.SIGN_MODE_DIRECT);
  return TxRaw.encode({
    bodyBytes: TxBody.encode(tx.body!).finish(),
    authInfoBytes: AuthInfo.encode(authInfo).finish(),
    signatures: [new Uint8Array()],
  }).finish();
}

/** TxRaw bytes: body and auth info encoded canonically, as they were signed. */
export function txBytes(tx: Tx): Uint8Array {
  return TxRaw.encode({
    bodyBytes: TxBody.encode(tx.body ?? TxBody.fromPartial({})).finish(),
    authInfoBytes: AuthInfo.encode(tx.authInfo ?? AuthInfo.fromPartial({})).finish(),
    signatures: tx.signatures,
  }).finish();
}

/** The hash CometBFT indexes a tx by: upper-case hex SHA-256 of its bytes. */
export function txHashHex(bytes: Uint8Array): string {
  return Buffer.from(txHash(bytes)).toString('hex').toUpperCase();
}
