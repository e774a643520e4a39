/**
 * Storage encoding of nodes (ours, not iavl's on-disk format: only the hash must match iavl).
 *
 *   leaf:  u8 height=0 | uvarint len(key) | key | value (to the end)
 *   inner: u8 height | uvarint size | uvarint len(key) | key | ref(left) | ref(right)
 *   ref:   uvarint version | uvarint nonce | u8 height | uvarint size | hash[32]
 *
 * A node's own hash is not stored: whoever refers to it (parent ref or root record) holds it.
 */
import { ByteReader, ByteWriter } from './encoding';
import { Child, Node, NodeRef } from './node';

const writer = new ByteWriter(1024);

export function writeRef(w: ByteWriter, ref: Child): void {
  if (ref.version === 0) throw new Error('writeRef: child not saved');
  w.uvarint(ref.version);
  w.uvarint(ref.nonce);
  w.u8(ref.height);
  w.uvarint(ref.size);
  w.bytes(ref.hash!); // saved nodes always carry their hash
}

/**
 * A child ref decoded from its parent's bytes. The hash is sliced out only when asked for:
 * most refs of loaded nodes are never hashed, and two fewer objects per loaded inner node is
 * real garbage-collector time at ~100k loads per block.
 */
class StoredRef implements NodeRef {
  constructor(
    readonly version: number,
    readonly nonce: number,
    readonly height: number,
    readonly size: number,
    private readonly buf: Uint8Array,
    private readonly off: number,
  ) {}

  get hash(): Uint8Array {
    return this.buf.subarray(this.off, this.off + 32);
  }
}

export function readRef(r: ByteReader): NodeRef {
  const version = r.uvarint();
  const nonce = r.uvarint();
  const height = r.u8();
  const size = r.uvarint();
  const off = r.pos;
  r.bytes(32); // bounds check
  return new StoredRef(version, nonce, height, size, r.buf, off);
}

/** Encodes a saved node (children already saved); the result is a view valid until the next encode. */
export function encodeNode(node: Node): Buffer {
  const w = writer.reset();
  w.u8(node.height);
  if (node.height === 0) {
    w.uvarint(node.key.length);
    w.bytes(node.key);
    w.bytes(node.value!);
  } else {
    w.uvarint(node.size);
    w.uvarint(node.key.length);
    w.bytes(node.key);
    writeRef(w, node.left!);
    writeRef(w, node.right!);
  }
  return w.view();
}

/** Decodes a stored node; `ref` supplies its node key and hash. */
export function decodeNode(ref: NodeRef, bytes: Uint8Array): Node {
  const r = new ByteReader(bytes);
  const height = r.u8();
  let node: Node;
  if (height === 0) {
    const key = r.bytes(r.uvarint());
    node = new Node(key, r.rest(), 0, 1);
  } else {
    const size = r.uvarint();
    const key = r.bytes(r.uvarint());
    node = new Node(key, undefined, height, size);
    node.left = readRef(r);
    node.right = readRef(r);
    if (r.pos !== bytes.length) throw new Error('corrupt node: trailing bytes');
  }
  node.version = ref.version;
  node.nonce = ref.nonce;
  node.hash = ref.hash;
  return node;
}

/** Root record of a version: empty for an empty tree, else the root's ref. */
export function encodeRootRecord(root: Child | undefined): Buffer {
  if (!root) return Buffer.alloc(0);
  const w = writer.reset();
  writeRef(w, root);
  return w.copy();
}

export function decodeRootRecord(bytes: Uint8Array): NodeRef | undefined {
  if (bytes.length === 0) return undefined;
  return readRef(new ByteReader(bytes));
}
