/**
 * A branch (the Cosmos SDK's cachekv): writes are buffered in memory and reach the parent only on
 * `write()`, in sorted key order so the parent (an IAVL tree) sees a deterministic sequence.
 * A tx runs in a branch of the block's branch; a failed tx simply drops its branch.
 */
import { compareBytes, fromKeyString, toKeyString } from './bytes';
import { assertKey } from './mem_store';
import type { BranchStore, KVPair, KVStore, KVStoreReader } from './types';

const DELETED = null;
type Entry = Uint8Array | typeof DELETED;

export class Branch implements BranchStore {
  private readonly dirty = new Map<string, Entry>();
  /** Dirty keys in order; keys added since the last iteration wait in `unsorted`. */
  private sorted: string[] = [];
  private unsorted: string[] = [];

  constructor(private readonly parent: KVStoreReader | KVStore) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const e = this.dirty.get(toKeyString(key));
    if (e !== undefined) return e ?? undefined;
    return this.parent.get(key);
  }

  has(key: Uint8Array): boolean {
    const e = this.dirty.get(toKeyString(key));
    if (e !== undefined) return e !== DELETED;
    return this.parent.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    assertKey(key);
    if (!(value instanceof Uint8Array)) throw new TypeError('store value must be bytes');
    this.put(toKeyString(key), value);
  }

  delete(key: Uint8Array): void {
    this.put(toKeyString(key), DELETED);
  }

  /** A branch of this branch. */
  branch(): Branch {
    return new Branch(this);
  }

  /** Number of keys written or deleted since the last `write()`. */
  get pendingWrites(): number {
    return this.dirty.size;
  }

  write(): void {
    if (this.dirty.size === 0) return;
    const parent = this.parent as Partial<KVStore>;
    if (typeof parent.set !== 'function' || typeof parent.delete !== 'function') {
      throw new Error('cannot write a branch of a read-only store');
    }
    for (const k of this.sortedKeys()) {
      const e = this.dirty.get(k)!;
      if (e === DELETED) parent.delete(fromKeyString(k));
      else parent.set(fromKeyString(k), e);
    }
    this.dirty.clear();
    this.sorted = [];
    this.unsorted = [];
  }

  iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.merge(this.parent.iterator(start, end), this.keysInRange(start, end), false);
  }

  reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.merge(this.parent.reverseIterator(start, end), this.keysInRange(start, end).reverse(), true);
  }

  private put(k: string, e: Entry): void {
    if (!this.dirty.has(k)) this.unsorted.push(k);
    this.dirty.set(k, e);
  }

  private sortedKeys(): string[] {
    if (this.unsorted.length > 0) {
      const fresh = this.unsorted.sort();
      this.unsorted = [];
      this.sorted = mergeSorted(this.sorted, fresh);
    }
    return this.sorted;
  }

  /** A snapshot of the dirty keys in [start, end), ascending. */
  private keysInRange(start?: Uint8Array, end?: Uint8Array): string[] {
    const keys = this.sortedKeys();
    const lo = start ? lowerBound(keys, toKeyString(start)) : 0;
    const hi = end ? lowerBound(keys, toKeyString(end)) : keys.length;
    return keys.slice(lo, hi);
  }

  /** Merges the parent's pairs with ours; ours win on equal keys and deletions hide the parent's. */
  private *merge(parentIt: Iterator<KVPair>, keys: string[], descending: boolean): IterableIterator<KVPair> {
    const sign = descending ? -1 : 1;
    let p = parentIt.next();
    let i = 0;
    while (!p.done || i < keys.length) {
      let takeOurs: boolean;
      let sameKey = false;
      let ourKey: Uint8Array | undefined;
      if (i >= keys.length) takeOurs = false;
      else if (p.done) takeOurs = true;
      else {
        ourKey = fromKeyString(keys[i]);
        const c = compareBytes(ourKey, p.value[0]) * sign;
        takeOurs = c <= 0;
        sameKey = c === 0;
      }
      if (!takeOurs) {
        yield p.value as KVPair;
        p = parentIt.next();
        continue;
      }
      const e = this.dirty.get(keys[i]);
      const key = ourKey ?? fromKeyString(keys[i]);
      i++;
      if (sameKey) p = parentIt.next();
      if (e !== undefined && e !== DELETED) yield [key, e];
    }
  }
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: string[], b: string[]): string[] {
  if (a.length === 0) return b;
  const out: string[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[o++] = a[i++];
  while (j < b.length) out[o++] = b[j++];
  return out;
}
