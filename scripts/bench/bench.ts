/**
 * `npm run bench [-- --quick] [-- --profile]`: signed bank-send throughput of a single-validator
 * HyperMesh devnet against CometBFT's own kvstore app, measured in one run with the same load
 * generator, tx size, consensus and mempool settings. Writes bench/results/latest.json and the
 * Performance table of README.md.
 *
 * Method: step the offered rate up (×1.5 per step, ×2 in quick mode, then one finer step) until the committed rate stops following it;
 * the highest rate still sustained (committed ≥ 95% of offered) is then held for a steady window
 * (30 s; 15 s in quick mode) in which throughput, block interval and inclusion latency are measured.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { addGenesisAccounts } from '../../src/cli/node/genesis_accounts';
import { readGenesis, writeGenesis } from '../../src/cli/node/genesis_file';
import { initHome } from '../../src/cli/node/init_home';
import { cometbftBinary, packageRoot } from '../../src/cli/node/cometbft_binary';
import { setTomlValues } from '../../src/cli/node/toml_edit';
import { coin } from '../../src/types/coins';
import { makeAccounts, type BenchAccount } from './bench_accounts';
import { BlockWatcher, drain, offerLoad, percentile, rpcCall, stopChild, waitHeight, type StepResult } from './load';
import { summariseProfile, type ProfileSummary } from './profile_summary';
import { measureRestLatency } from './rest_latency';
import { runMarketBench } from './market';
import { freePortsFor, updateReadme, machineInfo } from './bench_env';

interface Options {
  quick: boolean;
  profile: boolean;
  accounts: number;
  txsPerAccount: number;
  stepSeconds: number;
  steadySeconds: number;
  startRate: number;
  /** Skip the rate stepping and hold this rate (for profiling a known load). */
  fixedRate?: number;
  /** Measure only this target. */
  only?: 'bank_send' | 'kvstore';
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const num = (flag: string, def: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : def;
  };
  return {
    quick,
    profile: argv.includes('--profile'),
    accounts: num('--accounts', quick ? 2_000 : 10_000),
    txsPerAccount: num('--txs-per-account', quick ? 20 : 12),
    stepSeconds: num('--step-seconds', quick ? 5 : 15),
    steadySeconds: num('--steady-seconds', quick ? 15 : 30),
    startRate: num('--start-rate', 200),
    fixedRate: argv.includes('--rate') ? num('--rate', 0) : undefined,
    only: argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] as Options['only']) : undefined,
  };
}

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Shared CometBFT settings for both targets: same consensus timing, a mempool large enough not to cap blocks. */
const COMET_SETTINGS = {
  rpc: { max_body_bytes: 100_000_000, max_open_connections: 0, max_subscription_clients: 100, timeout_broadcast_tx_commit: '30s', max_request_batch_size: 500 },
  mempool: { size: 200_000, max_txs_bytes: 4_294_967_296, cache_size: 400_000 },
  consensus: { timeout_commit: '1s' },
  tx_index: { indexer: 'kv' },
};

interface Target {
  name: string;
  rpc: string;
  /** The process whose peak RSS is reported (the app; for kvstore, CometBFT with its built-in app). */
  pid: number;
  stop(): Promise<void>;
  profileDir?: string;
  /** REST gateway and addresses to query during the steady window (HyperMesh only). */
  rest?: string;
  restAddresses?: string[];
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function signInWorkers(accounts: BenchAccount[], firstAccountNumber: number, perAccount: number, chainId: string): Promise<Uint8Array[]> {
  const workers = Math.max(1, Math.min(os.cpus().length, 4));
  const slice = Math.ceil(accounts.length / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const mine = accounts.slice(w * slice, (w + 1) * slice);
      return new Promise<Uint8Array[][]>((resolve, reject) => {
        const worker = new Worker(path.join(__dirname, 'sign_worker.js'), {
          workerData: { accounts: mine, firstNumber: firstAccountNumber + w * slice, perAccount, chainId, feeUhyper: '1200', gas: '120000' },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  // round-robin: all sequence-s txs of every account before any sequence-(s+1) tx
  const out: Uint8Array[] = [];
  for (let s = 0; s < perAccount; s++) for (const p of parts) out.push(...p[s]);
  return out;
}

interface PreparedHome {
  home: string;
  ports: Awaited<ReturnType<typeof freePortsFor>>;
  /** Account number of the first bench account (after the accounts `init` creates). */
  firstAccountNumber: number;
}

/** A devnet home whose genesis funds every bench account. */
async function prepareHypermesh(accounts: BenchAccount[], workDir: string): Promise<PreparedHome> {
  const home = path.join(workDir, 'hypermesh');
  const ports = await freePortsFor();
  await initHome({
    home,
    chainId: 'hypermesh-bench-1',
    moniker: 'bench',
    ports,
    timeoutCommit: '1s',
    devAccounts: 1,
    devBalance: 1_000_000_000_000n,
    minimumGasPrices: '0.01uhyper',
    overwrite: true,
  });
  const genesis = readGenesis(path.join(home, 'config', 'genesis.json'));
  const firstAccountNumber = ((genesis.app_state.auth as { accounts?: unknown[] }).accounts ?? []).length;
  addGenesisAccounts(genesis.app_state, accounts.map((a) => ({ address: a.address, coins: [coin(10_000_000_000n, 'uhyper')] })));
  writeGenesis(path.join(home, 'config', 'genesis.json'), genesis);
  const cfg = path.join(home, 'config', 'config.toml');
  fs.writeFileSync(cfg, setTomlValues(fs.readFileSync(cfg, 'utf8'), COMET_SETTINGS));
  return { home, ports, firstAccountNumber };
}

async function startHypermesh(o: Options, prepared: PreparedHome, accounts: BenchAccount[], workDir: string): Promise<Target> {
  const profileDir = o.profile ? path.join(workDir, 'profile') : undefined;
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const p = spawn(process.execPath, [...nodeFlags, path.join(packageRoot(), 'bin', 'hypermesh.js'), 'start', '--home', prepared.home, '--quiet'], {
    stdio: ['ignore', 'ignore', fs.openSync(path.join(workDir, 'hypermesh.stderr'), 'w')],
  });
  const rpc = `http://127.0.0.1:${prepared.ports.rpc}`;
  await waitHeight(rpc, 2);
  return {
    name: 'bank_send',
    rpc,
    pid: p.pid!,
    stop: () => stopChild(p),
    profileDir,
    rest: `http://127.0.0.1:${prepared.ports.api}`,
    restAddresses: accounts.slice(0, 100).map((a) => a.address),
  };
}

async function startKvstore(workDir: string): Promise<Target> {
  const home = path.join(workDir, 'kvstore');
  const ports = await freePortsFor();
  execFileSync(cometbftBinary(), ['init', '--home', home], { stdio: 'ignore' });
  const cfg = path.join(home, 'config', 'config.toml');
  fs.writeFileSync(
    cfg,
    setTomlValues(fs.readFileSync(cfg, 'utf8'), {
      ...COMET_SETTINGS,
      rpc: { ...COMET_SETTINGS.rpc, laddr: `tcp://127.0.0.1:${ports.rpc}` },
      p2p: { laddr: `tcp://127.0.0.1:${ports.p2p}` },
      instrumentation: { prometheus: false },
    }),
  );
  const p = spawn(cometbftBinary(), ['start', '--home', home, '--proxy_app=kvstore'], {
    stdio: ['ignore', fs.openSync(path.join(workDir, 'kvstore.log'), 'w'), 'inherit'],
  });
  const rpc = `http://127.0.0.1:${ports.rpc}`;
  await waitHeight(rpc, 2);
  return { name: 'kvstore', rpc, pid: p.pid!, stop: () => stopChild(p) };
}

/** kvstore txs "bench<n>=<padding>" of exactly `size` bytes, as many as the load asks for. */
function* kvTxs(size: number): Generator<Uint8Array> {
  for (let i = 0; ; i++) {
    const key = `bench${i.toString(36)}`;
    yield Buffer.from(`${key}=${'v'.repeat(Math.max(1, size - key.length - 1))}`);
  }
}

interface Measured {
  tps: number;
  offered_rate: number;
  block_interval_ms_p50: number;
  latency_ms_p50: number;
  latency_ms_p99: number;
  rss_mb: number;
  committed: number;
  failed_in_block: number;
  mempool_rejections: number;
  reject_reasons: Record<string, number>;
  duplicates: number;
  steps: { offered: number; committed_tps: number }[];
  rest_balance_latency?: Awaited<ReturnType<typeof measureRestLatency>>;
}

interface SteadyWindow {
  t0: number;
  t1: number;
  load: StepResult;
  windowBlocks: BlockWatcher['blocks'];
  latencies: number[];
  /** Txs of this window committed (code 0) by its end + 3 s, each counted once. */
  committed: number;
  /** Txs of this window included in a block but failed there (not counted as committed). */
  failedInBlock: number;
  restLatency?: Awaited<ReturnType<typeof measureRestLatency>>;
}

/** Offers `rate` tx/s for the steady window and collects what was committed in it. */
async function steadyWindow(target: Target, source: Iterator<Uint8Array>, rate: number, o: Options, sentAt: Map<string, number>, watcher: BlockWatcher): Promise<SteadyWindow> {
  const t0 = performance.now();
  // REST balance queries at a steady pace from a worker thread while the load runs
  const restLatency = target.rest ? measureRestLatency(target.rest, target.restAddresses!, o.steadySeconds * 1000) : undefined;
  const load = await offerLoad(target.rpc, source, rate, o.steadySeconds, sentAt);
  await new Promise((res) => setTimeout(res, 3000));
  await drain(target.rpc, 30_000);
  const t1 = load.endedAt;
  const windowBlocks = watcher.blocks.filter((b) => b.seenAt >= t0 && b.seenAt <= t1 + 3000);
  const latencies: number[] = [];
  const counted = new Set<string>();
  let failedInBlock = 0;
  for (const b of windowBlocks) {
    // a tx counts as committed only once, and only when it succeeded (code 0 in block_results)
    const results: { code?: number }[] = (await rpcCall(target.rpc, 'block_results', { height: String(b.height) })).txs_results ?? [];
    b.txHashes.forEach((h, i) => {
      const s = sentAt.get(h);
      if (s === undefined || s < t0 || counted.has(h)) return;
      if ((results[i]?.code ?? 0) !== 0) {
        failedInBlock++;
        return;
      }
      counted.add(h);
      latencies.push(b.seenAt - s);
    });
  }
  return { t0, t1, load, windowBlocks, latencies, committed: counted.size, failedInBlock, restLatency: restLatency ? await restLatency : undefined };
}

async function measure(target: Target, txs: Iterable<Uint8Array>, o: Options): Promise<Measured> {
  const sentAt = new Map<string, number>();
  const watcher = new BlockWatcher(target.rpc);
  await watcher.start();
  const source = txs[Symbol.iterator]();
  const committedBetween = (t0: number, t1: number) => {
    const inWindow = watcher.blocks.filter((b) => b.seenAt >= t0 && b.seenAt <= t1);
    return inWindow.reduce((n, b) => n + b.txHashes.filter((h) => sentAt.has(h)).length, 0);
  };

  // 1. step the offered rate up until the chain stops keeping up: a step is kept up when every
  //    tx was accepted and the mempool is empty again within 3 blocks after the step ends
  const steps: { offered: number; committed_tps: number }[] = [];
  let rate = o.startRate;
  let sustained = o.fixedRate ?? 0;
  let refined = false;
  const rejections: StepResult[] = [];
  while (o.fixedRate === undefined) {
    const t0 = performance.now();
    const r = await offerLoad(target.rpc, source, rate, o.stepSeconds, sentAt);
    rejections.push(r);
    const drained = await drain(target.rpc, 3_500);
    const seconds = (r.endedAt - r.startedAt) / 1000;
    const tps = committedBetween(t0, performance.now()) / seconds;
    // kept up: the node accepted the offered pace (broadcast_tx_sync waits for CheckTx), refused
    // nothing, and its mempool emptied within a few blocks of the step's end
    const accepted = r.sent / seconds >= 0.95 * rate;
    const keptUp = accepted && drained && r.rejected === 0;
    steps.push({ offered: rate, committed_tps: Math.round(tps) });
    log(`${target.name}: offered ${rate} tx/s, accepted ${(r.sent / seconds).toFixed(0)} tx/s → committed ${tps.toFixed(0)} tx/s, ${r.rejected} rejected, ${keptUp ? 'kept up' : 'saturated'}`);
    await drain(target.rpc);
    if (r.dry) {
      log(`${target.name}: generator ran out of txs`);
      break;
    }
    if (keptUp) sustained = rate;
    else if (!refined && sustained > 0 && rate > sustained * 1.2) {
      // one finer step between the last rate kept up and this one
      refined = true;
      rate = Math.round((sustained + rate) / 2);
      continue;
    } else break;
    rate = refined ? Math.round(rate * 1.2) : Math.round(rate * (o.quick ? 2 : 1.5));
  }
  if (sustained === 0) sustained = o.startRate;

  // 2. steady window at the highest sustained rate. A rate kept up for a short step can still
  //    fall behind over the longer window (the mempool and blocks keep growing); then the window
  //    is repeated at 0.8× the rate, at most twice (quick: 0.6×, once), so the figure reported is a sustained one.
  let attempt: SteadyWindow;
  for (let tries = 0; ; tries++) {
    log(`${target.name}: steady window of ${o.steadySeconds} s at ${sustained} tx/s`);
    attempt = await steadyWindow(target, source, sustained, o, sentAt, watcher);
    rejections.push(attempt.load);
    // against the offered rate: broadcast_tx_sync slows the sender down to what CheckTx keeps up with
    const keptUp = attempt.committed >= 0.9 * sustained * o.steadySeconds;
    // quick mode (a run under 5 minutes): one retry, a bigger cut
    if (keptUp || tries === (o.quick ? 1 : 2) || o.fixedRate !== undefined) break;
    log(`${target.name}: committed only ${attempt.committed} of ${sustained * o.steadySeconds} offered within the window; retrying at a lower rate`);
    await drain(target.rpc, o.quick ? 30_000 : 120_000);
    sustained = Math.round(sustained * (o.quick ? 0.6 : 0.8));
  }
  await watcher.stop();
  const { t0, t1, windowBlocks, latencies, committed, failedInBlock, restLatency } = attempt;

  const intervals: number[] = [];
  for (let i = 1; i < windowBlocks.length; i++) intervals.push(windowBlocks[i].timeMs - windowBlocks[i - 1].timeMs);
  const seen = new Map<string, number>();
  for (const b of watcher.blocks) for (const h of b.txHashes) seen.set(h, (seen.get(h) ?? 0) + 1);
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  const reasons: Record<string, number> = {};
  for (const r of rejections) for (const [k, v] of Object.entries(r.rejectReasons)) reasons[k] = (reasons[k] ?? 0) + v;

  return {
    tps: +(committed / ((t1 - t0) / 1000)).toFixed(1),
    offered_rate: sustained,
    block_interval_ms_p50: percentile(intervals, 50),
    latency_ms_p50: Math.round(percentile(latencies, 50)),
    latency_ms_p99: Math.round(percentile(latencies, 99)),
    rss_mb: peakRssMb(target.pid),
    committed,
    failed_in_block: failedInBlock,
    mempool_rejections: rejections.reduce((n, r) => n + r.rejected, 0),
    reject_reasons: reasons,
    duplicates,
    steps,
    ...(restLatency ? { rest_balance_latency: restLatency } : {}),
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-bench-'));
  const started = new Date();
  log(`mode ${o.quick ? 'quick' : 'full'}: ${o.accounts} accounts × ${o.txsPerAccount} txs, steps of ${o.stepSeconds} s, steady ${o.steadySeconds} s; work dir ${workDir}`);

  log('creating accounts and signing bank sends...');
  const accounts = makeAccounts(o.accounts);
  const signStart = performance.now();
  // account numbers: the one dev account of `init` is 0, bench accounts follow from 1
  const prepared = await prepareHypermesh(accounts, workDir);
  const txs = await signInWorkers(accounts, prepared.firstAccountNumber, o.txsPerAccount, 'hypermesh-bench-1');
  log(`signed ${txs.length} txs in ${((performance.now() - signStart) / 1000).toFixed(1)} s (avg ${Math.round(txs.reduce((n, t) => n + t.length, 0) / txs.length)} bytes)`);
  const txSize = Math.round(txs.reduce((n, t) => n + t.length, 0) / txs.length);

  const results: Record<string, unknown> = {};
  let profile: ProfileSummary | undefined;

  if (o.only !== 'kvstore') {
  log('starting the HyperMesh devnet...');
  const hm = await startHypermesh(o, prepared, accounts, workDir);
  try {
    results.bank_send = await measure(hm, txs, o);
  } finally {
    await hm.stop();
  }
  if (hm.profileDir && fs.existsSync(hm.profileDir)) {
    const files = fs.readdirSync(hm.profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const biggest = files.map((f) => path.join(hm.profileDir!, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    if (biggest) {
      profile = summariseProfile(biggest);
      fs.mkdirSync(path.join(packageRoot(), 'bench', 'results'), { recursive: true });
      fs.copyFileSync(biggest, path.join(packageRoot(), 'bench', 'results', 'bank_send.cpuprofile'));
    }
  }

  }
  if (o.only !== 'bank_send') {
    log('starting CometBFT kvstore (baseline)...');
    const kv = await startKvstore(workDir);
    try {
      results.kvstore = await measure(kv, kvTxs(txSize), o);
    } finally {
      await kv.stop();
    }
  }
  if (!o.only) {
    log('market: order book load on its own devnet...');
    results.market = await runMarketBench({ quick: o.quick, steadySeconds: o.quick ? 10 : 30, workDir, log: (m) => log(`market: ${m}`) });
  }
  if (o.only) {
    log(`only ${o.only}: ${JSON.stringify(results[o.only], null, 1)}`);
    if (profile) for (const c of profile.categories.slice(0, 10)) log(`  ${(c.shareOfBusy * 100).toFixed(1)}%  ${c.name}`);
    fs.rmSync(workDir, { recursive: true, force: true });
    return;
  }

  const bank = results.bank_send as Measured;
  const base = results.kvstore as Measured;
  const out = {
    date: started.toISOString(),
    mode: o.quick ? 'quick' : 'full',
    tx_bytes: txSize,
    accounts: o.accounts,
    bank_send: bank,
    kvstore: base,
    ratio: +(bank.tps / base.tps).toFixed(3),
    market: results.market,
    machine: machineInfo(),
    ...(profile ? { profile } : {}),
  };
  const dir = path.join(packageRoot(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  updateReadme(out);
  log(`bank_send ${bank.tps} tx/s, kvstore ${base.tps} tx/s, ratio ${out.ratio}; written bench/results/latest.json`);
  if (profile) {
    log('where the app spends its busy time:');
    for (const c of profile.categories.slice(0, 8)) log(`  ${(c.shareOfBusy * 100).toFixed(1)}%  ${c.name}`);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
