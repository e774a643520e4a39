/**
 * Tree nodes. A node is either persisted (version > 0: it has a node key (version, nonce) and a
 * hash, and is immutable) or new in the working tree (version 0: mutable until saved).
 *
 * A persisted inner node refers to its children by `NodeRef` — node key plus the child's hash,
 * height and size — so hashing, rebalancing decisions and proofs rarely need to load a sibling.
 * New nodes point at `Node` objects or at refs; after a save their child pointers are turned
 * back into refs so the tree in memory stays bounded by the node cache.
 */
import { ByteWriter } from './encoding';
import { sha256 } from './hash';

/** A persisted node known by reference: enough to hash its parent without loading it. */
export interface NodeRef {
  readonly version: number;
  readonly nonce: number;
  readonly hash: Uint8Array;
  readonly height: number;
  readonly size: number;
}

export type Child = Node | NodeRef;

export class Node {
  /** 0 until saved. */
  version = 0;
  nonce = 0;
  /** Set once computed (always set for persisted nodes). */
  hash: Uint8Array | undefined = undefined;
  left: Child | undefined = undefined;
  right: Child | undefined = undefined;

  constructor(
    /** Leaf: its key. Inner: the smallest key of its right subtree (IAVL's routing key). */
    public key: Uint8Array,
    /** Leaves only. */
    public value: Uint8Array | undefined,
    public height: number,
    public size: number,
  ) {}

  static leaf(key: Uint8Array, value: Uint8Array): Node {
    return new Node(key, value, 0, 1);
  }

  isLeaf(): boolean {
    return this.height === 0;
  }

  isPersisted(): boolean {
    return this.version > 0;
  }

  /** A mutable copy of an inner node (IAVL's clone): same key, height, size and children; no hash. */
  cloneInner(): Node {
    const n = new Node(this.key, undefined, this.height, this.size);
    n.left = this.left;
    n.right = this.right;
    return n;
  }

  toRef(): NodeRef {
    if (!this.hash || this.version === 0) throw new Error('toRef on an unsaved node');
    return { version: this.version, nonce: this.nonce, hash: this.hash, height: this.height, size: this.size };
  }
}

export function isNode(c: Child): c is Node {
  return c instanceof Node;
}

/** Reused scratch buffer for hash preimages (the tree is single-threaded). */
const scratch = new ByteWriter(512);
const LEN32 = 0x20;

/**
 * IAVL's `writeHashBytes`: varint(height) varint(size) varint(version), then for a leaf
 * uvarint-length-prefixed key and length-prefixed sha256(value), for an inner node the two
 * length-prefixed child hashes. `version` is the version the node was (or will be) saved at.
 */
export function computeNodeHash(node: Node, version: number): Uint8Array {
  const w = scratch.reset();
  w.varint(node.height);
  w.varint(node.size);
  w.varint(version);
  if (node.height === 0) {
    w.uvarint(node.key.length);
    w.bytes(node.key);
    w.u8(LEN32);
    w.bytes(sha256(node.value!));
  } else {
    const lh = node.left!.hash;
    const rh = node.right!.hash;
    if (!lh || !rh) throw new Error('computeNodeHash: child hash missing');
    w.u8(LEN32);
    w.bytes(lh);
    w.u8(LEN32);
    w.bytes(rh);
  }
  return sha256(w.view());
}

/**
 * Hashes every unhashed node under `node` (children first) as if saved at `version`, caching the
 * results on the nodes. Persisted nodes and refs already carry their hash.
 */
export function hashTree(node: Node, version: number): Uint8Array {
  if (node.hash) return node.hash;
  if (node.height > 0) {
    // Only new nodes lack a hash (refs always have one; don't slice theirs just to look).
    const l = node.left!;
    const r = node.right!;
    if (l instanceof Node && !l.hash) hashTree(l, version);
    if (r instanceof Node && !r.hash) hashTree(r, version);
  }
  node.hash = computeNodeHash(node, version);
  return node.hash;
}
