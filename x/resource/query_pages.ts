/**
 * Pagination over a key range of a collection (src/types/pagination.ts pages over a prefix only):
 * for the time-range queries of ResourceTransactions. Same PageRequest rules: next key or offset,
 * forward or reverse, bounded limit, optional total.
 */
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { concatBytes } from '../../src/store/bytes';
import type { CMap, StoreContext } from '../../src/store/collections';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type PageOf } from '../../src/types/pagination';
import { sdk } from '../../src/types/errors';

export interface KeyRange {
  /** encoded key prefix within the collection */
  prefix?: Uint8Array;
  /** inclusive encoded start (within the collection, prefix included) */
  start?: Uint8Array;
  /** exclusive encoded end */
  end?: Uint8Array;
}

export function paginateRange<K, V, R>(
  ctx: StoreContext,
  map: CMap<K, V>,
  req: PageRequest | undefined,
  range: KeyRange,
  select: (key: K, value: V) => R | undefined,
): PageOf<R> {
  const key = req?.key ?? new Uint8Array();
  const offset = req?.offset ?? 0n;
  let limit = req?.limit ?? 0n;
  const reverse = req?.reverse ?? false;
  if (key.length > 0 && offset > 0n) throw sdk.InvalidRequest('invalid request, either offset or key is expected, got both');
  if (limit === 0n) limit = DEFAULT_PAGE_LIMIT;
  if (limit > MAX_PAGE_LIMIT) throw sdk.InvalidRequest(`pagination limit ${limit} exceeds the maximum of ${MAX_PAGE_LIMIT}`);
  const countTotal = (req?.countTotal ?? false) && key.length === 0;

  let { start, end } = range;
  if (key.length > 0) {
    if (reverse) end = concatBytes(key, Uint8Array.of(0));
    else start = key;
  }
  const items: R[] = [];
  let seen = 0n;
  let nextKey: Uint8Array = new Uint8Array();
  for (const [raw, k, v] of map.entries(ctx, { prefix: range.prefix, start, end, reverse })) {
    const r = select(k, v);
    if (r === undefined) continue;
    seen++;
    if (seen <= offset) continue;
    if (BigInt(items.length) < limit) {
      items.push(r);
      continue;
    }
    if (nextKey.length === 0) nextKey = Uint8Array.from(raw);
    if (!countTotal) break;
  }
  return { items, pagination: { nextKey, total: countTotal ? seen : 0n } };
}
