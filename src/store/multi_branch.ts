/**
 * A branch of every module store at once (the SDK's CacheMultiStore). The block runs in one over
 * the working trees; each tx runs in a branch of the block's; CheckTx runs in one over the last
 * committed version. `write()` flushes every store, in store-name order.
 */
import { Branch } from './branch_store';
import type { KVStore, KVStoreReader } from './types';

export class MultiBranch {
  private readonly branches = new Map<string, Branch>();

  constructor(
    readonly storeNames: readonly string[],
    private readonly parentOf: (name: string) => KVStoreReader | KVStore,
  ) {}

  store(name: string): Branch {
    let b = this.branches.get(name);
    if (!b) {
      if (!this.storeNames.includes(name)) throw new Error(`unknown store ${JSON.stringify(name)}`);
      b = new Branch(this.parentOf(name));
      this.branches.set(name, b);
    }
    return b;
  }

  branch(): MultiBranch {
    return new MultiBranch(this.storeNames, (name) => this.store(name));
  }

  write(): void {
    for (const _ of this.writeStoreByStore());
  }

  /** `write()` one store at a time, pausing after each (a long block's tail in pieces). */
  *writeStoreByStore(): Generator<void> {
    for (const name of [...this.branches.keys()].sort()) {
      this.branches.get(name)!.write();
      yield;
    }
  }
}
