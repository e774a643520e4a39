/**
 * A bounded cache of nodes keyed by node key (version, nonce), with approximate LRU eviction:
 * two generations; hits in the old generation are promoted, and when the young one fills, the
 * old one is dropped whole. Every operation is O(1) with no per-hit reordering, which a
 * Map-based exact LRU would need. Holds between `capacity / 2` and `capacity` entries.
 *
 * Keys are two-level (version -> nonce -> value) so both map keys stay small integers (V8 Smis):
 * one packed number would exceed 2^31 and be boxed on every lookup.
 */
class Generation<V> {
  readonly byVersion = new Map<number, Map<number, V>>();
  size = 0;

  get(version: number, nonce: number): V | undefined {
    return this.byVersion.get(version)?.get(nonce);
  }

  set(version: number, nonce: number, value: V): void {
    let m = this.byVersion.get(version);
    if (m === undefined) {
      m = new Map();
      this.byVersion.set(version, m);
    }
    const before = m.size;
    m.set(nonce, value);
    this.size += m.size - before;
  }

  delete(version: number, nonce: number): boolean {
    const m = this.byVersion.get(version);
    if (m === undefined || !m.delete(nonce)) return false;
    this.size--;
    if (m.size === 0) this.byVersion.delete(version);
    return true;
  }
}

export class NodeCache<V> {
  private young = new Generation<V>();
  private old = new Generation<V>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(version: number, nonce: number): V | undefined {
    const y = this.young.get(version, nonce);
    if (y !== undefined) return y;
    const o = this.old.get(version, nonce);
    if (o !== undefined) {
      this.old.delete(version, nonce);
      this.put(version, nonce, o);
    }
    return o;
  }

  put(version: number, nonce: number, value: V): void {
    if (this.capacity <= 0) return;
    this.young.set(version, nonce, value);
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Generation();
    }
  }

  delete(version: number, nonce: number): void {
    this.young.delete(version, nonce);
    this.old.delete(version, nonce);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
