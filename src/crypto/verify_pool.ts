/**
 * Signature verification on worker threads. A node verifies the signature of every tx it admits
 * to its mempool; doing it here lets the main thread run other txs' state checks meanwhile.
 * Requests made in the same turn of the event loop go to the workers as one batch per worker.
 *
 * The workers run compiled JavaScript (dist/); where that is absent (tests run from sources)
 * the pool is unavailable and callers verify inline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PubKey } from './pubkey';
import { packBatch, type VerifyItem } from './verify_batch';
import type { VerifyJob } from './verify_worker';

interface Pending {
  item: VerifyItem;
  resolve: (ok: boolean) => void;
}

export class VerifyPool {
  private readonly workers: Worker[] = [];
  private readonly inflight = new Map<number, Pending[]>();
  private queue: Pending[] = [];
  private scheduled = false;
  private nextId = 1;
  private nextWorker = 0;

  private constructor(workerFile: string, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(workerFile);
      w.unref();
      w.on('message', (m: { id: number; ok: Uint8Array }) => {
        const batch = this.inflight.get(m.id);
        this.inflight.delete(m.id);
        batch?.forEach((p, j) => p.resolve(m.ok[j] === 1));
      });
      w.on('error', () => {
        // a dead worker answers "not verified"; the main thread then verifies inline
        for (const [id, batch] of this.inflight) {
          batch.forEach((p) => p.resolve(false));
          this.inflight.delete(id);
        }
      });
      this.workers.push(w);
    }
  }

  /** A pool of `size` workers, or undefined when the compiled worker is not available. */
  static create(size: number): VerifyPool | undefined {
    const file = path.join(__dirname, 'verify_worker.js');
    if (size < 1 || !fs.existsSync(file) || !__filename.endsWith('.js')) return undefined;
    return new VerifyPool(file, size);
  }

  /** Resolves true when the signature is valid (false also when a worker failed: verify again inline). */
  verify(pubkey: PubKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return new Promise((resolve) => {
      this.queue.push({ item: { algo: pubkey.algo, key: pubkey.key, message, signature }, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    this.scheduled = false;
    const all = this.queue;
    this.queue = [];
    const per = Math.ceil(all.length / this.workers.length);
    for (let i = 0; i < all.length; i += per) {
      const batch = all.slice(i, i + per);
      const id = this.nextId++;
      this.inflight.set(id, batch);
      const w = this.workers[this.nextWorker++ % this.workers.length];
      const packed = packBatch(batch.map((p) => p.item));
      w.postMessage({ id, batch: packed } satisfies VerifyJob, [packed.buffer as ArrayBuffer]);
    }
  }
}
