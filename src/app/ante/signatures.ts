/**
 * Signatures, in the SDK's order: set missing public keys (checking they match the signer),
 * limit the number of signatures, charge gas per signature, check each signer's sequence
 * (sdk/32 "account sequence mismatch, expected N, got M", which cosmjs parses) and verify the
 * signature (sdk/4), then bump every signer's sequence.
 *
 * A verified (tx, signer, account number, key) is remembered, so the same bytes are not verified
 * again when the block that includes them is finalized: the sign bytes of both sign modes are a
 * function of exactly those.
 */
import type { AminoTypes } from '@cosmjs/stargate';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import type { LruCache } from '../../crypto/lru';
import { addressBytesOf, decodePubKey, encodePubKey, type PubKey } from '../../crypto/pubkey';
import type { SignatureVerifier } from '../../crypto/verify';
import { verifySignature } from '../../crypto/verify';
import type { DecodedTx } from '../../codec/tx_decoder';
import type { Context } from '../../types/context';
import { sdk } from '../../types/errors';
import { abciEvent } from '../../types/events';
import type { AnteAccount, AnteAccountKeeper } from './expected_keepers';
import { signBytesFor } from './sign_bytes';

export interface SignatureDeps {
  auth: AnteAccountKeeper;
  amino: AminoTypes;
  verifier: SignatureVerifier;
  /** (tx hash, signer index, account number, public key) of signatures already verified. */
  verified: LruCache<string, true>;
}

/** Identifies a verified signature: the sign bytes of both modes are a function of exactly these. */
export function verifiedKey(tx: DecodedTx, index: number, accountNumber: bigint, pubkey: PubKey): string {
  return `${Buffer.from(tx.hash).toString('hex')}/${index}/${accountNumber}/${Buffer.from(pubkey.key).toString('hex')}`;
}

interface Signer {
  address: string;
  account: AnteAccount;
  pubkey: PubKey | undefined;
}

export function processSignatures(ctx: Context, tx: DecodedTx, signerAddrs: string[], deps: SignatureDeps): void {
  const { auth } = deps;
  const params = auth.params(ctx);
  const simulate = ctx.mode === 'simulate';
  const infos = tx.authInfo.signerInfos;
  const sigs = tx.txRaw.signatures;

  if (sigs.length === 0 && !simulate) throw sdk.NoSignatures();
  if (infos.length !== signerAddrs.length) {
    throw sdk.Unauthorized(`invalid number of signer infos; expected: ${signerAddrs.length}, got ${infos.length}`);
  }
  if (sigs.length !== signerAddrs.length) {
    throw sdk.Unauthorized(`wrong number of signatures; expected ${signerAddrs.length}, got ${sigs.length}`);
  }

  // SetPubKeyDecorator
  const signers: Signer[] = signerAddrs.map((address, i) => {
    const bytes = auth.addressCodec.decode(address);
    const account = auth.getAccount(ctx, bytes);
    if (!account) throw sdk.UnknownAddress(`account ${address} does not exist`);
    const info = infos[i];
    let pubkey = account.base.pubKey ? decodePubKey(account.base.pubKey) : undefined;
    if (info.publicKey) {
      const given = decodePubKey(info.publicKey);
      if (!Buffer.from(addressBytesOf(given)).equals(bytes)) {
        throw sdk.InvalidPubKey(`pubKey does not match signer address ${address} with signer index: ${i}`);
      }
      if (!pubkey) {
        pubkey = given;
        const updated = auth.withBase(account, { ...account.base, pubKey: encodePubKey(given) });
        auth.setAccount(ctx, updated);
        return { address, account: updated, pubkey };
      }
    }
    if (!pubkey && !simulate) throw sdk.InvalidPubKey(`pubkey on account ${address} is not set`);
    return { address, account, pubkey };
  });
  for (const s of signers) ctx.events.emit(abciEvent('tx', { acc_seq: `${s.address}/${s.account.base.sequence}` }));
  for (const sig of sigs) ctx.events.emit(abciEvent('tx', { signature: Buffer.from(sig).toString('base64') }));

  // ValidateSigCountDecorator
  if (BigInt(signers.length) > params.txSigLimit) {
    throw sdk.TooManySignatures(`signatures: ${signers.length}, limit: ${params.txSigLimit}`);
  }

  // SigGasConsumeDecorator: a missing key (simulation) is charged as secp256k1
  for (const s of signers) {
    const cost = s.pubkey?.algo === 'ed25519' ? params.sigVerifyCostEd25519 : params.sigVerifyCostSecp256k1;
    ctx.gasMeter.consume(cost, `ante verify: ${s.pubkey?.algo ?? 'secp256k1'}`);
  }

  // SigVerificationDecorator
  signers.forEach((s, i) => {
    const info = infos[i];
    if (info.sequence !== s.account.base.sequence) {
      throw sdk.WrongSequence(`account sequence mismatch, expected ${s.account.base.sequence}, got ${info.sequence}`);
    }
    if (simulate || ctx.mode === 'recheck') return;
    const mode = info.modeInfo?.single?.mode;
    if (mode === undefined) throw sdk.NotSupported('only single-signer mode infos are supported');
    const pubkey = s.pubkey!;
    const key = verifiedKey(tx, i, s.account.base.accountNumber, pubkey);
    if (deps.verified.get(key)) return;
    const signBytes = signBytesFor(
      mode as SignMode,
      tx,
      { chainId: ctx.block.chainId, accountNumber: s.account.base.accountNumber, sequence: info.sequence },
      deps.amino,
    );
    if (!verifySignature(pubkey, signBytes, sigs[i], deps.verifier)) {
      throw sdk.Unauthorized(
        `signature verification failed; please verify account number (${s.account.base.accountNumber}), sequence (${info.sequence}) and chain-id (${ctx.block.chainId})`,
      );
    }
    deps.verified.set(key, true);
  });

  // IncrementSequenceDecorator
  for (const s of signers) {
    const fresh = auth.getAccount(ctx, auth.addressCodec.decode(s.address))!;
    auth.setAccount(ctx, auth.withBase(fresh, { ...fresh.base, sequence: fresh.base.sequence + 1n }));
  }
}
