/**
 * REST query latency under load: GET /cosmos/bank/v1beta1/balances/{address}/by_denom?denom=uhyper
 * against a node's REST gateway at a fixed pace (open loop: a request starts every 1/rate s
 * whether or not earlier ones answered, so a slow node shows up as latency, not as fewer
 * samples), cycling through `addresses`, for `durationMs`. Meant to run during bench.ts's steady
 * window, while the bank-send load is being committed.
 *
 * Latency is measured from just before fetch() to the end of the body. A non-200 answer, a body
 * that is not the SDK's {"balance": {...}}, or a request still unanswered `timeoutMs` after it
 * started counts as an error and not as a sample.
 *
 * The requests are sent from a worker thread: the caller's event loop (the bench's load generator
 * and block watcher, busy parsing blocks) would otherwise add its own stalls to the numbers.
 *
 * Alone: node dist/scripts/bench/rest_latency.js <restUrl> <seconds> <address>...
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface RestLatency {
  p50_ms: number;
  p99_ms: number;
  /** Answered requests (the samples). */
  count: number;
  /** Failed or timed-out requests. */
  errors: number;
}

export interface RestLatencyOptions {
  /** Requests started per second (default 20: a wallet-heavy page, not a load test of its own). */
  ratePerSecond?: number;
  timeoutMs?: number;
  denom?: string;
  /** Sample from the caller's thread (default: a worker thread when running compiled code). */
  inThisThread?: boolean;
}

export async function measureRestLatency(restUrl: string, addresses: readonly string[], durationMs: number, o: RestLatencyOptions = {}): Promise<RestLatency> {
  if (addresses.length === 0) throw new Error('measureRestLatency: no addresses');
  // compiled (dist/): run in a worker; from sources (ts tooling) in this thread
  if (!__filename.endsWith('.js') || o.inThisThread) return sample(restUrl, addresses, durationMs, o);
  return new Promise<RestLatency>((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { restUrl, addresses: [...addresses], durationMs, o } satisfies WorkerInput });
    w.once('message', (r: RestLatency) => resolve(r));
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`rest latency worker exited with ${code}`)));
  });
}

interface WorkerInput {
  restUrl: string;
  addresses: string[];
  durationMs: number;
  o: RestLatencyOptions;
}

async function sample(restUrl: string, addresses: readonly string[], durationMs: number, o: RestLatencyOptions): Promise<RestLatency> {
  const rate = o.ratePerSecond ?? 20;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const denom = o.denom ?? 'uhyper';
  const base = restUrl.replace(/\/+$/, '');
  const samples: number[] = [];
  let errors = 0;

  const one = async (address: string): Promise<void> => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${encodeURIComponent(denom)}`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await res.json()) as { balance?: { denom?: string } };
      if (res.status !== 200 || body.balance?.denom !== denom) errors++;
      else samples.push(performance.now() - t0);
    } catch {
      errors++;
    }
  };

  const pending: Promise<void>[] = [];
  const start = performance.now();
  const interval = 1000 / rate;
  const total = Math.max(1, Math.floor((durationMs * rate) / 1000));
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(addresses[i % addresses.length]));
  }
  await Promise.all(pending);
  return { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), count: samples.length, errors };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

if (!isMainThread && (workerData as WorkerInput | undefined)?.restUrl) {
  const d = workerData as WorkerInput;
  void sample(d.restUrl, d.addresses, d.durationMs, d.o).then((r) => parentPort!.postMessage(r));
} else if (require.main === module) {
  const [url, seconds, ...addresses] = process.argv.slice(2);
  if (!url || !seconds || addresses.length === 0) {
    process.stderr.write('usage: rest_latency <restUrl> <seconds> <address>...\n');
    process.exit(2);
  }
  measureRestLatency(url, addresses, Number(seconds) * 1000).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
