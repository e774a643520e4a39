/**
 * An in-memory KVStore over a sorted array. For unit tests and as the reference model of the
 * property tests; the node never keeps consensus state in it.
 */
import { compareBytes, inRange } from './bytes';
import type { KVPair, KVStore } from './types';

export class MemKVStore implements KVStore {
  private readonly entries: KVPair[] = [];

  get(key: Uint8Array): Uint8Array | undefined {
    const i = this.find(key);
    return i >= 0 ? this.entries[i][1] : undefined;
  }

  has(key: Uint8Array): boolean {
    return this.find(key) >= 0;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    assertKey(key);
    const i = this.find(key);
    if (i >= 0) this.entries[i] = [this.entries[i][0], value];
    else this.entries.splice(~i, 0, [Uint8Array.from(key), value]);
  }

  delete(key: Uint8Array): void {
    const i = this.find(key);
    if (i >= 0) this.entries.splice(i, 1);
  }

  *iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    const snapshot = this.entries.slice(this.lowerBound(start));
    for (const kv of snapshot) {
      if (end && compareBytes(kv[0], end) >= 0) return;
      yield kv;
    }
  }

  *reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    const snapshot = this.entries.slice(0, end ? this.lowerBound(end) : this.entries.length);
    for (let i = snapshot.length - 1; i >= 0; i--) {
      if (!inRange(snapshot[i][0], start)) return;
      yield snapshot[i];
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Index of key, or ~insertionPoint when absent. */
  private find(key: Uint8Array): number {
    let lo = 0;
    let hi = this.entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(this.entries[mid][0], key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return ~lo;
  }

  private lowerBound(key?: Uint8Array): number {
    if (!key) return 0;
    const i = this.find(key);
    return i >= 0 ? i : ~i;
  }
}

/** Stores reject empty keys, as IAVL and the Cosmos SDK do. */
export function assertKey(key: Uint8Array): void {
  if (key.length === 0) throw new Error('store key must not be empty');
}
