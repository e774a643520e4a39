/**
 * Which versions a commit deletes (Cosmos SDK pruning manager `GetPruningHeight`): at a commit
 * of version v with v % interval == 0 and v > keepRecent, every version <= v - 1 - keepRecent
 * goes, so the newest keepRecent + 1 versions stay readable.
 */
import type { PruningOptions } from './types';

/** Default: keep the last 1000 versions, prune every 10 commits. */
export const DEFAULT_PRUNING: PruningOptions = { strategy: 'custom', keepRecent: 1000, interval: 10 };

export interface KeepRecent {
  keepRecent: number;
  interval: number;
}

/** `null` means keep everything. */
export function resolvePruning(opts: PruningOptions): KeepRecent | null {
  switch (opts.strategy) {
    case 'nothing':
      return null;
    case 'everything':
      return { keepRecent: 0, interval: 1 };
    case 'custom': {
      const { keepRecent, interval } = opts;
      if (!Number.isSafeInteger(keepRecent) || keepRecent < 0) throw new Error(`pruning: keepRecent must be >= 0, got ${keepRecent}`);
      if (!Number.isSafeInteger(interval) || interval < 1) throw new Error(`pruning: interval must be >= 1, got ${interval}`);
      return { keepRecent, interval };
    }
    default:
      throw new Error(`pruning: unknown strategy ${(opts as { strategy: string }).strategy}`);
  }
}

/** Versions <= the result are to be deleted after committing `version`; 0 = none. */
export function pruneHeight(p: KeepRecent | null, version: number): number {
  if (p === null || version % p.interval !== 0 || version <= p.keepRecent) return 0;
  return version - 1 - p.keepRecent;
}
