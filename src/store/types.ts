/**
 * The store interfaces the state machine is written against. Stores are synchronous: inside a
 * block every read is served from memory or from LevelDB's synchronous `getSync`, so keepers
 * never await. Keys and values are bytes; ranges are [start, end) in byte order, `undefined`
 * meaning unbounded.
 */
import type { ProofOps } from 'cosmjs-types/tendermint/crypto/proof';

export type KVPair = [key: Uint8Array, value: Uint8Array];

export interface KVStoreReader {
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /** Ascending over [start, end). */
  iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair>;
  /** Descending over [start, end). */
  reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair>;
}

export interface KVStore extends KVStoreReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}

/** A store whose writes are buffered until `write()` flushes them into the parent. */
export interface BranchStore extends KVStore {
  write(): void;
}

export interface CommitId {
  version: number;
  hash: Uint8Array;
}

/** A value read at a committed version, with its proof when asked for. */
export interface ProvenValue {
  value: Uint8Array | undefined;
  /** `ics23:iavl` (key in the store tree) then `ics23:simple` (store root in the app hash). */
  proofOps?: ProofOps;
}

export type PruningOptions =
  | { strategy: 'nothing' } // keep every version
  | { strategy: 'everything' } // keep only the latest (plus the one being written)
  | { strategy: 'custom'; keepRecent: number; interval: number };

/**
 * The persistent root of all module stores (Cosmos SDK rootmulti). Version n is the state after
 * block n. The working trees take writes for the next version; `workingHash` gives the app hash
 * the next commit will produce; `commit` persists all stores in one atomic LevelDB batch.
 */
export interface CommitMultiStore {
  readonly storeNames: readonly string[];
  /** Version 0 with sha256("") before the first commit. */
  lastCommitId(): CommitId;
  /** The working (uncommitted) state of one store. Throws for an unknown store name. */
  working(name: string): KVStore;
  /** Root over (store name, store root) of the working trees as `commit` would produce; no I/O. */
  workingHash(): Uint8Array;
  /** The root of one working tree; memoised, so hashing store by store spreads workingHash's work. */
  workingStoreHash(name: string): Uint8Array;
  /** Persists the working trees as the next version, atomically, then prunes per the options. */
  commit(): Promise<CommitId>;
  /** The version the first commit gets (InitChain's initial_height); only before any commit. */
  setInitialVersion(version: number): void;
  /** A read-only view of a store at a kept committed version. Throws store errors otherwise. */
  at(name: string, version: number): KVStoreReader;
  /** A value at a committed version, with ICS-23 proof ops when `prove` is true. */
  getProven(name: string, key: Uint8Array, version: number, prove: boolean): ProvenValue;
  close(): Promise<void>;
}
