/**
 * Benchmark accounts and pre-signed bank sends. Keys are random (not mnemonics: deriving 10,000
 * HD keys would take longer than the benchmark); signing uses OpenSSL through node:crypto, in
 * worker threads, producing exactly the SIGN_MODE_DIRECT txs cosmjs would.
 */
import { createECDH, createHash, createPrivateKey, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { AuthInfo, SignDoc, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { accountAddresses } from '../../src/crypto/address';
import { ripemd160 } from '../../src/crypto/hash';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export interface BenchAccount {
  priv: Buffer;
  pubkey: Buffer; // 33-byte compressed
  address: string;
}

export function makeAccounts(n: number): BenchAccount[] {
  const out: BenchAccount[] = [];
  for (let i = 0; i < n; i++) {
    const ecdh = createECDH('secp256k1');
    const priv = randomBytes(32);
    ecdh.setPrivateKey(priv);
    const pubkey = ecdh.getPublicKey(null, 'compressed');
    const address = accountAddresses.encode(ripemd160(createHash('sha256').update(pubkey).digest()));
    out.push({ priv, pubkey, address });
  }
  return out;
}

export function privateKeyObject(a: Pick<BenchAccount, 'priv'>): KeyObject {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(a.priv);
  const pub = ecdh.getPublicKey(null, 'uncompressed');
  return createPrivateKey({
    key: { kty: 'EC', crv: 'secp256k1', d: a.priv.toString('base64url'), x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') },
    format: 'jwk',
  });
}

/** r || s with s in the lower half, as the SDK requires. */
export function lowS(sig: Buffer): Buffer {
  const s = BigInt('0x' + sig.subarray(32).toString('hex'));
  if (s <= N / 2n) return sig;
  const fixed = Buffer.from(sig);
  Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex').copy(fixed, 32);
  return fixed;
}

export interface SendSpec {
  account: BenchAccount;
  accountNumber: number;
  sequence: number;
  to: string;
  chainId: string;
  feeUhyper: string;
  gas: bigint;
}

export function signSend(spec: SendSpec, key: KeyObject = privateKeyObject(spec.account)): Uint8Array {
  const body = TxBody.encode(
    TxBody.fromPartial({
      messages: [
        {
          typeUrl: MsgSend.typeUrl,
          value: MsgSend.encode({ fromAddress: spec.account.address, toAddress: spec.to, amount: [{ denom: 'uhyper', amount: '1' }] }).finish(),
        },
      ],
    }),
  ).finish();
  const authInfo = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: [
        {
          publicKey: { typeUrl: PubKey.typeUrl, value: PubKey.encode({ key: spec.account.pubkey }).finish() },
          modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
          sequence: BigInt(spec.sequence),
        },
      ],
      fee: { amount: [{ denom: 'uhyper', amount: spec.feeUhyper }], gasLimit: spec.gas },
    }),
  ).finish();
  const doc = SignDoc.encode({ bodyBytes: body, authInfoBytes: authInfo, chainId: spec.chainId, accountNumber: BigInt(spec.accountNumber) }).finish();
  const sig = lowS(cryptoSign('sha256', doc, { key, dsaEncoding: 'ieee-p1363' }));
  return TxRaw.encode({ bodyBytes: body, authInfoBytes: authInfo, signatures: [sig] }).finish();
}

/**
 * Every account sends `perAccount` txs; the list is ordered round-robin (all sequence-0 txs, then
 * all sequence-1 txs, ...) so that an account's txs reach the mempool in sequence order.
 */
export function signAll(accounts: BenchAccount[], firstNumber: number, perAccount: number, chainId: string, feeUhyper: string, gas: bigint): Uint8Array[][] {
  const keys = accounts.map(privateKeyObject);
  const rounds: Uint8Array[][] = [];
  for (let s = 0; s < perAccount; s++) {
    const round: Uint8Array[] = [];
    accounts.forEach((a, i) => {
      const to = accounts[(i + 1) % accounts.length].address;
      round.push(signSend({ account: a, accountNumber: firstNumber + i, sequence: s, to, chainId, feeUhyper, gas }, keys[i]));
    });
    rounds.push(round);
  }
  return rounds;
}
