/**
 * An in-memory stand-in for LevelDB's synchronous reads and batches, for unit tests only.
 */
import type { SyncReadDB, WriteBatch } from '../iavl/node_db';

export class MemDB implements SyncReadDB {
  readonly data = new Map<string, Uint8Array>();

  getSync(key: Uint8Array): Uint8Array | undefined {
    return this.data.get(Buffer.from(key).toString('hex'));
  }

  batch(): MemBatch {
    return new MemBatch(this);
  }
}

export class MemBatch implements WriteBatch {
  private readonly ops: Array<[string, Uint8Array | undefined]> = [];
  constructor(private readonly db: MemDB) {}

  put(key: Uint8Array, value: Uint8Array): void {
    this.ops.push([Buffer.from(key).toString('hex'), Buffer.from(value)]);
  }

  del(key: Uint8Array): void {
    this.ops.push([Buffer.from(key).toString('hex'), undefined]);
  }

  write(): void {
    for (const [k, v] of this.ops) {
      if (v === undefined) this.db.data.delete(k);
      else this.db.data.set(k, v);
    }
    this.ops.length = 0;
  }
}
