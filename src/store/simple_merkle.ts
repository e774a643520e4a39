/**
 * CometBFT's simple Merkle tree (crypto/merkle: HashFromByteSlices, ProofsFromByteSlices), which
 * rootmulti uses over the store infos: leaf = sha256(0x00 || item), inner = sha256(0x01 || l || r),
 * the left subtree holding the largest power of two strictly below the item count; no items
 * hash to sha256("").
 */
import { EMPTY_HASH, sha256 } from './iavl/hash';

export function leafHash(item: Uint8Array): Uint8Array {
  return sha256(Buffer.concat([Uint8Array.of(0), item]));
}

export function innerHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Buffer.concat([Uint8Array.of(1), left, right]));
}

/** Largest power of two strictly less than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function hashFromByteSlices(items: Uint8Array[]): Uint8Array {
  return hashFromLeafHashes(items.map(leafHash));
}

function hashFromLeafHashes(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_HASH;
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return innerHash(hashFromLeafHashes(leaves.slice(0, k)), hashFromLeafHashes(leaves.slice(k)));
}

/** One step from a node up to its parent: the sibling hash and which side it sits on. */
export interface Aunt {
  hash: Uint8Array;
  /** True when the sibling is the right child (our node is the left one). */
  onRight: boolean;
}

/** The aunts of item `index`, from the leaf up to the root. */
export function auntsOf(items: Uint8Array[], index: number): Aunt[] {
  const walk = (leaves: Uint8Array[], i: number): Aunt[] => {
    if (leaves.length <= 1) return [];
    const k = splitPoint(leaves.length);
    if (i < k) return [...walk(leaves.slice(0, k), i), { hash: hashFromLeafHashes(leaves.slice(k)), onRight: true }];
    return [...walk(leaves.slice(k), i - k), { hash: hashFromLeafHashes(leaves.slice(0, k)), onRight: false }];
  };
  return walk(items.map(leafHash), index);
}
