/**
 * The working tree of one store: IAVL's AVL+ insertion, removal and rotations, node for node
 * (cosmos/iavl mutable_tree.go `recursiveSet`, `recursiveRemove`, `balance`, `rotateLeft/Right`),
 * so tree shapes, node versions and therefore hashes equal iavl's.
 *
 * Copy-on-write: a persisted node on a changed path is copied (and recorded as orphaned by the
 * next version); a node that is already new is changed in place, which gives the same tree as
 * iavl's unconditional clone. `saveVersion` writes the new nodes, the root record and the
 * orphan list into the caller's batch.
 */
import type { KVStore } from '../types';
import { ByteWriter, compareBytes } from './encoding';
import { FastIndex } from './fast_index';
import { EMPTY_HASH } from './hash';
import { ImmutableTree } from './immutable_tree';
import { Child, Node, NodeRef, hashTree } from './node';
import { NODE_KEY_SIZE, NodeDB, WriteBatch } from './node_db';

export interface SavedVersion {
  version: number;
  hash: Uint8Array;
}

export class MutableTree extends ImmutableTree implements KVStore {
  /** Last saved version (0 before the first save). */
  private savedVersion: number;
  private savedRoot: Child | undefined;
  private initialVersion = 0;
  /** Node keys of persisted nodes dropped from the working tree since the last save. */
  private orphans = new ByteWriter(1024);
  private updated = false;
  private removedValue: Uint8Array | undefined;
  /** Nodes saved by the batch being committed, awaiting `commitSaved`. */
  private pending: Node[] | undefined;
  /** Earliest version still stored (0 when nothing is saved). */
  private earliest: number;
  /** Point reads of the working state, when the database keeps the index. */
  private readonly fast: FastIndex | undefined;

  constructor(
    ndb: NodeDB,
    saved: { version: number; root: NodeRef | undefined; earliest: number },
    fast?: FastIndex,
  ) {
    super(ndb, saved.root, saved.version + 1);
    this.savedVersion = saved.version;
    this.savedRoot = saved.root;
    this.earliest = saved.earliest;
    this.fast = fast;
  }

  override get(key: Uint8Array): Uint8Array | undefined {
    return this.fast ? this.fast.get(key) : super.get(key);
  }

  /** The version the next save will get (iavl's WorkingVersion). */
  workingVersion(): number {
    return this.savedVersion === 0 && this.initialVersion > 1 ? this.initialVersion : this.savedVersion + 1;
  }

  get lastSavedVersion(): number {
    return this.savedVersion;
  }

  get earliestVersion(): number {
    return this.earliest;
  }

  /** Only before the first save (iavl's SetInitialVersion). */
  setInitialVersion(version: number): void {
    if (this.savedVersion !== 0) throw new Error('setInitialVersion after the first save');
    this.initialVersion = version;
    this.version = this.workingVersion();
  }

  /** Hash the next save will produce; caches node hashes, writes nothing. */
  workingHash(): Uint8Array {
    const r = this.root;
    if (r === undefined) return EMPTY_HASH;
    return r.hash ?? hashTree(r as Node, this.workingVersion());
  }

  // ---- writes ------------------------------------------------------------------------------

  set(key: Uint8Array, value: Uint8Array): void {
    if (key.length === 0) throw new Error('iavl: key is empty');
    if (value === undefined || value === null) throw new Error('iavl: value is nil');
    this.assertWritable();
    const k = Buffer.from(key);
    const v = Buffer.from(value);
    this.fast?.set(k, v);
    if (this.root === undefined) {
      this.root = Node.leaf(k, v);
      return;
    }
    this.updated = false;
    this.root = this.recursiveSet(this.root, k, v);
  }

  /** Removes `key`; returns its old value, or undefined if it was absent. */
  remove(key: Uint8Array): Uint8Array | undefined {
    this.assertWritable();
    if (this.root === undefined) return undefined;
    this.removedValue = undefined;
    const res = this.recursiveRemove(this.root, key);
    if (res === NOT_FOUND) return undefined;
    this.root = res.node;
    this.fast?.remove(key);
    return this.removedValue;
  }

  delete(key: Uint8Array): void {
    this.remove(key);
  }

  private assertWritable(): void {
    if (this.pending) throw new Error('iavl: write during commit');
  }

  private orphan(n: Node): void {
    const w = this.orphans;
    w.ensure(NODE_KEY_SIZE);
    NodeDB.packNodeKey(w.buf, w.pos, n.version, n.nonce);
    w.pos += NODE_KEY_SIZE;
  }

  /** IAVL's clone: persisted nodes are copied (and orphaned), new nodes change in place. */
  private mutable(c: Child): Node {
    const n = this.load(c);
    if (n.version > 0) {
      this.orphan(n);
      return n.cloneInner();
    }
    n.hash = undefined;
    return n;
  }

  private recursiveSet(c: Child, key: Uint8Array, value: Uint8Array): Node {
    const node = this.load(c);
    if (node.height === 0) {
      const cmp = compareBytes(key, node.key);
      if (cmp < 0) {
        const n = new Node(node.key, undefined, 1, 2);
        n.left = Node.leaf(key, value);
        n.right = node;
        return n;
      }
      if (cmp > 0) {
        const n = new Node(key, undefined, 1, 2);
        n.left = node;
        n.right = Node.leaf(key, value);
        return n;
      }
      this.updated = true;
      if (node.version > 0) this.orphan(node);
      return Node.leaf(key, value);
    }
    const m = this.mutable(node);
    if (compareBytes(key, m.key) < 0) m.left = this.recursiveSet(m.left!, key, value);
    else m.right = this.recursiveSet(m.right!, key, value);
    if (this.updated) return m; // an update changes no heights or sizes: iavl skips balancing
    calcHeightAndSize(m);
    return this.balance(m);
  }

  /**
   * Returns the replacement for `c` (undefined when `c` was the removed leaf) and, when the
   * leftmost key of the subtree changed, the new one (iavl's `newKey`).
   */
  private recursiveRemove(c: Child, key: Uint8Array): RemoveResult | typeof NOT_FOUND {
    const node = this.load(c);
    if (node.height === 0) {
      if (compareBytes(key, node.key) !== 0) return NOT_FOUND;
      if (node.version > 0) this.orphan(node);
      this.removedValue = node.value;
      return { node: undefined, newKey: undefined };
    }
    if (compareBytes(key, node.key) < 0) {
      const res = this.recursiveRemove(node.left!, key);
      if (res === NOT_FOUND) return NOT_FOUND;
      if (res.node === undefined) {
        // The left leaf went: this node collapses into its right child.
        if (node.version > 0) this.orphan(node);
        return { node: node.right!, newKey: node.key };
      }
      const m = this.mutable(node);
      m.left = res.node;
      calcHeightAndSize(m);
      return { node: this.balance(m), newKey: res.newKey };
    }
    const res = this.recursiveRemove(node.right!, key);
    if (res === NOT_FOUND) return NOT_FOUND;
    if (res.node === undefined) {
      if (node.version > 0) this.orphan(node);
      return { node: node.left!, newKey: undefined };
    }
    const m = this.mutable(node);
    m.right = res.node;
    if (res.newKey !== undefined) m.key = res.newKey;
    calcHeightAndSize(m);
    return { node: this.balance(m), newKey: undefined };
  }

  /** `node` must be new (mutable). */
  private balance(node: Node): Node {
    const bal = node.left!.height - node.right!.height;
    if (bal > 1) {
      const left = this.load(node.left!);
      if (left.left!.height - left.right!.height >= 0) return this.rotateRight(node); // left-left
      node.left = this.rotateLeft(left); // left-right
      return this.rotateRight(node);
    }
    if (bal < -1) {
      const right = this.load(node.right!);
      if (right.left!.height - right.right!.height <= 0) return this.rotateLeft(node); // right-right
      node.right = this.rotateRight(right); // right-left
      return this.rotateLeft(node);
    }
    return node;
  }

  private rotateRight(c: Child): Node {
    const node = this.mutable(c);
    const pivot = this.mutable(node.left!);
    node.left = pivot.right;
    pivot.right = node;
    calcHeightAndSize(node);
    calcHeightAndSize(pivot);
    return pivot;
  }

  private rotateLeft(c: Child): Node {
    const node = this.mutable(c);
    const pivot = this.mutable(node.right!);
    node.right = pivot.left;
    pivot.left = node;
    calcHeightAndSize(node);
    calcHeightAndSize(pivot);
    return pivot;
  }

  // ---- saving ------------------------------------------------------------------------------

  /**
   * Writes the working tree as the next version into `batch`: new nodes (children first, so
   * each gets its hash before its parent), the root record and the orphan list. Call
   * `commitSaved` once the batch is durable.
   */
  saveVersion(batch: WriteBatch): SavedVersion {
    if (this.pending) throw new Error('iavl: saveVersion while a save is pending');
    const version = this.workingVersion();
    const newNodes: Node[] = [];
    const root = this.root;
    if (root instanceof Node && root.version === 0) {
      let nonce = 0;
      const assign = (n: Node): void => {
        if (n.height > 0) {
          const l = n.left!;
          const r = n.right!;
          if (l instanceof Node && l.version === 0) assign(l);
          if (r instanceof Node && r.version === 0) assign(r);
        }
        if (n.hash === undefined) n.hash = hashTree(n, version);
        n.version = version;
        n.nonce = ++nonce;
        this.ndb.saveNode(batch, n);
        newNodes.push(n);
      };
      assign(root);
    }
    this.ndb.saveRoot(batch, version, root);
    this.ndb.saveOrphans(batch, version, this.orphans.view());
    this.fast?.save(batch);
    this.pending = newNodes;
    return { version, hash: root === undefined ? EMPTY_HASH : root.hash! };
  }

  /** The batch of the last `saveVersion` is durable: the working tree becomes that version. */
  commitSaved(): void {
    const nodes = this.pending;
    if (!nodes) throw new Error('iavl: commitSaved without saveVersion');
    // Saved subtrees must be able to leave memory (the caches keep the hot nodes), so pointers
    // between saved nodes become refs — except a pointer to a node that itself points at no
    // node (a leaf, or an inner node with two refs): that retains one node at most, and skips
    // allocating a ref. `nodes` is in post-order, so children are settled before parents.
    for (const n of nodes) {
      if (n.height > 0) {
        const l = n.left;
        const r = n.right;
        if (l instanceof Node && holdsPointers(l)) n.left = l.toRef();
        if (r instanceof Node && holdsPointers(r)) n.right = r.toRef();
      }
    }
    this.pending = undefined;
    this.fast?.commitSaved();
    this.savedVersion = this.workingVersion();
    if (this.earliest === 0) this.earliest = this.savedVersion;
    this.savedRoot = this.root;
    this.version = this.savedVersion + 1;
    this.orphans = new ByteWriter(1024);
  }

  /** A read-only view at a saved version; null when that version is not stored. */
  immutableAt(version: number): ImmutableTree | null {
    if (version === this.savedVersion && version > 0) return new ImmutableTree(this.ndb, this.savedRoot, version);
    if (version < this.earliest || version > this.savedVersion || this.earliest === 0) return null;
    const rec = this.ndb.getRoot(version);
    if (rec === null) return null;
    return new ImmutableTree(this.ndb, rec.root, version);
  }

  /**
   * Deletes every stored version <= `toVersion` (never the latest) into `batch`. Returns the
   * number of nodes deleted.
   */
  deleteVersionsTo(batch: WriteBatch, toVersion: number): number {
    if (this.pending) throw new Error('iavl: prune while a save is pending');
    if (toVersion >= this.savedVersion) throw new Error(`iavl: cannot delete the latest version ${this.savedVersion}`);
    let deleted = 0;
    if (this.earliest === 0) return 0;
    for (let v = this.earliest; v <= toVersion; v++) deleted += this.ndb.deleteVersion(batch, v);
    if (toVersion >= this.earliest) this.earliest = toVersion + 1;
    return deleted;
  }
}

const NOT_FOUND = Symbol('not found');

interface RemoveResult {
  node: Child | undefined;
  newKey: Uint8Array | undefined;
}

function holdsPointers(n: Node): boolean {
  return n.height > 0 && (n.left instanceof Node || n.right instanceof Node);
}

function calcHeightAndSize(n: Node): void {
  const l = n.left!;
  const r = n.right!;
  n.height = (l.height > r.height ? l.height : r.height) + 1;
  n.size = l.size + r.size;
}
