import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryPoolResponse } from 'cosmjs-types/cosmos/staking/v1beta1/query';
import { ExplorerIndexer, SUPPLY_OF_PATH, STAKING_POOL_PATH, amountOf, txHash, type QueryFn } from './indexer';
import { planSeries } from './stats';
import { ADDRS, fakeRpc, prng, syntheticChain, VALS, type SyntheticBlock } from './testing/synthetic';
import type { Sample } from './types';

const dirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-explorer-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const supplyAt = (h: number) => 1_000_000_000n + BigInt(h) * 7n;
const bondedAt = (h: number) => 400_000_000n + BigInt(h) * 3n;
/** A query function with bank supply always and a staking pool only when `staking`. */
function fakeQuery(staking: boolean): QueryFn {
  return (p, data, height) => {
    if (p === SUPPLY_OF_PATH) {
      const { denom } = QuerySupplyOfRequest.decode(data);
      return QuerySupplyOfResponse.encode({ amount: { denom, amount: supplyAt(height ?? 0).toString() } }).finish();
    }
    if (p === STAKING_POOL_PATH && staking) {
      return QueryPoolResponse.encode({ pool: { bondedTokens: bondedAt(height ?? 0).toString(), notBondedTokens: '5' } }).finish();
    }
    throw new Error(`unknown query path ${p}`);
  };
}

async function feed(ix: ExplorerIndexer, blocks: SyntheticBlock[]): Promise<void> {
  for (let i = 0; i < blocks.length; i += 5000) {
    for (const b of blocks.slice(i, i + 5000)) ix.onBlock(b.req, b.res, b.appHash);
    await ix.idle();
  }
}

async function dump(dir: string): Promise<Array<[string, unknown]>> {
  const db = new ClassicLevel<string, any>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  const out = await db.iterator().all();
  await db.close();
  return out;
}

/** The expected value of one analytics point, computed from the raw blocks. */
function brute(blocks: SyntheticBlock[], a: number, b: number, sampleEvery: number, staking: boolean) {
  let txs = 0, failed = 0, msgs = 0, maxTxs = 0, blocksN = 0, intervals = 0, intervalMs = 0;
  let gas = 0n, fees = 0n, burned = 0n;
  let sample: Sample | undefined;
  const byH = new Map(blocks.map((x) => [Number(x.req.height), x]));
  const ms = (x: SyntheticBlock) => Number(x.req.time.seconds) * 1000 + Math.floor(x.req.time.nanos / 1e6);
  for (let h = a; h <= b; h++) {
    const x = byH.get(h);
    if (!x) continue;
    blocksN++;
    txs += x.req.txs.length;
    maxTxs = Math.max(maxTxs, x.req.txs.length);
    const prev = byH.get(h - 1);
    if (prev) {
      intervals++;
      intervalMs += ms(x) - ms(prev);
    }
    for (const [i, r] of x.res.txResults.entries()) {
      if (r.code !== 0) failed++;
      msgs += 1;
      gas += r.gasUsed;
      for (const e of r.events) {
        for (const at of e.attributes) {
          if (e.type === 'tx' && at.key === 'fee') fees += amountOf(at.value, 'uhyper');
          if (e.type === 'burn' && at.key === 'amount') burned += amountOf(at.value, 'uhyper');
        }
      }
      void i;
    }
    for (const e of x.res.events) for (const at of e.attributes) if (e.type === 'burn' && at.key === 'amount') burned += amountOf(at.value, 'uhyper');
    if (h % sampleEvery === 0) sample = { height: h, supply: supplyAt(h).toString(), ...(staking ? { bonded: bondedAt(h).toString(), notBonded: '5' } : {}) };
  }
  return { blocks: blocksN, txs, failedTxs: failed, msgs, maxBlockTxs: maxTxs, intervals, intervalMs, gasUsed: gas.toString(), fees: fees.toString(), burned: burned.toString(), sample };
}

describe('ExplorerIndexer', () => {
  test('analytics series equal a brute-force computation over random blocks and ranges', async () => {
    const blocks = syntheticChain(2345, 7);
    const ix = await ExplorerIndexer.open({ path: tmpDir(), query: fakeQuery(true), sampleEvery: 3 });
    await feed(ix, blocks);
    expect(ix.status().latest).toBe(2345);
    const rnd = prng(99);
    const cases: Array<[number, number, number]> = [
      [1, 2345, 50],
      [1, 1, 1],
      [2345, 2345, 10],
      [10, 19, 1],
      [100, 199, 1],
      [99, 1001, 7],
      [0, 5000, 33], // clamped to [1, latest]
      [2000, 2345, 1000],
    ];
    for (let i = 0; i < 40; i++) {
      const a = 1 + Math.floor(rnd() * 2345);
      const b = a + Math.floor(rnd() * (2346 - a));
      cases.push([a, b, 1 + Math.floor(rnd() * 120)]);
    }
    for (const [from, to, points] of cases) {
      const s = await ix.series(from, to, points);
      const f = Math.max(1, from);
      const t = Math.min(2345, to);
      const plan = planSeries(f, t, points);
      expect(s.points.map((p) => [p.from, p.to])).toEqual(plan.runs);
      for (const p of s.points) {
        const want = brute(blocks, p.from, p.to, 3, true);
        const { sample, ...sums } = want;
        expect({ case: [from, to, points], ...pick(p, Object.keys(sums)) }).toEqual({ case: [from, to, points], ...sums });
        expect(p.sample).toEqual(sample);
        if (sample) expect(p.bondedRatio).toBeCloseTo(Number(sample.bonded) / Number(sample.supply), 12);
        expect(p.tps).toBeCloseTo(want.intervalMs > 0 ? want.txs / (want.intervalMs / 1000) : 0, 9);
      }
    }
    await ix.close();
  });

  test('plan edges: runs are contiguous, aligned to the step, and cover the range exactly', () => {
    for (const [a, b, n] of [[1, 100_000, 100], [37, 99_981, 200], [5, 5, 10], [1, 10, 3], [999, 10_001, 1]] as const) {
      const { step, runs } = planSeries(a, b, n);
      expect(runs[0][0]).toBe(a);
      expect(runs[runs.length - 1][1]).toBe(b);
      for (let i = 1; i < runs.length; i++) expect(runs[i][0]).toBe(runs[i - 1][1] + 1);
      for (const [x] of runs.slice(1)) expect(x % step).toBe(0);
      expect(runs.length).toBeLessThanOrEqual(n + 2);
    }
    expect(planSeries(5, 4, 10).runs).toEqual([]);
  });

  test('supply samples without a staking module: no bonded ratio, no error', async () => {
    const blocks = syntheticChain(50, 3);
    const ix = await ExplorerIndexer.open({ path: tmpDir(), query: fakeQuery(false) });
    await feed(ix, blocks);
    const s = await ix.series(1, 50, 5);
    expect(s.points[s.points.length - 1].sample).toEqual({ height: 50, supply: supplyAt(50).toString() });
    expect(s.points[s.points.length - 1].bondedRatio).toBeUndefined();
    await ix.close();
  });

  test('blocks, txs and address pages', async () => {
    const blocks = syntheticChain(300, 11);
    const ix = await ExplorerIndexer.open({ path: tmpDir() });
    await feed(ix, blocks);

    const b = blocks[41];
    const sum = (await ix.block(42))!;
    expect(sum).toMatchObject({ height: 42, txs: b.req.txs.length, hash: Buffer.from(b.req.hash).toString('hex').toUpperCase(), proposer: VALS[42 % 3] });
    expect(await ix.heightOfBlockHash(sum.hash.toLowerCase())).toBe(42);

    const page1 = await ix.blocks({ limit: 10 });
    expect(page1.items.map((x) => x.height)).toEqual([300, 299, 298, 297, 296, 295, 294, 293, 292, 291]);
    const page2 = await ix.blocks({ before: Number(page1.next), limit: 10 });
    expect(page2.items[0].height).toBe(290);
    expect((await ix.blocks({ before: 3, limit: 10 })).items.map((x) => x.height)).toEqual([2, 1]);

    const withTxs = blocks.find((x) => x.req.txs.length >= 2)!;
    const h = Number(withTxs.req.height);
    const txs = await ix.blockTxs(h);
    expect(txs.map((t) => t.hash)).toEqual(withTxs.req.txs.map(txHash));
    const t0 = (await ix.tx(txs[0].hash.toLowerCase()))!;
    expect(t0.msgTypes).toEqual(['/cosmos.bank.v1beta1.MsgSend']);
    expect(t0.memo).toBe(`h${h}i0`);
    expect(t0.signers.length).toBeGreaterThan(0);

    // every tx that touched ADDRS[0], newest first, through the cursor
    const want: string[] = [];
    for (const x of [...blocks].reverse()) {
      for (let i = x.req.txs.length - 1; i >= 0; i--) {
        const evs = x.res.txResults[i].events;
        if (evs.some((e) => e.attributes.some((a) => ['sender', 'fee_payer', 'recipient'].includes(a.key) && a.value === ADDRS[0]))) want.push(txHash(x.req.txs[i]));
      }
    }
    const got: string[] = [];
    let before: string | undefined;
    for (;;) {
      const p = await ix.txsByAddress(ADDRS[0], { before, limit: 7 });
      expect(p.total).toBe(want.length);
      got.push(...p.items.map((t) => t.hash));
      if (!p.next) break;
      before = p.next;
    }
    expect(got).toEqual(want);
    expect((await ix.txsByAddress('hyper1nobody0000000')).items).toEqual([]);
    await expect(ix.txs({ before: 'x' })).rejects.toThrow(RangeError);

    const all = await ix.txs({ limit: 3 });
    expect(all.items[0].height).toBeGreaterThanOrEqual(all.items[2].height);

    // time → height
    const t = Number(blocks[120].req.time.seconds) * 1000 + Math.floor(blocks[120].req.time.nanos / 1e6);
    expect(await ix.heightAt(t)).toBe(121);
    expect(await ix.heightAt(t - 1)).toBe(121);
    expect(await ix.heightAt(0)).toBe(1);
    expect(await ix.heightAt(Number.MAX_SAFE_INTEGER)).toBe(300);
    await ix.close();
  });

  test('validator uptime counts signed and absent votes of the decided last commit', async () => {
    const blocks = syntheticChain(1500, 5);
    const ix = await ExplorerIndexer.open({ path: tmpDir() });
    await feed(ix, blocks);
    const up = await ix.validatorUptime(100_000);
    const byAddr = new Map(up.map((v) => [v.address, v]));
    for (const [i, v] of VALS.entries()) {
      let signed = 0, expected = 0, proposed = 0;
      for (const b of blocks) {
        for (const vote of b.req.decidedLastCommit.votes) {
          if (Buffer.from(vote.validator.address).toString('hex').toUpperCase() !== v) continue;
          expected++;
          if (vote.blockIdFlag !== 1) signed++;
        }
        if (Number(b.req.height) % 3 === i) proposed++;
      }
      expect(byAddr.get(v)).toMatchObject({ signed, expected, proposed });
    }
    await ix.close();
  });

  test('catch-up from RPC stores exactly what live indexing stores, and repeating it changes nothing', async () => {
    const blocks = syntheticChain(700, 21);
    const rpc = await fakeRpc(blocks);
    try {
      const live = tmpDir();
      const a = await ExplorerIndexer.open({ path: live });
      await feed(a, blocks);
      await a.close();

      const caught = tmpDir();
      const b = await ExplorerIndexer.open({ path: caught });
      expect(await b.catchUp(rpc.url)).toBe(700);
      await b.close();
      expect(await dump(caught)).toEqual(await dump(live));

      const again = await ExplorerIndexer.open({ path: caught });
      const calls = rpc.calls.length;
      expect(await again.catchUp(rpc.url)).toBe(0);
      expect(rpc.calls.length - calls).toBeLessThanOrEqual(2); // status only
      // a replayed live block is ignored too
      again.onBlock(blocks[10].req, blocks[10].res, blocks[10].appHash);
      await again.idle();
      await again.close();
      expect(await dump(caught)).toEqual(await dump(live));
    } finally {
      await rpc.close();
    }
  });

  test('a gap in the live feed is filled from RPC before later blocks are indexed', async () => {
    const blocks = syntheticChain(120, 4);
    const rpc = await fakeRpc(blocks);
    try {
      const ix = await ExplorerIndexer.open({ path: tmpDir(), rpcUrl: rpc.url });
      await feed(ix, blocks.slice(0, 30));
      await feed(ix, blocks.slice(80)); // 31..80 never fed live
      expect(ix.status()).toMatchObject({ first: 1, latest: 120 });
      for (let h = 1; h <= 120; h++) expect((await ix.block(h))?.height).toBe(h);
      await ix.close();
    } finally {
      await rpc.close();
    }
  });

  test('enabled late with RPC: starts from the earliest block CometBFT has', async () => {
    const blocks = syntheticChain(60, 8);
    const rpc = await fakeRpc(blocks);
    try {
      const ix = await ExplorerIndexer.open({ path: tmpDir(), rpcUrl: rpc.url });
      await feed(ix, blocks.slice(50));
      expect(ix.status()).toMatchObject({ first: 1, latest: 60 });
      await ix.close();
    } finally {
      await rpc.close();
    }
  });

  test('without RPC a gap is skipped after logging, and indexing goes on', async () => {
    const blocks = syntheticChain(40, 9);
    const warnings: string[] = [];
    const logger = { error() {}, info() {}, debug() {}, warn: (_o: object, m?: string) => warnings.push(m ?? '') };
    const ix = await ExplorerIndexer.open({ path: tmpDir(), logger });
    await feed(ix, blocks.slice(0, 10));
    await feed(ix, blocks.slice(20));
    expect(ix.status()).toMatchObject({ first: 1, latest: 40 });
    expect(await ix.block(15)).toBeUndefined();
    expect((await ix.block(21))!.intervals).toBe(0);
    expect(warnings.some((w) => w.includes('missing'))).toBe(true);
    await ix.close();
  });

  test('bad input never throws into the caller', async () => {
    const errors: unknown[] = [];
    const logger = { warn() {}, info() {}, debug() {}, error: (o: object) => errors.push(o) };
    const ix = await ExplorerIndexer.open({ path: tmpDir(), logger });
    const [b] = syntheticChain(2, 1);
    expect(() => ix.onBlock(undefined as any, undefined as any)).not.toThrow();
    expect(() => ix.onBlock({ ...b.req, txs: [new Uint8Array([0xff, 0xff])] } as any, { ...b.res, txResults: [] } as any)).not.toThrow();
    await ix.idle();
    expect((await ix.block(1))?.txs).toBe(1);
    expect((await ix.blockTxs(1))[0].msgTypes).toEqual([]);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    await ix.close();
  });

  test('an index of another chain id is wiped', async () => {
    const dir = tmpDir();
    const a = await ExplorerIndexer.open({ path: dir, chainId: 'one' });
    await feed(a, syntheticChain(5, 1));
    await a.close();
    const b = await ExplorerIndexer.open({ path: dir, chainId: 'one' });
    expect(b.status().latest).toBe(5);
    await b.close();
    const c = await ExplorerIndexer.open({ path: dir, chainId: 'two' });
    expect(c.status().latest).toBe(0);
    expect(await c.block(1)).toBeUndefined();
    await c.close();
  });

  test('100k blocks: a full-range chart reads O(points) records', async () => {
    const N = 100_000;
    const blocks = syntheticChain(N, 42, { txRate: 0.5 });
    const ix = await ExplorerIndexer.open({ path: tmpDir(), query: fakeQuery(true), sampleEvery: 10 });
    const t0 = performance.now();
    await feed(ix, blocks);
    const indexMs = performance.now() - t0;
    expect(ix.status().latest).toBe(N);

    const timings: string[] = [];
    for (const [from, to, points] of [[1, N, 100], [37, 99_981, 200], [1, N, 1000], [N - 999, N, 100]] as const) {
      const t = performance.now();
      const s = await ix.series(from, to, points);
      timings.push(`[${from},${to}]x${points}: ${(performance.now() - t).toFixed(1)} ms, ${s.reads} reads`);
      // each point is at most 5 buckets of its level plus unaligned edges (< 10 per level on each side of the range)
      expect(s.reads).toBeLessThanOrEqual(5 * s.points.length + 2 * 9 * 5);
      const total = s.points.reduce((n, p) => n + p.txs, 0);
      expect(total).toBe(blocks.slice(from - 1, to).reduce((n, b) => n + b.req.txs.length, 0));
    }
    // eslint-disable-next-line no-console
    console.log(`indexed ${N} blocks in ${(indexMs / 1000).toFixed(1)} s (${((indexMs * 1000) / N).toFixed(0)} µs/block)\n${timings.join('\n')}`);
    await ix.close();
  }, 600_000);
});

function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}
