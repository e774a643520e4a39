/**
 * A read-only view of one tree at one root: point reads, range iteration and the neighbour
 * lookups that proofs need. The working tree extends it with writes.
 */
import type { KVPair, KVStoreReader } from '../types';
import { compareBytes } from './encoding';
import { EMPTY_HASH } from './hash';
import { TreeIterator } from './iterator';
import { Child, Node, hashTree } from './node';
import type { NodeDB } from './node_db';

export class ImmutableTree implements KVStoreReader {
  constructor(
    readonly ndb: NodeDB,
    /** Root of this view; undefined for an empty tree. */
    public root: Child | undefined,
    /** The version this view is (saved versions) or will be saved as (the working tree). */
    public version: number,
  ) {}

  /** Resolves a child to a node, loading persisted nodes through the cache. */
  readonly load = (c: Child): Node => (c instanceof Node ? c : this.ndb.getNode(c));

  /** Root hash (sha256("") for an empty tree, like iavl v1). */
  hash(): Uint8Array {
    const r = this.root;
    if (r === undefined) return EMPTY_HASH;
    if (r.hash) return r.hash;
    return hashTree(r as Node, this.version);
  }

  get size(): number {
    return this.root?.size ?? 0;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    let c = this.root;
    if (c === undefined) return undefined;
    for (;;) {
      const n = this.load(c);
      if (n.height === 0) return compareBytes(n.key, key) === 0 ? n.value : undefined;
      c = compareBytes(key, n.key) < 0 ? n.left! : n.right!;
    }
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return new TreeIterator(this.load, this.root, start, end, true);
  }

  reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return new TreeIterator(this.load, this.root, start, end, false);
  }

  /** The leaf holding `key`, with the inner nodes from the root down to it; undefined if absent. */
  pathToLeaf(key: Uint8Array): { path: Node[]; leaf: Node } | undefined {
    const path: Node[] = [];
    let c = this.root;
    if (c === undefined) return undefined;
    for (;;) {
      const n = this.load(c);
      if (n.height === 0) return compareBytes(n.key, key) === 0 ? { path, leaf: n } : undefined;
      path.push(n);
      c = compareBytes(key, n.key) < 0 ? n.left! : n.right!;
    }
  }

  /** Largest key strictly below `key`. */
  keyBefore(key: Uint8Array): Uint8Array | undefined {
    const r = this.reverseIterator(undefined, key).next();
    return r.done ? undefined : r.value[0];
  }

  /** Smallest key strictly above `key`. */
  keyAfter(key: Uint8Array): Uint8Array | undefined {
    for (const [k] of this.iterator(key)) {
      if (compareBytes(k, key) > 0) return k;
    }
    return undefined;
  }
}
