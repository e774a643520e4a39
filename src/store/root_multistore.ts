/**
 * The persistent root of all module stores (Cosmos SDK v0.50 rootmulti): one IAVL tree per store
 * name, all in ONE LevelDB.
 *
 *   s/latest              -> latest committed version (8 bytes, big-endian)
 *   s/earliest            -> earliest version still stored
 *   s/c/<version(8, BE)>  -> cosmos.store.v1beta1.CommitInfo of that version
 *   s/k:<name>/...        -> the tree of store <name> (iavl/node_db.ts)
 *
 * Commit writes every tree's new nodes, root records and orphan lists, the commit info and the
 * latest pointer in one LevelDB batch (fsync'd). LevelDB applies a batch atomically — it is one
 * record in its write-ahead log, and a torn tail record is dropped on recovery — so a crash at
 * any point leaves either the previous version or the new one, never a mix. Pruning runs after
 * the commit batch, as a second batch that also moves s/earliest; a crash before it lands only
 * means the same versions are pruned at a later commit.
 */
import { ClassicLevel } from 'classic-level';
import { sdk } from '../types/errors';
import { CommitInfo, commitInfoHash, decodeCommitInfo, encodeCommitInfo, storeExistenceProof } from './commit_info';
import { storeErrors } from './errors';
import { EMPTY_HASH } from './iavl/hash';
import type { ImmutableTree } from './iavl/immutable_tree';
import { FastIndex } from './iavl/fast_index';
import { MutableTree } from './iavl/mutable_tree';
import { NodeDB, putVersion, readVersion, SyncReadDB } from './iavl/node_db';
import { commitmentProof, encodeCommitmentProof } from './iavl/proof';
import { DEFAULT_PRUNING, KeepRecent, pruneHeight, resolvePruning } from './pruning';
import type {
  CommitId,
  CommitMultiStore,
  KVPair,
  KVStore,
  KVStoreReader,
  ProvenValue,
  PruningOptions,
} from './types';

export interface RootMultiStoreOptions {
  /** Directory of the LevelDB database (created if missing). */
  path: string;
  /** The store names (module store keys); each gets its own tree. */
  storeNames: readonly string[];
  /** Default: keep the last 1000 versions, prune every 10 commits. */
  pruning?: PruningOptions;
  /** Nodes cached as decoded JS objects per store (default 50,000): the hot top of each tree. */
  nodeCacheSize?: number;
  /**
   * Bytes of encoded nodes cached per store outside the object cache (default 32 MiB ≈ 200k nodes; resident only as it fills, and busy stores fill it). Costs the
   * garbage collector nothing; a hit is ~8x cheaper than a LevelDB read.
   */
  nodeSlabBytes?: number;
  /**
   * LevelDB's block cache in bytes (default 64 MiB). It lives outside the JS heap, so a large
   * one serves node misses without adding garbage-collector work.
   */
  levelCacheBytes?: number;
  /** fsync every commit (default true). */
  sync?: boolean;
}

export const PROOF_OP_IAVL = 'ics23:iavl';
export const PROOF_OP_SIMPLE = 'ics23:simple';

const LATEST_KEY = Buffer.from('s/latest');
/** Present when the trees keep their latest-version fast index (every database we create). */
const FAST_INDEX_KEY = Buffer.from('s/fast');
const EARLIEST_KEY = Buffer.from('s/earliest');
const COMMIT_INFO_PREFIX = Buffer.from('s/c/');

function versionBytes(v: number): Buffer {
  const b = Buffer.alloc(8);
  putVersion(b, 0, v);
  return b;
}

function commitInfoKey(version: number): Buffer {
  return Buffer.concat([COMMIT_INFO_PREFIX, versionBytes(version)]);
}

export function storePrefix(name: string): Buffer {
  return Buffer.from(`s/k:${name}/`, 'utf8');
}

function validateStoreNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (n.length === 0 || n.includes('/')) throw new Error(`invalid store name ${JSON.stringify(n)}`);
    if (seen.has(n)) throw new Error(`duplicate store name ${n}`);
    seen.add(n);
  }
}

type Level = ClassicLevel<Buffer, Buffer>;

export class RootMultiStore implements CommitMultiStore {
  readonly storeNames: readonly string[];
  private readonly trees = new Map<string, MutableTree>();
  private readonly facades = new Map<string, KVStore>();
  private lastCommit: CommitInfo | undefined;
  private earliest: number;
  private committing = false;
  private broken: unknown;

  private constructor(
    private readonly db: Level,
    names: readonly string[],
    private readonly pruning: KeepRecent | null,
    private readonly sync: boolean,
    cacheSize: number,
    slabBytes: number,
    latest: number,
    earliest: number,
    lastCommit: CommitInfo | undefined,
    private readonly fastIndex: boolean,
  ) {
    this.storeNames = [...names];
    this.earliest = earliest;
    this.lastCommit = lastCommit;
    const reader: SyncReadDB = { getSync: (k) => db.getSync(k as Buffer) };
    for (const name of names) {
      const ndb = new NodeDB(reader, storePrefix(name), cacheSize, slabBytes);
      let root;
      if (latest > 0) {
        const rec = ndb.getRoot(latest);
        if (rec === null) {
          throw new Error(`store ${name} has no version ${latest}: adding stores to an existing chain is not supported`);
        }
        root = rec.root;
      }
      const fast = fastIndex ? new FastIndex(reader, storePrefix(name)) : undefined;
      const tree = new MutableTree(ndb, { version: latest, root, earliest: latest > 0 ? earliest : 0 }, fast);
      this.trees.set(name, tree);
      this.facades.set(name, workingFacade(tree));
    }
  }

  /** Opens (or creates) the database and loads the latest committed version. */
  static async open(opts: RootMultiStoreOptions): Promise<RootMultiStore> {
    validateStoreNames(opts.storeNames);
    const pruning = resolvePruning(opts.pruning ?? DEFAULT_PRUNING);
    const db: Level = new ClassicLevel<Buffer, Buffer>(opts.path, {
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
      cacheSize: opts.levelCacheBytes ?? 64 * 2 ** 20,
    });
    await db.open();
    try {
      const latestBytes = await db.get(LATEST_KEY);
      const latest = latestBytes ? readVersion(latestBytes, 0) : 0;
      let earliest = 0;
      let lastCommit: CommitInfo | undefined;
      const fastIndex = latest === 0 || (await db.get(FAST_INDEX_KEY)) !== undefined;
      if (latest > 0) {
        const e = await db.get(EARLIEST_KEY);
        earliest = e ? readVersion(e, 0) : latest;
        const ci = await db.get(commitInfoKey(latest));
        if (!ci) throw new Error(`commit info of latest version ${latest} missing`);
        lastCommit = decodeCommitInfo(ci);
      }
      return new RootMultiStore(
        db,
        opts.storeNames,
        pruning,
        opts.sync ?? true,
        opts.nodeCacheSize ?? 50_000,
        opts.nodeSlabBytes ?? 32 * 2 ** 20,
        latest,
        earliest,
        lastCommit,
        fastIndex,
      );
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  private tree(name: string): MutableTree {
    const t = this.trees.get(name);
    if (!t) throw storeErrors.UnknownRequest(`no such store: ${name}`);
    return t;
  }

  private assertUsable(): void {
    if (this.broken !== undefined) throw new Error('multistore unusable after a failed commit; reopen it', { cause: this.broken });
  }

  /** Latest committed version (0 before the first commit). */
  get latestVersion(): number {
    return this.lastCommit?.version ?? 0;
  }

  /** Earliest version still readable (0 before the first commit). */
  get earliestVersion(): number {
    return this.earliest;
  }

  lastCommitId(): CommitId {
    if (!this.lastCommit) return { version: 0, hash: EMPTY_HASH };
    return { version: this.lastCommit.version, hash: commitInfoHash(this.lastCommit.stores) };
  }

  working(name: string): KVStore {
    const f = this.facades.get(name);
    if (!f) throw storeErrors.UnknownRequest(`no such store: ${name}`);
    return f;
  }

  workingHash(): Uint8Array {
    return commitInfoHash(this.storeNames.map((name) => ({ name, hash: this.workingStoreHash(name) })));
  }

  workingStoreHash(name: string): Uint8Array {
    return this.tree(name).workingHash();
  }

  setInitialVersion(version: number): void {
    if (this.lastCommit) throw new Error('setInitialVersion after the first commit');
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`invalid initial version ${version}`);
    for (const t of this.trees.values()) t.setInitialVersion(version);
  }

  async commit(): Promise<CommitId> {
    this.assertUsable();
    if (this.committing) throw new Error('commit already in progress');
    this.committing = true;
    try {
      const trees = [...this.trees.values()];
      const version = trees[0]?.workingVersion() ?? this.latestVersion + 1;
      const batch = this.db.batch();
      // store by store, letting queued work (queries of the saved version) run in between
      const stores: { name: string; hash: Uint8Array }[] = [];
      for (const name of this.storeNames) {
        stores.push({ name, hash: this.tree(name).saveVersion(batch).hash });
        await new Promise<void>((res) => setImmediate(res));
      }
      const info: CommitInfo = { version, stores };
      batch.put(commitInfoKey(version), Buffer.from(encodeCommitInfo(info)));
      batch.put(LATEST_KEY, versionBytes(version));
      const first = !this.lastCommit;
      if (first) batch.put(EARLIEST_KEY, versionBytes(version));
      if (first && this.fastIndex) batch.put(FAST_INDEX_KEY, Buffer.of(1));
      try {
        await batch.write({ sync: this.sync });
      } catch (err) {
        this.broken = err;
        throw err;
      }
      for (const t of trees) t.commitSaved();
      this.lastCommit = info;
      if (first) this.earliest = version;
      await this.prune(version);
      return { version, hash: commitInfoHash(stores) };
    } finally {
      this.committing = false;
    }
  }

  private async prune(version: number): Promise<void> {
    const to = pruneHeight(this.pruning, version);
    if (to < this.earliest) return;
    const from = this.earliest;
    const batch = this.db.batch();
    for (const t of this.trees.values()) t.deleteVersionsTo(batch, to);
    for (let v = from; v <= to; v++) batch.del(commitInfoKey(v));
    batch.put(EARLIEST_KEY, versionBytes(to + 1));
    this.earliest = to + 1; // refuse reads of these versions from now on
    await batch.write({ sync: this.sync });
  }

  private checkVersion(version: number): void {
    const latest = this.latestVersion;
    if (!Number.isSafeInteger(version) || version < 1) throw sdk.InvalidHeight(`invalid version ${version}`);
    if (latest === 0) throw sdk.InvalidHeight(`no version committed yet; asked for ${version}`);
    if (version > latest) throw sdk.InvalidHeight(`version ${version} is in the future; latest is ${latest}`);
    if (version < this.earliest) {
      throw sdk.InvalidHeight(`version ${version} has been pruned; earliest available is ${this.earliest}`);
    }
  }

  at(name: string, version: number): KVStoreReader {
    return this.view(name, version);
  }

  private view(name: string, version: number): ImmutableTree {
    const tree = this.tree(name);
    this.checkVersion(version);
    const view = tree.immutableAt(version);
    if (!view) throw sdk.InvalidHeight(`version ${version} of store ${name} is not available`);
    return view;
  }

  /** The commit info of a kept version. */
  commitInfo(version: number): CommitInfo {
    this.checkVersion(version);
    if (this.lastCommit && version === this.lastCommit.version) return this.lastCommit;
    const bytes = this.db.getSync(commitInfoKey(version));
    if (!bytes) throw sdk.InvalidHeight(`commit info of version ${version} is not available`);
    return decodeCommitInfo(bytes);
  }

  getProven(name: string, key: Uint8Array, version: number, prove: boolean): ProvenValue {
    const view = this.view(name, version);
    const value = view.get(key);
    if (!prove) return { value };
    const info = this.commitInfo(version);
    return {
      value,
      proofOps: {
        ops: [
          { type: PROOF_OP_IAVL, key: Uint8Array.from(key), data: encodeCommitmentProof(commitmentProof(view, key)) },
          {
            type: PROOF_OP_SIMPLE,
            key: Buffer.from(name, 'utf8'),
            data: encodeCommitmentProof({ exist: storeExistenceProof(info.stores, name) }),
          },
        ],
      },
    };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** The KVStore face of a working tree (hides saving and pruning from keepers). */
function workingFacade(tree: MutableTree): KVStore {
  return {
    get: (key) => tree.get(key),
    has: (key) => tree.has(key),
    set: (key, value) => tree.set(key, value),
    delete: (key) => tree.delete(key),
    iterator: (start, end): IterableIterator<KVPair> => tree.iterator(start, end),
    reverseIterator: (start, end): IterableIterator<KVPair> => tree.reverseIterator(start, end),
  };
}
