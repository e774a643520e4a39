/**
 * Cosmos SDK pagination (cosmos.base.query.v1beta1.PageRequest) over a collection: by next key or
 * by offset, forward or reverse, with an optional total. Limits are bounded so a query cannot ask
 * the node to serialise its whole state.
 */
import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { concatBytes } from '../store/bytes';
import type { CMap, StoreContext } from '../store/collections';
import { sdk } from './errors';

export const DEFAULT_PAGE_LIMIT = 100n;
export const MAX_PAGE_LIMIT = 1000n;

export interface PageOf<R> {
  items: R[];
  pagination: PageResponse;
}

/**
 * Pages over `map` (optionally only keys under `prefix`, an encoded leading key part).
 * `select` maps an entry to a result, or to undefined to skip it (a filter still counts toward
 * neither the limit nor the total).
 */
export function paginate<K, V, R>(
  ctx: StoreContext,
  map: CMap<K, V>,
  req: PageRequest | undefined,
  select: (key: K, value: V) => R | undefined,
  prefix?: Uint8Array,
): PageOf<R> {
  const key = req?.key ?? new Uint8Array();
  const offset = req?.offset ?? 0n;
  let limit = req?.limit ?? 0n;
  const reverse = req?.reverse ?? false;
  if (key.length > 0 && offset > 0n) throw sdk.InvalidRequest('invalid request, either offset or key is expected, got both');
  // as the SDK's query.Paginate: no limit means the default limit and a counted total
  const countTotal = ((req?.countTotal ?? false) || limit === 0n) && key.length === 0;
  if (limit === 0n) limit = DEFAULT_PAGE_LIMIT;
  if (limit > MAX_PAGE_LIMIT) throw sdk.InvalidRequest(`pagination limit ${limit} exceeds the maximum of ${MAX_PAGE_LIMIT}`);

  // next keys are encoded keys within the collection (they include `prefix` when there is one)
  const bounds = key.length === 0 ? {} : reverse ? { end: next(key) } : { start: key };
  const opts = { prefix, reverse, ...bounds };

  const items: R[] = [];
  let seen = 0n;
  let nextKey: Uint8Array = new Uint8Array();
  for (const [raw, k, v] of map.entries(ctx, opts)) {
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

/** The smallest key after `key` (for an exclusive end bound that includes `key`). */
function next(key: Uint8Array): Uint8Array {
  return concatBytes(key, Uint8Array.of(0));
}
