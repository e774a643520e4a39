/**
 * Where one tree's nodes live in LevelDB, under the tree's key prefix:
 *
 *   prefix 'n' version(8, BE) nonce(4, BE)  -> encoded node (node_codec.ts)
 *   prefix 'r' version(8, BE)               -> root record of that version (empty = empty tree)
 *   prefix 'o' version(8, BE)               -> node keys (12 bytes each) that version orphaned,
 *                                              i.e. nodes last live in version - 1
 *
 * Node keys are (version, nonce) as in iavl v1, so the nodes a version writes are contiguous.
 * Reads are synchronous (`getSync`) behind an in-memory node cache; writes only go into the
 * caller's batch, so a whole block commits atomically.
 */
import { NodeCache } from './node_cache';
import { NodeSlab } from './node_slab';
import { decodeNode, decodeRootRecord, encodeNode, encodeRootRecord } from './node_codec';
import { Child, Node, NodeRef } from './node';

/** The synchronous read side of the database (classic-level's `getSync`). */
export interface SyncReadDB {
  getSync(key: Uint8Array): Uint8Array | undefined;
}

/**
 * The write side: a batch applied atomically by the caller. `put` must copy key and value (as
 * LevelDB's WriteBatch does): callers pass views of buffers they reuse.
 */
export interface WriteBatch {
  put(key: Uint8Array, value: Uint8Array): void;
  del(key: Uint8Array): void;
}

export const NODE_KEY_SIZE = 12;
/** Nonces are 32-bit in the key; versions are kept below 2^53 by JS numbers anyway. */
const MAX_NONCE = 2 ** 32 - 1;

export function putVersion(buf: Uint8Array, off: number, version: number): void {
  const hi = Math.floor(version / 2 ** 32);
  const lo = version >>> 0;
  buf[off] = hi >>> 24;
  buf[off + 1] = (hi >>> 16) & 0xff;
  buf[off + 2] = (hi >>> 8) & 0xff;
  buf[off + 3] = hi & 0xff;
  buf[off + 4] = lo >>> 24;
  buf[off + 5] = (lo >>> 16) & 0xff;
  buf[off + 6] = (lo >>> 8) & 0xff;
  buf[off + 7] = lo & 0xff;
}

export function readVersion(buf: Uint8Array, off: number): number {
  const hi = ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
  const lo = ((buf[off + 4] << 24) | (buf[off + 5] << 16) | (buf[off + 6] << 8) | buf[off + 7]) >>> 0;
  return hi * 2 ** 32 + lo;
}

function putU32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 24;
  buf[off + 1] = (v >>> 16) & 0xff;
  buf[off + 2] = (v >>> 8) & 0xff;
  buf[off + 3] = v & 0xff;
}

function readU32(buf: Uint8Array, off: number): number {
  return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}

export class NodeDB {
  private readonly cache: NodeCache<Node>;
  /** Count of node loads that missed the cache (for benchmarks). */
  misses = 0;

  private readonly slab: NodeSlab;
  private readonly scratchKey: Buffer;
  /** Loads served from the byte cache (for benchmarks). */
  slabHits = 0;

  /**
   * @param cacheSize nodes kept as decoded objects (the hot top of the tree)
   * @param slabBytes bytes of encoded nodes kept outside the object cache (0 = none)
   */
  constructor(
    private readonly db: SyncReadDB,
    readonly prefix: Uint8Array,
    cacheSize: number,
    slabBytes = 0,
  ) {
    this.cache = new NodeCache(cacheSize);
    this.slab = new NodeSlab(slabBytes);
    this.scratchKey = this.nodeKey(0, 0);
  }

  private key(tag: number, version: number, extra: number): Buffer {
    const p = this.prefix.length;
    const k = Buffer.allocUnsafe(p + 1 + 8 + extra);
    k.set(this.prefix, 0);
    k[p] = tag;
    putVersion(k, p + 1, version);
    return k;
  }

  nodeKey(version: number, nonce: number): Buffer {
    const k = this.key(0x6e /* n */, version, 4);
    putU32(k, k.length - 4, nonce);
    return k;
  }

  rootKey(version: number): Buffer {
    return this.key(0x72 /* r */, version, 0);
  }

  orphansKey(version: number): Buffer {
    return this.key(0x6f /* o */, version, 0);
  }

  /** Loads a persisted node by reference (cache first, then LevelDB). */
  getNode(ref: NodeRef): Node {
    const hit = this.cache.get(ref.version, ref.nonce);
    if (hit !== undefined) return hit;
    let bytes: Uint8Array | undefined = this.slab.get(ref.version, ref.nonce);
    if (bytes !== undefined) {
      this.slabHits++;
    } else {
      this.misses++;
      bytes = this.db.getSync(this.nodeKey(ref.version, ref.nonce));
      if (bytes === undefined) {
        throw new Error(`iavl: node (${ref.version}, ${ref.nonce}) missing under ${Buffer.from(this.prefix).toString()}`);
      }
      this.slab.put(ref.version, ref.nonce, bytes);
    }
    const node = decodeNode(ref, bytes);
    this.cache.put(ref.version, ref.nonce, node);
    return node;
  }

  /**
   * Writes a saved node (version and nonce assigned, children saved) into the batch and the
   * cache. Key and value are passed as views of reused scratch buffers: LevelDB's WriteBatch
   * copies them on put, and saving ~100k nodes per block must not allocate per node.
   */
  saveNode(batch: WriteBatch, node: Node): void {
    if (node.nonce > MAX_NONCE) throw new Error(`iavl: more than 2^32 nodes in version ${node.version}`);
    const k = this.scratchKey;
    const p = this.prefix.length + 1;
    putVersion(k, p, node.version);
    putU32(k, p + 8, node.nonce);
    const bytes = encodeNode(node);
    batch.put(k, bytes);
    this.slab.put(node.version, node.nonce, bytes);
    this.cache.put(node.version, node.nonce, node);
  }

  /** The root of a version: `null` if the version has no root record (never saved, or pruned). */
  getRoot(version: number): { root: NodeRef | undefined } | null {
    const bytes = this.db.getSync(this.rootKey(version));
    if (bytes === undefined) return null;
    return { root: decodeRootRecord(bytes) };
  }

  saveRoot(batch: WriteBatch, version: number, root: Child | undefined): void {
    batch.put(this.rootKey(version), encodeRootRecord(root));
  }

  saveOrphans(batch: WriteBatch, version: number, packedKeys: Uint8Array): void {
    if (packedKeys.length > 0) batch.put(this.orphansKey(version), packedKeys);
  }

  /**
   * Deletes version `version`: its root record and every node last live in it (the orphans that
   * version + 1 recorded). Only valid when all versions below `version` are already deleted.
   */
  deleteVersion(batch: WriteBatch, version: number): number {
    batch.del(this.rootKey(version));
    const okey = this.orphansKey(version + 1);
    const packed = this.db.getSync(okey);
    if (packed === undefined) return 0;
    for (let off = 0; off < packed.length; off += NODE_KEY_SIZE) {
      const v = readVersion(packed, off);
      const nonce = readU32(packed, off + 8);
      batch.del(this.nodeKey(v, nonce));
      this.cache.delete(v, nonce);
      this.slab.delete(v, nonce);
    }
    batch.del(okey);
    return packed.length / NODE_KEY_SIZE;
  }

  static packNodeKey(buf: Uint8Array, off: number, version: number, nonce: number): void {
    putVersion(buf, off, version);
    putU32(buf, off + 8, nonce);
  }

  get cacheSize(): number {
    return this.cache.size;
  }
}
