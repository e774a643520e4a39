/**
 * A signature-verification worker thread: verifies batches with the same default verifier the
 * main thread would use, so moving a check here never changes its answer.
 */
import { parentPort } from 'node:worker_threads';
import { unpackBatch } from './verify_batch';
import { verifySignature } from './verify';

export interface VerifyJob {
  id: number;
  /** packBatch() of the items. */
  batch: Uint8Array;
}

parentPort?.on('message', (job: VerifyJob) => {
  const ok = new Uint8Array(unpackBatch(job.batch).map((it) => (verifySignature({ algo: it.algo, key: it.key }, it.message, it.signature) ? 1 : 0)));
  parentPort!.postMessage({ id: job.id, ok }, [ok.buffer as ArrayBuffer]);
});
