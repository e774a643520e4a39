/**
 * Store benchmark: 1M random keys (32-byte keys, ~100-byte values) written in blocks of 10,000
 * with one multistore commit per block, then random reads; and, as a baseline in the same run,
 * the same data written to plain LevelDB in 10,000-put batches. Writes
 * bench/results/store-latest.json.
 *
 *   BENCH_KEYS (default 1000000), BENCH_BLOCK (10000), BENCH_READS (200000),
 *   BENCH_CACHE (decoded-node cache per store, default 200000), BENCH_SLAB_MB (encoded-node cache,
 *   default 1024), BENCH_LEVEL_CACHE_MB (LevelDB block cache, default 1024), BENCH_DIR (scratch)
 */
import { ClassicLevel } from 'classic-level';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RootMultiStore } from '../../src/store/root_multistore';

const TOTAL = Number(process.env.BENCH_KEYS ?? 1_000_000);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 10_000);
const READS = Number(process.env.BENCH_READS ?? 200_000);
const CACHE = Number(process.env.BENCH_CACHE ?? 200_000);
const SLAB = Number(process.env.BENCH_SLAB_MB ?? 1024) * 2 ** 20;
const LEVEL_CACHE = Number(process.env.BENCH_LEVEL_CACHE_MB ?? 1024) * 2 ** 20;
const STORE = 'bench';

const now = () => performance.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

/**
 * All keys and values live in two large buffers (no per-key objects, which would inflate the
 * heap the garbage collector scans); key i is 32 random bytes, value i 90..110 random bytes.
 */
const KEYS = randomBytes(32 * TOTAL);
const VALUES = randomBytes(110 * TOTAL);
const keyAt = (i: number) => KEYS.subarray(i * 32, i * 32 + 32);
const valueAt = (i: number) => VALUES.subarray(i * 110, i * 110 + 90 + (VALUES[i * 110] % 21));

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'hm-bench-'));
  const blockCount = Math.ceil(TOTAL / BLOCK);
  const blockRange = (b: number): [number, number] => [b * BLOCK, Math.min(TOTAL, (b + 1) * BLOCK)];
  console.log(`store bench: ${TOTAL} keys in ${blockCount} blocks of ${BLOCK}, node cache ${CACHE}/store, dir ${root}`);

  // --- IAVL multistore -------------------------------------------------------------------
  const ms = await RootMultiStore.open({
    path: path.join(root, 'iavl'),
    storeNames: [STORE],
    nodeCacheSize: CACHE,
    nodeSlabBytes: SLAB,
    levelCacheBytes: LEVEL_CACHE,
  });
  const store = ms.working(STORE);
  const commitMs: number[] = [];
  const commitCpuMs: number[] = [];
  let setMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  for (let b = 0; b < blockCount; b++) {
    const ts = now();
    const [from, to] = blockRange(b);
    for (let i = from; i < to; i++) store.set(keyAt(i), valueAt(i));
    const tc = now();
    setMs += tc - ts;
    const c0 = process.cpuUsage();
    await ms.commit();
    commitMs.push(now() - tc);
    const c1 = process.cpuUsage(c0);
    commitCpuMs.push((c1.user + c1.system) / 1000);
    if ((b + 1) % 10 === 0 || b === blockCount - 1) {
      const keys = to;
      const recent = commitMs.slice(-10);
      console.log(
        `  ${String(keys).padStart(8)} keys  ${Math.round(keys / ((now() - t0) / 1000))} writes/s  ` +
          `last commits ${Math.round(Math.min(...recent))}-${Math.round(Math.max(...recent))} ms  ` +
          `heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
      );
    }
  }
  const writeSeconds = (now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const writeCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const sortedCommits = [...commitMs].sort((a, b) => a - b);
  const sortedCommitCpu = [...commitCpuMs].sort((a, b) => a - b);

  // Random reads of existing keys at the latest committed version through the tree (cache warm
  // from the writes), as historical and proven queries do.
  const version = ms.lastCommitId().version;
  const view = ms.at(STORE, version);
  const tr = now();
  let found = 0;
  for (let i = 0; i < READS; i++) {
    if (view.get(keyAt((i * 104729) % TOTAL)) !== undefined) found++;
  }
  const readSeconds = (now() - tr) / 1000;
  if (found !== READS) throw new Error(`read back ${found} of ${READS}`);
  // The same reads of the working state, which the state machine does: the fast index.
  const tw = now();
  for (let i = 0; i < READS; i++) {
    if (store.get(keyAt((i * 104729) % TOTAL)) === undefined) throw new Error('working read missed');
  }
  const workingReadSeconds = (now() - tw) / 1000;
  await ms.close();
  const iavlBytes = dirSize(path.join(root, 'iavl'));

  // --- Baseline: the same data into plain LevelDB, one batch per block ---------------------
  const db = new ClassicLevel<Buffer, Buffer>(path.join(root, 'plain'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  await db.open();
  const tl = now();
  for (let b = 0; b < blockCount; b++) {
    const batch = db.batch();
    const [from, to] = blockRange(b);
    for (let i = from; i < to; i++) batch.put(keyAt(i), valueAt(i));
    await batch.write({ sync: true });
  }
  const levelSeconds = (now() - tl) / 1000;
  // The floor of a fast-index read: one getSync of a random existing key in plain LevelDB.
  const tg = now();
  for (let i = 0; i < READS; i++) {
    if (db.getSync(keyAt((i * 104729) % TOTAL)) === undefined) throw new Error('plain read missed');
  }
  const levelReadSeconds = (now() - tg) / 1000;
  await db.close();
  const plainBytes = dirSize(path.join(root, 'plain'));

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    keys: TOTAL,
    block_size: BLOCK,
    node_cache_per_store: CACHE,
    node_slab_mb: SLAB / 2 ** 20,
    writes_per_s: Math.round(TOTAL / writeSeconds),
    set_only_writes_per_s: Math.round(TOTAL / (setMs / 1000)),
    commit_ms_p50: +percentile(sortedCommits, 50).toFixed(1),
    commit_ms_p99: +percentile(sortedCommits, 99).toFixed(1),
    commit_ms_max: +sortedCommits[sortedCommits.length - 1].toFixed(1),
    // CPU time of this process (user + system, all threads incl. LevelDB's): what the work costs
    // when the machine is shared and wall-clock numbers are inflated by other processes.
    writes_per_cpu_s: Math.round(TOTAL / writeCpuSeconds),
    commit_cpu_ms_p50: +percentile(sortedCommitCpu, 50).toFixed(1),
    commit_cpu_ms_p99: +percentile(sortedCommitCpu, 99).toFixed(1),
    load_average_1m: +os.loadavg()[0].toFixed(2),
    reads_per_s: Math.round(READS / workingReadSeconds),
    tree_walk_reads_per_s: Math.round(READS / readSeconds),
    bytes_per_key: Math.round(iavlBytes / TOTAL),
    leveldb_batch_writes_per_s: Math.round(TOTAL / levelSeconds),
    leveldb_bytes_per_key: Math.round(plainBytes / TOTAL),
    leveldb_getsync_reads_per_s: Math.round(READS / levelReadSeconds),
  };
  console.log(JSON.stringify(result, null, 2));
  const out = path.join(__dirname, '../../../bench/results/store-latest.json');
  const target = fs.existsSync(path.dirname(out)) ? out : path.join(process.cwd(), 'bench/results/store-latest.json');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${target}`);
  fs.rmSync(root, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
