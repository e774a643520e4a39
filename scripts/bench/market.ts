/**
 * Market load benchmark: orders per second placed and matched by a single-validator HyperMesh
 * devnet. `runMarketBench(opts)` is called by bench.ts (`npm run bench`); alone:
 *
 *   npm run build && node dist/scripts/bench/market.js [--quick] [--accounts N] [--profile DIR]
 *
 * Use thousands of accounts: with fewer than the txs in flight (8 batches of 100), an account's
 * next order can reach CheckTx before its previous one and is refused (sdk/32).
 *
 * Method: N funded accounts (half sellers, half buyers, each holding uhyper and rcpu from
 * genesis: the book is measured, not x/resource's minting) pre-sign K one-lot limit orders each
 * at the same price (10,000 uhyper per rcpu), interleaved sell/buy, so every buy meets a resting
 * sell and the book stays shallow: each pair of orders is one trade. The offered order rate is
 * stepped up (×1.5) until the chain stops keeping up (same rule as bench.ts: every order accepted
 * and the mempool empty within 3 blocks), then the highest sustained rate is held for a steady
 * window in which committed orders/s and trades/s (the `Trades` query's count over the window's
 * heights), block interval and inclusion latency are measured.
 */
import { spawn } from 'node:child_process';
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { AuthInfo, SignDoc, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { OrderType, Side, TimeInForce } from '../../src/gen/hypermesh/market/v1/market';
import { QueryTradesRequest, QueryTradesResponse } from '../../src/gen/hypermesh/market/v1/query';
import { MsgPlaceOrder } from '../../src/gen/hypermesh/market/v1/tx';
import { addGenesisAccounts } from '../../src/cli/node/genesis_accounts';
import { readGenesis, writeGenesis } from '../../src/cli/node/genesis_file';
import { initHome } from '../../src/cli/node/init_home';
import { packageRoot } from '../../src/cli/node/cometbft_binary';
import { setTomlValues } from '../../src/cli/node/toml_edit';
import { Dec } from '../../src/types/dec';
import { lowS, makeAccounts, privateKeyObject, type BenchAccount } from './bench_accounts';
import { freePortsFor } from './bench_env';
import { BlockWatcher, drain, offerLoad, percentile, rpcCall, stopChild, waitHeight, type StepResult } from './load';

export interface MarketBenchOptions {
  quick?: boolean;
  /** Accounts placing orders (even: sellers, odd: buyers). */
  accounts?: number;
  ordersPerAccount?: number;
  stepSeconds?: number;
  steadySeconds?: number;
  startRate?: number;
  /** Where the devnet lives (default: a new temp dir, removed afterwards). */
  workDir?: string;
  log?: (message: string) => void;
  /** Write a CPU profile of the app here (node --cpu-prof). */
  profileDir?: string;
}

export interface MarketBenchResult {
  /** committed order txs per second in the steady window (one MsgPlaceOrder per tx) */
  orders_per_s: number;
  /** trades per second in the steady window (a trade fills one buy against one resting sell) */
  matched_per_s: number;
  offered_rate: number;
  committed_orders: number;
  trades: number;
  tx_bytes: number;
  block_interval_ms_p50: number;
  latency_ms_p50: number;
  latency_ms_p99: number;
  mempool_rejections: number;
  reject_reasons: Record<string, number>;
  accounts: number;
  steps: { offered: number; committed_orders_per_s: number }[];
}

const CHAIN_ID = 'hypermesh-bench-market-1';
const PRICE = Dec.fromInt(10_000).toProto();
const FEE_UHYPER = '2000';
const GAS = 200_000n;
/** Same CometBFT settings as bench.ts: 1 s blocks, a mempool that never caps them. */
const COMET_SETTINGS = {
  rpc: { max_body_bytes: 100_000_000, max_open_connections: 0, max_subscription_clients: 100, timeout_broadcast_tx_commit: '30s', max_request_batch_size: 500 },
  mempool: { size: 200_000, max_txs_bytes: 4_294_967_296, cache_size: 400_000 },
  consensus: { timeout_commit: '1s' },
  tx_index: { indexer: 'kv' },
};

// --- signing (node:crypto, in worker threads when compiled) -----------------------------------

interface SignJob {
  accounts: { priv: Uint8Array; pubkey: Uint8Array; address: string }[];
  firstIndex: number;
  firstNumber: number;
  perAccount: number;
}

/** One signed MsgPlaceOrder tx: a one-lot rcpu limit order at PRICE, GTC. */
function orderTx(a: { pubkey: Uint8Array; address: string }, key: KeyObject, accountNumber: number, sequence: number, sell: boolean): Uint8Array {
  const msg = MsgPlaceOrder.fromPartial({ owner: a.address, denom: 'rcpu', side: sell ? Side.SIDE_SELL : Side.SIDE_BUY, orderType: OrderType.ORDER_TYPE_LIMIT, timeInForce: TimeInForce.TIME_IN_FORCE_GTC, price: PRICE, quantity: '1' });
  const body = TxBody.encode(TxBody.fromPartial({ messages: [{ typeUrl: MsgPlaceOrder.typeUrl, value: MsgPlaceOrder.encode(msg).finish() }] })).finish();
  const authInfo = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: [{ publicKey: { typeUrl: PubKey.typeUrl, value: PubKey.encode({ key: a.pubkey }).finish() }, modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } }, sequence: BigInt(sequence) }],
      fee: { amount: [{ denom: 'uhyper', amount: FEE_UHYPER }], gasLimit: GAS },
    }),
  ).finish();
  const doc = SignDoc.encode({ bodyBytes: body, authInfoBytes: authInfo, chainId: CHAIN_ID, accountNumber: BigInt(accountNumber) }).finish();
  const sig = lowS(cryptoSign('sha256', doc, { key, dsaEncoding: 'ieee-p1363' }));
  return TxRaw.encode({ bodyBytes: body, authInfoBytes: authInfo, signatures: [sig] }).finish();
}

/** rounds[s] = every account's sequence-s order, sells and buys interleaved. */
function signJob(job: SignJob): Uint8Array[][] {
  const keys = job.accounts.map((a) => privateKeyObject({ priv: Buffer.from(a.priv) }));
  const rounds: Uint8Array[][] = [];
  for (let s = 0; s < job.perAccount; s++) {
    rounds.push(job.accounts.map((a, i) => orderTx(a, keys[i], job.firstNumber + i, s, (job.firstIndex + i) % 2 === 0)));
  }
  return rounds;
}

async function signAll(accounts: BenchAccount[], firstNumber: number, perAccount: number): Promise<Uint8Array[]> {
  const workers = __filename.endsWith('.js') ? Math.max(1, Math.min(os.cpus().length, 4)) : 1;
  // an even slice size keeps every slice starting with a seller
  const slice = Math.ceil(accounts.length / workers / 2) * 2;
  const jobs: SignJob[] = [];
  for (let w = 0; w * slice < accounts.length; w++) {
    jobs.push({ accounts: accounts.slice(w * slice, (w + 1) * slice), firstIndex: w * slice, firstNumber: firstNumber + w * slice, perAccount });
  }
  const parts = await Promise.all(
    jobs.map((job) =>
      workers === 1
        ? Promise.resolve(signJob(job))
        : new Promise<Uint8Array[][]>((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { marketSignJob: job } });
            w.once('message', resolve);
            w.once('error', reject);
          }),
    ),
  );
  const out: Uint8Array[] = [];
  for (let s = 0; s < perAccount; s++) for (const p of parts) out.push(...p[s]);
  return out;
}

if (!isMainThread && (workerData as { marketSignJob?: SignJob } | undefined)?.marketSignJob) {
  parentPort!.postMessage(signJob((workerData as { marketSignJob: SignJob }).marketSignJob));
}

// --- the devnet ------------------------------------------------------------------------------

/** Trades of rcpu in [from, to] (heights), from the chain's Trades query. */
async function tradesBetween(rpc: string, from: number, to: number): Promise<number> {
  const data = QueryTradesRequest.encode(QueryTradesRequest.fromPartial({ denom: 'rcpu', fromHeight: BigInt(from), toHeight: BigInt(to), pagination: PageRequest.fromPartial({ limit: 1n, countTotal: true }) })).finish();
  const r = await rpcCall(rpc, 'abci_query', { path: '/hypermesh.market.v1.Query/Trades', data: Buffer.from(data).toString('hex') });
  if (r.response.code) throw new Error(`Trades query: ${r.response.log}`);
  return Number(QueryTradesResponse.decode(Buffer.from(r.response.value, 'base64')).pagination!.total);
}

export async function runMarketBench(opts: MarketBenchOptions = {}): Promise<MarketBenchResult> {
  const quick = opts.quick ?? false;
  const log = opts.log ?? ((m: string) => process.stderr.write(`[market bench] ${m}\n`));
  const accountsN = opts.accounts ?? (quick ? 2_000 : 6_000);
  const perAccount = opts.ordersPerAccount ?? (quick ? 15 : 20);
  const stepSeconds = opts.stepSeconds ?? (quick ? 8 : 15);
  const steadySeconds = opts.steadySeconds ?? 30;
  const ownDir = !opts.workDir;
  const workDir = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hm-bench-market-'));
  const home = path.join(workDir, 'hypermesh-market');

  log(`${accountsN} accounts × ${perAccount} one-lot orders at 10,000 uhyper/rcpu`);
  const accounts = makeAccounts(accountsN);
  const ports = await freePortsFor();
  await initHome({ home, chainId: CHAIN_ID, moniker: 'bench-market', ports, timeoutCommit: '1s', devAccounts: 1, devBalance: 1_000_000_000_000n, minimumGasPrices: '0.01uhyper', overwrite: true });
  const genesisFile = path.join(home, 'config', 'genesis.json');
  const genesis = readGenesis(genesisFile);
  const firstNumber = ((genesis.app_state.auth as { accounts?: unknown[] }).accounts ?? []).length;
  // resource tokens from genesis: the benchmark measures the book, not x/resource's minting
  addGenesisAccounts(genesis.app_state, accounts.map((a) => ({ address: a.address, coins: [{ denom: 'rcpu', amount: 1_000_000n }, { denom: 'uhyper', amount: 10_000_000_000n }] })));
  Object.assign((genesis.app_state.market as { params: Record<string, unknown> }).params, { max_orders_per_block: 1_000_000, max_open_orders: 10_000 });
  writeGenesis(genesisFile, genesis);
  const cfg = path.join(home, 'config', 'config.toml');
  fs.writeFileSync(cfg, setTomlValues(fs.readFileSync(cfg, 'utf8'), COMET_SETTINGS));

  const signStart = performance.now();
  const txs = await signAll(accounts, firstNumber, perAccount);
  const txBytes = Math.round(txs.reduce((n, t) => n + t.length, 0) / txs.length);
  log(`signed ${txs.length} order txs in ${((performance.now() - signStart) / 1000).toFixed(1)} s (${txBytes} bytes each)`);

  const nodeFlags = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  const p = spawn(process.execPath, [...nodeFlags, path.join(packageRoot(), 'bin', 'hypermesh.js'), 'start', '--home', home, '--quiet'], { stdio: ['ignore', 'ignore', fs.openSync(path.join(workDir, 'hypermesh-market.stderr'), 'w')] });
  const rpc = `http://127.0.0.1:${ports.rpc}`;
  try {
    await waitHeight(rpc, 2);
    const sentAt = new Map<string, number>();
    const watcher = new BlockWatcher(rpc);
    await watcher.start();
    const source = txs[Symbol.iterator]();
    const committedBetween = (t0: number, t1: number) => watcher.blocks.filter((b) => b.seenAt >= t0 && b.seenAt <= t1).reduce((n, b) => n + b.txHashes.filter((h) => sentAt.has(h)).length, 0);

    const steps: { offered: number; committed_orders_per_s: number }[] = [];
    const rejections: StepResult[] = [];
    let rate = opts.startRate ?? 100;
    let sustained = 0;
    for (;;) {
      const t0 = performance.now();
      const r = await offerLoad(rpc, source, rate, stepSeconds, sentAt);
      rejections.push(r);
      const drained = await drain(rpc, 3_500);
      const seconds = (r.endedAt - r.startedAt) / 1000;
      const tps = committedBetween(t0, performance.now()) / seconds;
      const keptUp = r.sent / seconds >= 0.95 * rate && drained && r.rejected === 0;
      steps.push({ offered: rate, committed_orders_per_s: Math.round(tps) });
      log(`offered ${rate} orders/s → committed ${tps.toFixed(0)}/s, ${r.rejected} rejected, ${keptUp ? 'kept up' : 'saturated'}`);
      await drain(rpc);
      if (r.dry || !keptUp) break;
      sustained = rate;
      rate = Math.round(rate * 1.5);
    }
    if (sustained === 0) sustained = opts.startRate ?? 100;

    log(`steady window of ${steadySeconds} s at ${sustained} orders/s`);
    const t0 = performance.now();
    const steady = await offerLoad(rpc, source, sustained, steadySeconds, sentAt);
    rejections.push(steady);
    if (steady.dry) log(`the pre-signed orders ran out during the steady window: raise --accounts or --orders-per-account`);
    await new Promise((res) => setTimeout(res, 3000));
    await drain(rpc, 30_000);
    await watcher.stop();
    const t1 = steady.endedAt;
    const window = watcher.blocks.filter((b) => b.seenAt >= t0 && b.seenAt <= t1 + 3000);
    const latencies: number[] = [];
    let committed = 0;
    for (const b of window) {
      for (const h of b.txHashes) {
        const s = sentAt.get(h);
        if (s !== undefined && s >= t0) {
          latencies.push(b.seenAt - s);
          committed++;
        }
      }
    }
    const intervals = window.slice(1).map((b, i) => b.timeMs - window[i].timeMs);
    const trades = window.length > 0 ? await tradesBetween(rpc, window[0].height, window[window.length - 1].height) : 0;
    const secs = (t1 - t0) / 1000;
    const reasons: Record<string, number> = {};
    for (const r of rejections) for (const [k, v] of Object.entries(r.rejectReasons)) reasons[k] = (reasons[k] ?? 0) + v;
    const result: MarketBenchResult = {
      orders_per_s: +(committed / secs).toFixed(1),
      matched_per_s: +(trades / secs).toFixed(1),
      offered_rate: sustained,
      committed_orders: committed,
      trades,
      tx_bytes: txBytes,
      block_interval_ms_p50: percentile(intervals, 50),
      latency_ms_p50: Math.round(percentile(latencies, 50)),
      latency_ms_p99: Math.round(percentile(latencies, 99)),
      mempool_rejections: rejections.reduce((n, r) => n + r.rejected, 0),
      reject_reasons: reasons,
      accounts: accountsN,
      steps,
    };
    log(`${result.orders_per_s} orders/s committed, ${result.matched_per_s} trades/s`);
    return result;
  } finally {
    await stopChild(p);
    if (ownDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (isMainThread && require.main === module) {
  const argv = process.argv.slice(2);
  const num = (flag: string) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : undefined);
  const prof = argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined;
  runMarketBench({ quick: argv.includes('--quick'), accounts: num('--accounts'), ordersPerAccount: num('--orders-per-account'), startRate: num('--start-rate'), steadySeconds: num('--steady-seconds'), profileDir: prof }).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`market bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
