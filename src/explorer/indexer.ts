/**
 * The explorer's indexer: block and tx summaries, indexes by address and height, validator
 * uptime, and pre-aggregated analytics, in its own LevelDB (DATA/explorer.db). It is NOT
 * consensus state: values are JSON, it can be deleted and rebuilt from CometBFT's RPC, and
 * nothing in it is hashed or proven.
 *
 * Keys (heights zero-padded to 12 digits, tx indexes to 6, so byte order is numeric order):
 *
 *   s/meta                   {first, latest, latestTimeMs, chainId}
 *   b/<h>                    BlockSummary
 *   bh/<BLOCKHASH>           height
 *   h/<h>/<i>                tx hash (the txs of a block, and the global "latest txs" order)
 *   t/<TXHASH>               TxRecord
 *   a/<address>/<h>/<i>      tx hash (the txs that touched an address)
 *   ac/<address>             number of txs that touched it
 *   g/<L>/<k>                Stats of heights [k·L, k·L + L − 1] for L in LEVELS (analytics)
 *   v/<CONSADDR>             ValidatorUptime over the whole index
 *   vu/<CONSADDR>/<k>        {signed, expected} over heights [k·1000, k·1000 + 999]
 *
 * Feeding: the node calls onBlock(req, res, appHash) after each Commit. That only queues the
 * block; a single worker turns queued blocks into records and writes them in one LevelDB batch
 * per drain, so block processing is never slowed by more than a push, and no error reaches
 * consensus (it is logged and the block retried or skipped). Blocks are indexed in height
 * order without holes: a gap (the indexer was enabled late, or the node crashed between its
 * commit and our batch) is filled from CometBFT's RPC first (catchUp). Already indexed heights
 * are ignored, so replays and repeated catch-ups change nothing.
 */
import { createHash } from 'node:crypto';
import { ClassicLevel } from 'classic-level';
import { TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryPoolRequest, QueryPoolResponse } from 'cosmjs-types/cosmos/staking/v1beta1/query';
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import type { Logger } from '../abci/logger';
import { silentLogger } from '../abci/logger';
import { fromAbci, fromRpc, needsLastValidators, type BlockInput, type InputEvent, type RpcBlock, type RpcBlockResults } from './block_input';
import { cometRpc, type CometRpc } from './rpc';
import { addStats, coverRange, emptyStats, LEVELS, planSeries, statsOf, toPoint, type Piece } from './stats';
import type { BlockSummary, IndexStatus, Page, Sample, Series, Stats, TxRecord, ValidatorUptime } from './types';

/** Runs an ABCI query (the app's query router): response bytes, or throws. `height` 0/absent = latest. */
export type QueryFn = (path: string, data: Uint8Array, height?: number) => Promise<Uint8Array> | Uint8Array;

export const SUPPLY_OF_PATH = '/cosmos.bank.v1beta1.Query/SupplyOf';
export const STAKING_POOL_PATH = '/cosmos.staking.v1beta1.Query/Pool';

export interface IndexerOptions {
  /** Directory of the LevelDB (created if missing), e.g. DATA/explorer.db. */
  path: string;
  /** The chain's ABCI query function, for supply and staking-pool samples. */
  query?: QueryFn;
  /** CometBFT RPC URL used to fill gaps automatically. */
  rpcUrl?: string;
  /** When set and different from the one the index was built for, the index is wiped. */
  chainId?: string;
  /** Denom of fee, burn and supply analytics (default uhyper). */
  denom?: string;
  /** Take a supply/pool sample every N blocks (default 1). */
  sampleEvery?: number;
  logger?: Logger;
  /** Live blocks kept in memory while the worker is behind (default 10,000; older ones are dropped and later caught up from RPC). */
  maxQueue?: number;
  /** How long a gap may wait for RPC catch-up before the indexer moves on without it (default 120 s). */
  gapWaitMs?: number;
}

/** Blocks per uptime bucket. */
const UPTIME_BUCKET = 1000;
const MAX_LOG = 2000;
const MAX_ADDRESSES_PER_TX = 1000;
const BATCH_BLOCKS = 500;

type Db = ClassicLevel<string, any>;
type QueueItem = { height: number; input: () => BlockInput };
interface Meta {
  first: number;
  latest: number;
  latestTimeMs: number;
  chainId?: string;
}
interface UptimeBucket {
  signed: number;
  expected: number;
}

export const pad = (n: number, w = 12): string => String(n).padStart(w, '0');
const K = {
  meta: 's/meta',
  block: (h: number) => `b/${pad(h)}`,
  blockHash: (hash: string) => `bh/${hash}`,
  heightTx: (h: number, i: number) => `h/${pad(h)}/${pad(i, 6)}`,
  tx: (hash: string) => `t/${hash}`,
  addrTx: (a: string, h: number, i: number) => `a/${a}/${pad(h)}/${pad(i, 6)}`,
  addrCount: (a: string) => `ac/${a}`,
  bucket: (level: number, index: number) => `g/${pad(level, 6)}/${pad(index)}`,
  validator: (a: string) => `v/${a}`,
  uptime: (a: string, k: number) => `vu/${a}/${pad(k)}`,
};

const ADDRESS_RE = /^[a-z][a-z0-9]{0,82}1[02-9ac-hj-np-z]{6,}$/;

/** Sums the `denom` amounts of a coins string ("10uhyper,5rcpu"); unparsable parts count as 0. */
export function amountOf(coins: string, denom: string): bigint {
  let sum = 0n;
  for (const part of coins.split(',')) {
    const m = /^\s*(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)\s*$/.exec(part);
    if (m && m[2] === denom) sum += BigInt(m[1]);
  }
  return sum;
}

function addCoins(into: Map<string, bigint>, coins: string): void {
  for (const part of coins.split(',')) {
    const m = /^\s*(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)\s*$/.exec(part);
    if (m) into.set(m[2], (into.get(m[2]) ?? 0n) + BigInt(m[1]));
  }
}

function coinsString(m: Map<string, bigint>): string {
  return [...m.entries()]
    .filter(([, a]) => a > 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([d, a]) => `${a}${d}`)
    .join(',');
}

function attrs(events: InputEvent[], type: string, key: string): string[] {
  const out: string[] = [];
  for (const e of events) if (e.type === type) for (const a of e.attributes) if (a.key === key) out.push(a.value);
  return out;
}

export function txHash(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').toUpperCase();
}

/** Type URLs and memo of a tx's body; empty when the bytes are not a cosmos tx. */
function decodeBody(raw: Uint8Array): { msgTypes: string[]; memo: string } {
  try {
    const body = TxBody.decode(TxRaw.decode(raw).bodyBytes);
    return { msgTypes: body.messages.map((m) => m.typeUrl), memo: body.memo };
  } catch {
    return { msgTypes: [], memo: '' };
  }
}

export class ExplorerIndexer {
  /** Store reads made by queries and indexing (each key fetched or iterated counts one). */
  reads = 0;
  private meta: Meta = { first: 0, latest: 0, latestTimeMs: 0 };
  private readonly queue: QueueItem[] = [];
  private worker: Promise<void> | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly buckets = new Map<string, Stats>();
  private readonly validators = new Map<string, ValidatorUptime>();
  private readonly uptime = new Map<string, UptimeBucket>();
  private readonly addrCounts = new Map<string, number>();
  private readonly listeners = new Set<(b: BlockSummary, txs: TxRecord[]) => void>();
  private readonly log: Logger;
  private readonly denom: string;
  private readonly rpc: CometRpc | undefined;
  private gapSince = 0;
  private closed = false;

  private constructor(
    private readonly db: Db,
    private readonly opts: IndexerOptions,
  ) {
    this.log = opts.logger ?? silentLogger;
    this.denom = opts.denom ?? 'uhyper';
    this.rpc = opts.rpcUrl ? cometRpc(opts.rpcUrl) : undefined;
  }

  static async open(opts: IndexerOptions): Promise<ExplorerIndexer> {
    const db: Db = new ClassicLevel<string, any>(opts.path, { keyEncoding: 'utf8', valueEncoding: 'json' });
    await db.open();
    const ix = new ExplorerIndexer(db, opts);
    const meta = (await db.get(K.meta)) as Meta | undefined;
    if (meta) ix.meta = meta;
    if (opts.chainId && meta?.chainId && meta.chainId !== opts.chainId) {
      ix.log.warn({ indexed: meta.chainId, chainId: opts.chainId }, 'explorer index belongs to another chain; rebuilding it');
      await db.clear();
      ix.meta = { first: 0, latest: 0, latestTimeMs: 0 };
    }
    if (opts.chainId) ix.meta.chainId = opts.chainId;
    return ix;
  }

  // --- feeding ------------------------------------------------------------------------

  /** Queues a committed block. Cheap and never throws: call it right after Commit. */
  onBlock(req: RequestFinalizeBlock, res: ResponseFinalizeBlock, appHash?: Uint8Array): void {
    try {
      if (this.closed) return;
      const height = Number(req.height);
      if (height <= this.meta.latest) return;
      this.queue.push({ height, input: () => fromAbci(req, res, appHash) });
      const max = this.opts.maxQueue ?? 10_000;
      if (this.queue.length > max) this.queue.splice(0, this.queue.length - max);
      this.kick();
    } catch (err) {
      this.log.error({ err }, 'explorer: cannot queue block');
    }
  }

  /** Resolves when every queued block has been written (or given up on). */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
    await this.lock;
  }

  /**
   * Indexes the blocks CometBFT has and we do not (from latest+1 up to its latest height, or
   * `to`). Safe to repeat: indexed heights are skipped. Returns how many blocks were indexed.
   */
  async catchUp(rpcUrl?: string, o: { to?: number; concurrency?: number } = {}): Promise<number> {
    const rpc = rpcUrl ? cometRpc(rpcUrl) : this.rpc;
    if (!rpc) throw new Error('catchUp needs a CometBFT RPC URL');
    return this.exclusive(async () => {
      const status = await rpc.call('status');
      const top = Math.min(Number(status.sync_info.latest_block_height), o.to ?? Infinity);
      return this.catchUpRange(rpc, this.meta.latest + 1, top, o.concurrency ?? 4);
    });
  }

  /** Flushes pending work and closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    await this.idle().catch(() => undefined);
    this.listeners.clear();
    await this.db.close();
  }

  /** Called with every newly indexed block, after it is stored. Returns the unsubscribe function. */
  subscribe(fn: (b: BlockSummary, txs: TxRecord[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // --- reading ------------------------------------------------------------------------

  status(): IndexStatus {
    return {
      first: this.meta.first,
      latest: this.meta.latest,
      latestTimeMs: this.meta.latestTimeMs,
      pending: this.queue.length,
      chainId: this.meta.chainId,
      denom: this.denom,
    };
  }

  async block(height: number): Promise<BlockSummary | undefined> {
    return this.get<BlockSummary>(K.block(height));
  }

  async heightOfBlockHash(hash: string): Promise<number | undefined> {
    return this.get<number>(K.blockHash(hash.toUpperCase()));
  }

  /** Newest first, heights below `before` (default: from the latest). */
  async blocks(o: { before?: number; limit?: number } = {}): Promise<Page<BlockSummary>> {
    const limit = clampLimit(o.limit);
    const lt = o.before !== undefined ? K.block(o.before) : 'b/\xff';
    const items = await this.values<BlockSummary>({ gte: 'b/', lt, reverse: true, limit: limit + 1 });
    const more = items.length > limit;
    if (more) items.pop();
    return { items, next: more ? String(items[items.length - 1].height) : undefined };
  }

  async blockTxs(height: number): Promise<TxRecord[]> {
    const hashes = await this.values<string>({ gte: `h/${pad(height)}/`, lt: `h/${pad(height)}/\xff` });
    return this.txRecords(hashes);
  }

  async tx(hash: string): Promise<TxRecord | undefined> {
    return this.get<TxRecord>(K.tx(hash.toUpperCase()));
  }

  /** Newest first; `before` is the `next` of the previous page ("height.index"). */
  async txs(o: { before?: string; limit?: number } = {}): Promise<Page<TxRecord>> {
    return this.txPage('h/', o);
  }

  async txsByAddress(address: string, o: { before?: string; limit?: number } = {}): Promise<Page<TxRecord>> {
    const page = await this.txPage(`a/${address}/`, o);
    page.total = (await this.get<number>(K.addrCount(address))) ?? 0;
    return page;
  }

  /** The lowest indexed height whose block time is >= timeMs (the latest when none). O(log blocks) reads. */
  async heightAt(timeMs: number): Promise<number> {
    let lo = this.meta.first;
    let hi = this.meta.latest;
    if (hi === 0) return 0;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const b = await this.blockAtOrAfter(mid);
      if (!b || b.height > hi) {
        hi = mid;
        continue;
      }
      if (b.timeMs >= timeMs) hi = mid;
      else lo = b.height + 1;
    }
    return lo;
  }

  /** Analytics over heights [from, to] in about `points` points. Reads O(points + edges) records. */
  async series(from: number, to: number, points: number): Promise<Series> {
    const latest = this.meta.latest;
    from = Math.max(from, 1);
    to = Math.min(to, latest);
    const { step, runs } = planSeries(from, to, Math.min(Math.max(points, 1), 1000));
    const pieces: Piece[][] = runs.map(([a, b]) => coverRange(a, b, latest));
    const keys: string[] = [];
    for (const ps of pieces) for (const p of ps) keys.push('height' in p ? K.block(p.height) : K.bucket(p.level, p.index));
    const before = this.reads;
    const values = await this.getMany<Stats>(keys);
    let n = 0;
    const out = runs.map(([a, b], i) => {
      const s = emptyStats();
      for (let j = 0; j < pieces[i].length; j++) {
        const v = values[n++];
        if (v) addStats(s, statsOf(v));
      }
      return toPoint(a, b, s);
    });
    return { from, to, step, points: out, reads: this.reads - before };
  }

  /** Each validator seen in a commit: uptime over about the last `window` blocks (whole 1000-block buckets), newest activity first. */
  async validatorUptime(window = 10_000): Promise<ValidatorUptime[]> {
    const all = await this.values<ValidatorUptime>({ gte: 'v/', lt: 'v/\xff' });
    const latest = this.meta.latest;
    const firstBucket = Math.floor(Math.max(1, latest - window + 1) / UPTIME_BUCKET);
    const lastBucket = Math.floor(latest / UPTIME_BUCKET);
    const keys: string[] = [];
    for (const v of all) for (let k = firstBucket; k <= lastBucket; k++) keys.push(K.uptime(v.address, k));
    const buckets = await this.getMany<UptimeBucket>(keys);
    let n = 0;
    return all.map((v) => {
      let signed = 0;
      let expected = 0;
      for (let k = firstBucket; k <= lastBucket; k++) {
        const b = buckets[n++];
        if (b) {
          signed += b.signed;
          expected += b.expected;
        }
      }
      return { ...v, signed, expected };
    });
  }

  // --- worker -------------------------------------------------------------------------

  private kick(): void {
    if (this.worker || this.closed) return;
    this.worker = this.exclusive(() => this.drain())
      .catch((err) => this.log.error({ err }, 'explorer: indexing failed'))
      .finally(() => {
        this.worker = undefined;
        if (this.queue.length > 0 && !this.closed) setTimeout(() => this.kick(), this.queue[0].height > this.meta.latest + 1 ? 1000 : 0);
      });
  }

  /** Serializes every write path (worker, catch-up). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      this.queue.sort((a, b) => a.height - b.height);
      while (this.queue.length > 0 && this.queue[0].height <= this.meta.latest) this.queue.shift();
      if (this.queue.length === 0) return;
      const next = this.queue[0].height;
      // a fresh index without RPC starts at the first block it is given
      let jump = this.meta.latest === 0 && !this.rpc;
      if (!jump && next > this.meta.latest + 1) {
        const r = await this.fillGap(this.meta.latest + 1, next - 1);
        if (r === 'retry') return; // kick() tries again in a second
        jump = r === 'skip';
      }
      const items: BlockInput[] = [];
      while (this.queue.length > 0 && items.length < BATCH_BLOCKS) {
        const it = this.queue[0];
        const expected = (items.length > 0 ? items[items.length - 1].height : this.meta.latest) + 1;
        if (it.height !== expected && !(jump && items.length === 0)) break;
        this.queue.shift();
        try {
          items.push(it.input());
        } catch (err) {
          this.log.error({ err, height: it.height }, 'explorer: cannot read block; skipping it');
          break;
        }
      }
      if (items.length > 0) await this.index(items);
    }
  }

  /** Fills [from, to] from RPC. 'retry' while RPC is not reachable yet; after gapWaitMs, 'skip' (the index keeps a hole). */
  private async fillGap(from: number, to: number): Promise<'filled' | 'retry' | 'skip'> {
    if (this.rpc) {
      try {
        await this.catchUpRange(this.rpc, from, to, 4);
        if (this.meta.latest >= to) {
          this.gapSince = 0;
          return 'filled';
        }
      } catch (err) {
        this.log.warn({ err: (err as Error).message, from, to }, 'explorer: cannot catch up yet');
      }
      this.gapSince ||= Date.now();
      if (Date.now() - this.gapSince < (this.opts.gapWaitMs ?? 120_000)) return 'retry';
    }
    this.log.warn({ from, to }, 'explorer: blocks missing from the index');
    this.gapSince = 0;
    return 'skip';
  }

  private async catchUpRange(rpc: CometRpc, from: number, to: number, concurrency: number): Promise<number> {
    if (to < from) return 0;
    const status = await rpc.call('status');
    from = Math.max(from, Number(status.sync_info.earliest_block_height ?? 1));
    let done = 0;
    for (let start = from; start <= to && !this.closed; start += BATCH_BLOCKS) {
      const end = Math.min(to, start + BATCH_BLOCKS - 1);
      const heights = Array.from({ length: end - start + 1 }, (_, i) => start + i);
      const inputs = await mapLimit(heights, concurrency, (h) => fetchBlock(rpc, h));
      done += await this.index(inputs);
    }
    return done;
  }

  /** Writes consecutive blocks (those above latest) in one batch. */
  private async index(inputs: BlockInput[]): Promise<number> {
    const ops: Array<{ type: 'put'; key: string; value: unknown }> = [];
    const put = (key: string, value: unknown) => ops.push({ type: 'put', key, value });
    const dirty = new Set<string>();
    const dirtyVal = new Set<string>();
    const dirtyUptime = new Set<string>();
    const dirtyCounts = new Set<string>();
    const done: Array<[BlockSummary, TxRecord[]]> = [];
    let prevTimeMs = this.meta.latestTimeMs;
    let prevHeight = this.meta.latest;

    for (const [n, b] of inputs.entries()) {
      if (b.height <= prevHeight) continue;
      // let the ABCI connections run between blocks of a long catch-up batch
      if (n > 0 && n % 50 === 0) await new Promise((r) => setImmediate(r));
      const txs = b.txs.map((raw, i) => this.txRecord(raw, i, b));
      const fees = new Map<string, bigint>();
      let burned = 0n;
      let gasUsed = 0n;
      let failed = 0;
      let msgs = 0;
      for (const [i, t] of txs.entries()) {
        addCoins(fees, t.fee);
        gasUsed += b.txResults[i]?.gasUsed ?? 0n;
        if (t.code !== 0) failed++;
        msgs += t.msgTypes.length;
        for (const amt of attrs(b.txResults[i]?.events ?? [], 'burn', 'amount')) burned += amountOf(amt, this.denom);
      }
      for (const amt of attrs(b.blockEvents, 'burn', 'amount')) burned += amountOf(amt, this.denom);
      const sample = await this.sample(b.height);
      const summary: BlockSummary = {
        height: b.height,
        time: b.time,
        timeMs: b.timeMs,
        hash: b.hash,
        proposer: b.proposer,
        appHash: b.appHash,
        feeCoins: coinsString(fees),
        signed: b.votes.filter((v) => v.signed).length,
        voters: b.votes.length,
        blocks: 1,
        txs: txs.length,
        failedTxs: failed,
        msgs,
        gasUsed: gasUsed.toString(),
        fees: (fees.get(this.denom) ?? 0n).toString(),
        burned: burned.toString(),
        intervalMs: prevHeight === b.height - 1 && prevTimeMs > 0 ? b.timeMs - prevTimeMs : 0,
        intervals: prevHeight === b.height - 1 && prevTimeMs > 0 ? 1 : 0,
        maxBlockTxs: txs.length,
        firstTimeMs: b.timeMs,
        lastTimeMs: b.timeMs,
        ...(sample ? { sample } : {}),
      };
      put(K.block(b.height), summary);
      if (b.hash) put(K.blockHash(b.hash), b.height);
      for (const t of txs) {
        put(K.heightTx(t.height, t.index), t.hash);
        put(K.tx(t.hash), t);
        for (const a of t.addresses) {
          put(K.addrTx(a, t.height, t.index), t.hash);
          this.addrCounts.set(a, (await this.addrCount(a)) + 1);
          dirtyCounts.add(a);
        }
      }
      for (const L of LEVELS) {
        const key = K.bucket(L, Math.floor(b.height / L));
        addStats(await this.bucket(key), statsOf(summary));
        dirty.add(key);
      }
      const k = Math.floor(b.height / UPTIME_BUCKET);
      for (const v of b.votes) {
        const val = await this.validator(v.address, b.height);
        val.expected++;
        if (v.signed) val.signed++;
        val.lastHeight = b.height;
        dirtyVal.add(v.address);
        const key = K.uptime(v.address, k);
        const u = (await this.uptimeBucket(key)) ?? { signed: 0, expected: 0 };
        u.expected++;
        if (v.signed) u.signed++;
        this.uptime.set(key, u);
        dirtyUptime.add(key);
      }
      if (b.proposer) {
        const val = await this.validator(b.proposer, b.height);
        val.proposed++;
        dirtyVal.add(b.proposer);
      }
      prevHeight = b.height;
      prevTimeMs = b.timeMs;
      done.push([summary, txs]);
    }
    if (done.length === 0) return 0;

    for (const key of dirty) put(key, this.buckets.get(key));
    for (const a of dirtyVal) put(K.validator(a), this.validators.get(a));
    for (const key of dirtyUptime) put(key, this.uptime.get(key));
    for (const a of dirtyCounts) put(K.addrCount(a), this.addrCounts.get(a));
    const meta: Meta = { ...this.meta, first: this.meta.first || done[0][0].height, latest: prevHeight, latestTimeMs: prevTimeMs };
    put(K.meta, meta);
    try {
      await this.db.batch(ops);
    } catch (err) {
      // keep memory consistent with the store: drop caches so they are read again
      this.buckets.clear();
      this.validators.clear();
      this.uptime.clear();
      this.addrCounts.clear();
      throw err;
    }
    this.meta = meta;
    this.trimCaches();
    for (const [s, t] of done) {
      for (const fn of this.listeners) {
        try {
          fn(s, t);
        } catch (err) {
          this.log.warn({ err }, 'explorer: block listener failed');
        }
      }
    }
    return done.length;
  }

  private txRecord(raw: Uint8Array, index: number, b: BlockInput): TxRecord {
    const r = b.txResults[index];
    const events = r?.events ?? [];
    const signers = unique([...attrs(events, 'message', 'sender'), ...attrs(events, 'tx', 'fee_payer')]).filter((a) => ADDRESS_RE.test(a));
    const touched = unique([...signers, ...attrs(events, 'transfer', 'sender'), ...attrs(events, 'transfer', 'recipient')])
      .filter((a) => ADDRESS_RE.test(a))
      .slice(0, MAX_ADDRESSES_PER_TX);
    const { msgTypes, memo } = decodeBody(raw);
    return {
      hash: txHash(raw),
      height: b.height,
      index,
      timeMs: b.timeMs,
      code: r?.code ?? 0,
      codespace: r?.codespace ?? '',
      log: (r?.log ?? '').slice(0, MAX_LOG),
      gasWanted: (r?.gasWanted ?? 0n).toString(),
      gasUsed: (r?.gasUsed ?? 0n).toString(),
      fee: attrs(events, 'tx', 'fee')[0] ?? '',
      signers,
      addresses: touched,
      msgTypes,
      memo: memo.slice(0, MAX_LOG),
    };
  }

  /** Supply and staking pool after `height`, every sampleEvery blocks; undefined when not due or unavailable. */
  private async sample(height: number): Promise<Sample | undefined> {
    const q = this.opts.query;
    const every = this.opts.sampleEvery ?? 1;
    if (!q || height % every !== 0) return undefined;
    const s: Sample = { height };
    try {
      const res = QuerySupplyOfResponse.decode(await q(SUPPLY_OF_PATH, QuerySupplyOfRequest.encode({ denom: this.denom }).finish(), height));
      s.supply = res.amount?.amount ?? '0';
    } catch {
      // not available at this height (pruned, or no bank)
    }
    try {
      const res = QueryPoolResponse.decode(await q(STAKING_POOL_PATH, QueryPoolRequest.encode({}).finish(), height));
      s.bonded = res.pool?.bondedTokens ?? '0';
      s.notBonded = res.pool?.notBondedTokens ?? '0';
    } catch {
      // no staking module yet
    }
    return s.supply !== undefined || s.bonded !== undefined ? s : undefined;
  }

  private async bucket(key: string): Promise<Stats> {
    let s = this.buckets.get(key);
    if (!s) {
      s = (await this.get<Stats>(key)) ?? emptyStats();
      this.buckets.set(key, s);
    }
    return s;
  }

  private async validator(address: string, height: number): Promise<ValidatorUptime> {
    let v = this.validators.get(address);
    if (!v) {
      v = (await this.get<ValidatorUptime>(K.validator(address))) ?? { address, signed: 0, expected: 0, proposed: 0, firstHeight: height, lastHeight: height };
      this.validators.set(address, v);
    }
    return v;
  }

  private async uptimeBucket(key: string): Promise<UptimeBucket | undefined> {
    return this.uptime.get(key) ?? (await this.get<UptimeBucket>(key));
  }

  private async addrCount(a: string): Promise<number> {
    const c = this.addrCounts.get(a);
    if (c !== undefined) return c;
    const stored = (await this.get<number>(K.addrCount(a))) ?? 0;
    this.addrCounts.set(a, stored);
    return stored;
  }

  /** Keeps only what the next blocks will touch: open buckets, validators, recent address counts. */
  private trimCaches(): void {
    const latest = this.meta.latest;
    for (const key of this.buckets.keys()) {
      const [, level, index] = key.split('/');
      if ((Number(index) + 1) * Number(level) <= latest) this.buckets.delete(key);
    }
    const current = Math.floor(latest / UPTIME_BUCKET);
    for (const key of this.uptime.keys()) if (Number(key.slice(key.lastIndexOf('/') + 1)) < current) this.uptime.delete(key);
    if (this.addrCounts.size > 50_000) this.addrCounts.clear();
  }

  // --- store access (counted) ---------------------------------------------------------

  private async get<T>(key: string): Promise<T | undefined> {
    this.reads++;
    return (await this.db.get(key)) as T | undefined;
  }

  private async getMany<T>(keys: string[]): Promise<Array<T | undefined>> {
    this.reads += keys.length;
    if (keys.length === 0) return [];
    return (await this.db.getMany(keys)) as Array<T | undefined>;
  }

  private async values<T>(range: { gte?: string; gt?: string; lt?: string; lte?: string; reverse?: boolean; limit?: number }): Promise<T[]> {
    const out = (await this.db.values(range).all()) as T[];
    this.reads += out.length;
    return out;
  }

  private async blockAtOrAfter(h: number): Promise<BlockSummary | undefined> {
    const [b] = await this.values<BlockSummary>({ gte: K.block(h), lt: 'b/\xff', limit: 1 });
    return b;
  }

  private async txRecords(hashes: string[]): Promise<TxRecord[]> {
    return (await this.getMany<TxRecord>(hashes.map(K.tx))).filter((t): t is TxRecord => t !== undefined);
  }

  private async txPage(prefix: string, o: { before?: string; limit?: number }): Promise<Page<TxRecord>> {
    const limit = clampLimit(o.limit);
    let lt = `${prefix}\xff`;
    if (o.before !== undefined) {
      const m = /^(\d+)\.(\d+)$/.exec(o.before);
      if (!m) throw new RangeError(`bad cursor ${JSON.stringify(o.before)}: expected HEIGHT.INDEX`);
      lt = `${prefix}${pad(Number(m[1]))}/${pad(Number(m[2]), 6)}`;
    }
    const hashes = await this.values<string>({ gte: prefix, lt, reverse: true, limit: limit + 1 });
    const more = hashes.length > limit;
    if (more) hashes.pop();
    const items = await this.txRecords(hashes);
    const last = items[items.length - 1];
    return { items, next: more && last ? `${last.height}.${last.index}` : undefined };
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 20;
  return Math.min(100, Math.max(1, Math.floor(limit)));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

async function fetchBlock(rpc: CometRpc, height: number): Promise<BlockInput> {
  const [block, results] = await Promise.all([
    rpc.call<RpcBlock>('block', { height }),
    rpc.call<RpcBlockResults>('block_results', { height }),
  ]);
  let lastValidators: string[] | undefined;
  if (needsLastValidators(block) && height > 1) {
    const vals = await rpc.call<{ validators: Array<{ address: string }> }>('validators', { height: height - 1, per_page: 100 });
    lastValidators = vals.validators.map((v) => v.address);
  }
  return fromRpc(block, results, lastValidators);
}

async function mapLimit<T, R>(xs: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, xs.length) }, async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i]);
    }
  });
  await Promise.all(workers);
  return out;
}
