/**
 * Verifies the signatures of txs waiting in the mempool connection's queue on worker threads,
 * before CheckTx reaches them; CheckTx then finds them in the verified cache. Only a head start:
 * whatever this cannot resolve (a new account, a missing key, a worker error) CheckTx verifies
 * itself, so skipping here never changes an answer.
 */
import type { DecodedTx } from '../../codec/tx_decoder';
import { decodePubKey } from '../../crypto/pubkey';
import type { VerifyPool } from '../../crypto/verify_pool';
import type { Context } from '../../types/context';
import type { MsgRouter } from '../msg_router';
import type { SignatureDeps } from './signatures';
import { verifiedKey } from './signatures';
import { signBytesFor } from './sign_bytes';
import { txSigners } from './signers';

export class SignaturePrefetch {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly pool: VerifyPool,
    private readonly deps: SignatureDeps,
    private readonly router: MsgRouter,
  ) {}

  /** Starts verifying `tx`'s signatures against the state in `ctx` (read only). */
  start(ctx: Context, tx: DecodedTx): void {
    const id = Buffer.from(tx.hash).toString('latin1');
    if (this.pending.has(id)) return;
    let jobs: Promise<void>[];
    try {
      jobs = this.jobs(ctx, tx);
    } catch {
      return; // CheckTx reports whatever is wrong with this tx
    }
    if (jobs.length === 0) return;
    if (this.pending.size > 200_000) this.pending.clear(); // txs that never reached CheckTx
    this.pending.set(id, Promise.all(jobs).then(() => undefined));
  }

  /** The verification in flight for this tx, if any; removed once taken. */
  take(tx: DecodedTx): Promise<void> | undefined {
    const id = Buffer.from(tx.hash).toString('latin1');
    const p = this.pending.get(id);
    if (p) this.pending.delete(id);
    return p;
  }

  private jobs(ctx: Context, tx: DecodedTx): Promise<void>[] {
    const { auth, verified, amino } = this.deps;
    const signers = txSigners(tx, this.router);
    const payer = tx.authInfo.fee?.payer;
    if (payer && !signers.includes(payer)) signers.push(payer);
    const infos = tx.authInfo.signerInfos;
    if (infos.length !== signers.length || tx.txRaw.signatures.length !== signers.length) return [];
    const out: Promise<void>[] = [];
    signers.forEach((address, i) => {
      const account = auth.getAccount(ctx, auth.addressCodec.decode(address));
      const mode = infos[i].modeInfo?.single?.mode;
      const pk = infos[i].publicKey ?? account?.base.pubKey;
      if (!account || mode === undefined || !pk) return;
      const pubkey = decodePubKey(pk);
      const key = verifiedKey(tx, i, account.base.accountNumber, pubkey);
      if (verified.get(key)) return;
      const signBytes = signBytesFor(mode, tx, { chainId: ctx.block.chainId, accountNumber: account.base.accountNumber, sequence: infos[i].sequence }, amino);
      out.push(
        this.pool.verify(pubkey, signBytes, tx.txRaw.signatures[i]).then((ok) => {
          if (ok) verified.set(key, true);
        }),
      );
    });
    return out;
  }
}
