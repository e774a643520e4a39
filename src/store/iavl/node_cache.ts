/**
 * A bounded node cache with approximate LRU eviction: two generations of Maps. Hits in the old
 * generation are promoted; when the young one fills, the old one is dropped whole. Every
 * operation is O(1) with no per-hit reordering, which a Map-based exact LRU would need.
 * Holds between `capacity / 2` and `capacity` entries.
 */
export class NodeCache<V> {
  private young = new Map<number, V>();
  private old = new Map<number, V>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: number): V | undefined {
    const y = this.young.get(key);
    if (y !== undefined) return y;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.put(key, o);
    }
    return o;
  }

  put(key: number, value: V): void {
    if (this.capacity <= 0) return;
    this.young.set(key, value);
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: number): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
