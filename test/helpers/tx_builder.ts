/**
 * Builds signed txs the way cosmjs does (SIGN_MODE_DIRECT or LEGACY_AMINO_JSON), for tests that
 * drive the app or a devnet without a SigningStargateClient round trip.
 */
import { Secp256k1Wallet, type StdFee } from '@cosmjs/amino';
import { fromBase64 } from '@cosmjs/encoding';
import { DirectSecp256k1Wallet, encodePubkey, makeAuthInfoBytes, makeSignBytes, makeSignDoc, Registry, type EncodeObject } from '@cosmjs/proto-signing';
import { encodePubKey } from '../../src/crypto/pubkey';
import { publicKeyOf, sign } from '../../src/crypto/sign';
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } from '@cosmjs/stargate';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';

export const registry = new Registry(defaultRegistryTypes);
const amino = new AminoTypes(createDefaultAminoConverters());

export interface TestKey {
  address: string;
  privkey: Uint8Array;
  pubkey: Uint8Array;
}

export async function testKey(seed: number): Promise<TestKey> {
  const privkey = new Uint8Array(32);
  privkey[31] = seed;
  privkey[0] = 7;
  const wallet = await DirectSecp256k1Wallet.fromKey(privkey, 'hyper');
  const [acc] = await wallet.getAccounts();
  return { address: acc.address, privkey, pubkey: acc.pubkey };
}

export interface SignOptions {
  chainId: string;
  accountNumber: bigint | number;
  sequence: bigint | number;
  fee?: StdFee;
  memo?: string;
  timeoutHeight?: bigint;
  mode?: 'direct' | 'amino';
  /** Omit the public key from the signer info (the account must already have one). */
  omitPubkey?: boolean;
}

export const DEFAULT_FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '2000' }], gas: '200000' };

export async function signTx(key: TestKey, msgs: EncodeObject[], o: SignOptions): Promise<Uint8Array> {
  const fee = o.fee ?? DEFAULT_FEE;
  const memo = o.memo ?? '';
  const pubkey = encodePubkey(encodeSecp256k1Pubkey(key.pubkey));
  const signerInfo = o.omitPubkey ? undefined : pubkey;
  if (o.mode === 'amino') {
    const wallet = await Secp256k1Wallet.fromKey(key.privkey, 'hyper');
    const { makeSignDoc: makeAminoDoc } = await import('@cosmjs/amino');
    const doc = makeAminoDoc(
      msgs.map((m) => amino.toAmino(m)),
      fee,
      o.chainId,
      memo,
      String(o.accountNumber),
      String(o.sequence),
      o.timeoutHeight,
    );
    const { signature, signed } = await wallet.signAmino(key.address, doc);
    const bodyBytes = registry.encodeTxBody({ messages: msgs, memo: signed.memo, timeoutHeight: o.timeoutHeight });
    const authInfoBytes = makeAuthInfoBytes(
      [{ pubkey: signerInfo as any, sequence: Number(o.sequence) }],
      signed.fee.amount,
      Number(signed.fee.gas),
      signed.fee.granter,
      signed.fee.payer,
      SignMode.SIGN_MODE_LEGACY_AMINO_JSON,
    );
    return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
  }
  const wallet = await DirectSecp256k1Wallet.fromKey(key.privkey, 'hyper');
  const bodyBytes = registry.encodeTxBody({ messages: msgs, memo, timeoutHeight: o.timeoutHeight });
  const authInfoBytes = makeAuthInfoBytes(
    [{ pubkey: signerInfo as any, sequence: Number(o.sequence) }],
    fee.amount,
    Number(fee.gas),
    fee.granter,
    fee.payer,
  );
  const doc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId, Number(o.accountNumber));
  const { signature, signed } = await wallet.signDirect(key.address, doc);
  return TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
}

export function msgSend(from: string, to: string, amount: bigint | number | string, denom = 'uhyper'): EncodeObject {
  return {
    typeUrl: '/cosmos.bank.v1beta1.MsgSend',
    value: { fromAddress: from, toAddress: to, amount: [{ denom, amount: String(amount) }] },
  };
}

/** Signs a SIGN_MODE_DIRECT tx with an ed25519 account key (cosmjs wallets only do secp256k1). */
export function signEd25519Tx(
  priv: Uint8Array,
  msgs: EncodeObject[],
  o: { chainId: string; accountNumber: bigint | number; sequence: bigint | number; fee?: StdFee; memo?: string },
): Uint8Array {
  const fee = o.fee ?? DEFAULT_FEE;
  const pub = publicKeyOf('ed25519', priv);
  const bodyBytes = registry.encodeTxBody({ messages: msgs, memo: o.memo ?? '' });
  const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubKey(pub) as any, sequence: Number(o.sequence) }], fee.amount, Number(fee.gas), undefined, undefined);
  const doc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId, Number(o.accountNumber));
  const signature = sign('ed25519', priv, makeSignBytes(doc));
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
}
