/** A view of the keys under a prefix, with the prefix stripped (the SDK's prefix.Store). */
import { concatBytes, prefixEnd } from './bytes';
import type { KVPair, KVStore } from './types';

export class PrefixStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly prefix: Uint8Array,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    return this.parent.get(this.full(key));
  }

  has(key: Uint8Array): boolean {
    return this.parent.has(this.full(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    if (key.length === 0) throw new Error('store key must not be empty');
    this.parent.set(this.full(key), value);
  }

  delete(key: Uint8Array): void {
    this.parent.delete(this.full(key));
  }

  iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.strip(this.parent.iterator(...this.range(start, end)));
  }

  reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.strip(this.parent.reverseIterator(...this.range(start, end)));
  }

  private full(key: Uint8Array): Uint8Array {
    return concatBytes(this.prefix, key);
  }

  private range(start?: Uint8Array, end?: Uint8Array): [Uint8Array, Uint8Array | undefined] {
    return [start ? this.full(start) : this.prefix, end ? this.full(end) : prefixEnd(this.prefix)];
  }

  private *strip(it: IterableIterator<KVPair>): IterableIterator<KVPair> {
    const n = this.prefix.length;
    for (const [k, v] of it) yield [k.subarray(n), v];
  }
}
