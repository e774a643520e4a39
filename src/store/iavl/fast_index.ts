/**
 * The latest-version "fast index" of one tree (as iavl v1 keeps one): rows
 * `prefix 'f' key -> value` mirroring the last saved version, plus the working block's unsaved
 * changes in memory. A point read of the working state is then one map lookup or one LevelDB
 * getSync instead of a walk down ~20 tree levels (measured 7x faster at 1M keys, see README).
 * Rows are written in the same batch as the version they mirror, so they are always in step
 * with `s/latest`. Range iteration still walks the tree: classic-level has no synchronous
 * iterator to merge with.
 */
import type { SyncReadDB, WriteBatch } from './node_db';

const TAG = 0x66; // 'f'

export class FastIndex {
  /** latin1 string of the key -> new value, or null for a deletion. */
  private unsaved = new Map<string, Uint8Array | null>();
  private scratch: Buffer;

  constructor(
    private readonly db: SyncReadDB,
    private readonly prefix: Uint8Array,
  ) {
    this.scratch = Buffer.allocUnsafeSlow(prefix.length + 1 + 64);
    this.scratch.set(prefix, 0);
    this.scratch[prefix.length] = TAG;
  }

  /** The row key, in a scratch buffer valid until the next call (LevelDB copies it). */
  private rowKey(key: Uint8Array): Buffer {
    const p = this.prefix.length + 1;
    if (this.scratch.length < p + key.length) {
      const next = Buffer.allocUnsafeSlow(2 * (p + key.length));
      this.scratch.copy(next, 0, 0, p);
      this.scratch = next;
    }
    this.scratch.set(key, p);
    return this.scratch.subarray(0, p + key.length);
  }

  private static id(key: Uint8Array): string {
    return Buffer.from(key.buffer, key.byteOffset, key.length).toString('latin1');
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const pending = this.unsaved.get(FastIndex.id(key));
    if (pending !== undefined) return pending ?? undefined;
    return this.db.getSync(this.rowKey(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.unsaved.set(FastIndex.id(key), value);
  }

  remove(key: Uint8Array): void {
    this.unsaved.set(FastIndex.id(key), null);
  }

  /** Writes the block's changes into the batch of the version being saved. */
  save(batch: WriteBatch): void {
    for (const [id, value] of this.unsaved) {
      const key = this.rowKey(Buffer.from(id, 'latin1'));
      if (value === null) batch.del(key);
      else batch.put(key, value);
    }
  }

  /** The saved batch is durable: the rows now hold the new version. */
  commitSaved(): void {
    this.unsaved = new Map();
  }
}
