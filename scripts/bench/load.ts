/**
 * The load generator: broadcasts pre-built txs to a CometBFT RPC at a controlled rate (JSON-RPC
 * batches of broadcast_tx_sync, several in flight) and watches blocks to measure what was committed,
 * when, and how long each tx took from broadcast to the block that included it.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';

export interface BlockSample {
  height: number;
  /** Header time, ms since epoch. */
  timeMs: number;
  /** When the watcher saw the block, ms (performance.now clock). */
  seenAt: number;
  txHashes: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export async function rpc(url: string, body: unknown): Promise<any> {
  const payload = Buffer.from(JSON.stringify(body));
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function rpcCall(url: string, method: string, params: Record<string, unknown> = {}): Promise<any> {
  const res = await rpc(url, { jsonrpc: '2.0', id: 1, method, params });
  if (res.error) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.result;
}

export function hashOf(tx: Uint8Array): string {
  return createHash('sha256').update(tx).digest('hex').toUpperCase();
}

/** Polls the chain and records every new block with its tx hashes. */
export class BlockWatcher {
  readonly blocks: BlockSample[] = [];
  private next = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    const st = await rpcCall(this.url, 'status');
    this.next = Number(st.sync_info.latest_block_height) + 1;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const st = await rpcCall(this.url, 'status');
        const latest = Number(st.sync_info.latest_block_height);
        while (this.next <= latest) {
          const b = await rpcCall(this.url, 'block', { height: String(this.next) });
          const txs: string[] = b.block.data.txs ?? [];
          this.blocks.push({
            height: this.next,
            timeMs: Date.parse(b.block.header.time),
            seenAt: performance.now(),
            txHashes: txs.map((t) => hashOf(Buffer.from(t, 'base64'))),
          });
          this.next++;
        }
      } catch {
        // the node may be busy; try again
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface StepResult {
  offeredRate: number;
  sent: number;
  /** The source ran out of txs. */
  dry: boolean;
  rejected: number;
  rejectReasons: Record<string, number>;
  startedAt: number;
  endedAt: number;
}

/**
 * Sends txs from `source` at `rate` per second for `seconds`, in JSON-RPC batches. Records the
 * send time of every tx in `sentAt`. Stops early when the source runs dry.
 */
export async function offerLoad(
  url: string,
  source: Iterator<Uint8Array>,
  rate: number,
  seconds: number,
  sentAt: Map<string, number>,
  opts: { batch?: number; maxInFlight?: number } = {},
): Promise<StepResult> {
  const batch = opts.batch ?? 100;
  const maxInFlight = opts.maxInFlight ?? 8;
  const result: StepResult = { offeredRate: rate, sent: 0, dry: false, rejected: 0, rejectReasons: {}, startedAt: performance.now(), endedAt: 0 };
  const deadline = result.startedAt + seconds * 1000;
  let inFlight = 0;
  let dry = false;
  const pending: Promise<void>[] = [];

  const sendBatch = (txs: Uint8Array[]) => {
    inFlight++;
    const t = performance.now();
    for (const tx of txs) sentAt.set(hashOf(tx), t);
    const body = txs.map((tx, i) => ({ jsonrpc: '2.0', id: i, method: 'broadcast_tx_sync', params: { tx: Buffer.from(tx).toString('base64') } }));
    const p = rpc(url, body)
      .then((res: any[]) => {
        for (const r of Array.isArray(res) ? res : [res]) {
          const code = r.error ? -1 : r.result?.code ?? 0;
          if (code !== 0) {
            result.rejected++;
            const reason = r.error ? String(r.error.data ?? r.error.message).slice(0, 60) : `${r.result.codespace}/${code}`;
            result.rejectReasons[reason] = (result.rejectReasons[reason] ?? 0) + 1;
          }
        }
      })
      .catch((e) => {
        result.rejected += txs.length;
        result.rejectReasons[String(e.message).slice(0, 60)] = (result.rejectReasons[String(e.message).slice(0, 60)] ?? 0) + txs.length;
      })
      .finally(() => inFlight--);
    pending.push(p);
  };

  // Credit-based pacing: every tick adds rate × elapsed credits; full batches go out while credit lasts.
  let credit = 0;
  let last = performance.now();
  while (performance.now() < deadline && !dry) {
    const now = performance.now();
    credit += ((now - last) / 1000) * rate;
    last = now;
    while (credit >= 1 && inFlight < maxInFlight) {
      const n = Math.min(batch, Math.floor(credit));
      const txs: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const next = source.next();
        if (next.done) {
          dry = true;
          break;
        }
        txs.push(next.value);
      }
      if (txs.length === 0) break;
      credit -= txs.length;
      result.sent += txs.length;
      sendBatch(txs);
    }
    if (credit > rate) credit = rate; // do not build up more than a second of backlog when saturated
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  result.dry = dry;
  result.endedAt = performance.now();
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function waitHeight(rpc: string, h: number, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const st = await rpcCall(rpc, 'status');
      if (Number(st.sync_info.latest_block_height) >= h) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`${rpc} did not reach height ${h}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stopChild(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
    setTimeout(() => p.kill('SIGKILL'), 20_000).unref();
  });
}

/** Waits until the mempool is empty; false when it is not within the timeout. */
export async function drain(rpc: string, timeoutMs = 120_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const r = await rpcCall(rpc, 'num_unconfirmed_txs').catch(() => ({ total: '1' }));
    if (r.total === '0') return true;
    await new Promise((res) => setTimeout(res, 100));
  }
  return false;
}
