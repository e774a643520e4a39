/**
 * Stats arithmetic and the range plan of analytics queries.
 *
 * Blocks are pre-aggregated into aligned buckets of LEVELS heights each (bucket k of level L
 * covers heights [k·L, k·L + L − 1]). A range [a, b] is covered greedily by the largest aligned
 * buckets that fit and single blocks at the unaligned edges, so a chart of P points over any
 * span reads O(P + edges) records, never O(blocks).
 */
import type { Sample, SeriesPoint, Stats } from './types';

/** Bucket sizes, largest last. Each divides the next, so an aligned bucket of one level is whole buckets of the one below. */
export const LEVELS = [10, 100, 1_000, 10_000, 100_000] as const;

export function emptyStats(): Stats {
  return {
    blocks: 0,
    txs: 0,
    failedTxs: 0,
    msgs: 0,
    gasUsed: '0',
    fees: '0',
    burned: '0',
    intervalMs: 0,
    intervals: 0,
    maxBlockTxs: 0,
    firstTimeMs: 0,
    lastTimeMs: 0,
  };
}

/** Adds `b` into `a` (in place) and returns `a`. Order does not matter: every field is a sum, min, max or latest-by-height. */
export function addStats(a: Stats, b: Stats): Stats {
  if (b.blocks === 0 && !b.sample) return a;
  a.firstTimeMs = a.blocks === 0 ? b.firstTimeMs : b.blocks === 0 ? a.firstTimeMs : Math.min(a.firstTimeMs, b.firstTimeMs);
  a.lastTimeMs = Math.max(a.lastTimeMs, b.lastTimeMs);
  a.blocks += b.blocks;
  a.txs += b.txs;
  a.failedTxs += b.failedTxs;
  a.msgs += b.msgs;
  a.gasUsed = (BigInt(a.gasUsed) + BigInt(b.gasUsed)).toString();
  a.fees = (BigInt(a.fees) + BigInt(b.fees)).toString();
  a.burned = (BigInt(a.burned) + BigInt(b.burned)).toString();
  a.intervalMs += b.intervalMs;
  a.intervals += b.intervals;
  a.maxBlockTxs = Math.max(a.maxBlockTxs, b.maxBlockTxs);
  a.sample = latestSample(a.sample, b.sample);
  return a;
}

export function latestSample(a: Sample | undefined, b: Sample | undefined): Sample | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.height > a.height ? b : a;
}

/** Only the Stats fields of a record that extends Stats (a BlockSummary). */
export function statsOf(s: Stats): Stats {
  const out: Stats = {
    blocks: s.blocks,
    txs: s.txs,
    failedTxs: s.failedTxs,
    msgs: s.msgs,
    gasUsed: s.gasUsed,
    fees: s.fees,
    burned: s.burned,
    intervalMs: s.intervalMs,
    intervals: s.intervals,
    maxBlockTxs: s.maxBlockTxs,
    firstTimeMs: s.firstTimeMs,
    lastTimeMs: s.lastTimeMs,
  };
  if (s.sample) out.sample = s.sample;
  return out;
}

export function toPoint(from: number, to: number, s: Stats): SeriesPoint {
  const p: SeriesPoint = {
    from,
    to,
    ...s,
    tps: s.intervalMs > 0 ? s.txs / (s.intervalMs / 1000) : 0,
    blockTimeMs: s.intervals > 0 ? s.intervalMs / s.intervals : 0,
  };
  const supply = s.sample?.supply ? Number(s.sample.supply) : 0;
  if (s.sample?.bonded !== undefined && supply > 0) p.bondedRatio = Number(s.sample.bonded) / supply;
  return p;
}

/** The smallest of 1, 2, 5, 10, 20, 50, ... that is >= n. */
export function niceStep(n: number): number {
  if (n <= 1) return 1;
  let mag = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * mag >= n) return m * mag;
    mag *= 10;
  }
}

/**
 * Splits [from, to] into at most ~`points` runs aligned to multiples of a nice step (the first
 * and last may be partial), so that runs line up with the pre-aggregated buckets.
 */
export function planSeries(from: number, to: number, points: number): { step: number; runs: Array<[number, number]> } {
  if (to < from) return { step: 1, runs: [] };
  const span = to - from + 1;
  const step = niceStep(Math.ceil(span / Math.max(1, points)));
  const runs: Array<[number, number]> = [];
  let a = from;
  while (a <= to) {
    const end = Math.min(to, Math.floor(a / step) * step + step - 1);
    runs.push([a, end]);
    a = end + 1;
  }
  return { step, runs };
}

/** A piece of a range: a whole pre-aggregated bucket, or one block. */
export type Piece = { level: number; index: number } | { height: number };

/**
 * Covers [a, b] with the largest aligned buckets that fit and single blocks elsewhere.
 * `latest` is the highest indexed height: a bucket that extends past it is whole as far as
 * anyone can see, so it may be used when b reaches `latest`.
 */
export function coverRange(a: number, b: number, latest: number): Piece[] {
  const out: Piece[] = [];
  let h = a;
  while (h <= b) {
    let used = false;
    for (let i = LEVELS.length - 1; i >= 0; i--) {
      const L = LEVELS[i];
      if (h % L !== 0) continue;
      const end = h + L - 1;
      if (end <= b || (b >= latest && h <= latest)) {
        out.push({ level: L, index: h / L });
        h = end + 1;
        used = true;
        break;
      }
    }
    if (!used) {
      out.push({ height: h });
      h += 1;
    }
  }
  return out;
}
