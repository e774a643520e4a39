/**
 * In-order range iteration over a tree version, ascending or descending over [start, end).
 * An explicit stack of children still to visit; subtrees wholly outside the range are never
 * loaded. Nodes load lazily as the iterator advances.
 */
import type { KVPair } from '../types';
import { compareBytes } from './encoding';
import { Child, Node } from './node';

export type LoadNode = (c: Child) => Node;

export class TreeIterator implements IterableIterator<KVPair> {
  private readonly stack: Child[] = [];
  private done = false;

  constructor(
    private readonly load: LoadNode,
    root: Child | undefined,
    private readonly start: Uint8Array | undefined,
    private readonly end: Uint8Array | undefined,
    private readonly ascending: boolean,
  ) {
    if (root === undefined || (start !== undefined && end !== undefined && compareBytes(start, end) >= 0)) {
      this.done = true;
    } else {
      this.stack.push(root);
    }
  }

  [Symbol.iterator](): IterableIterator<KVPair> {
    return this;
  }

  next(): IteratorResult<KVPair> {
    if (this.done) return { done: true, value: undefined };
    const { stack, start, end } = this;
    while (stack.length > 0) {
      const node = this.load(stack.pop()!);
      if (node.height === 0) {
        const k = node.key;
        if (start !== undefined && compareBytes(k, start) < 0) {
          if (this.ascending) continue;
          break; // descending: everything left is smaller still
        }
        if (end !== undefined && compareBytes(k, end) >= 0) {
          if (!this.ascending) continue;
          break; // ascending: everything left is larger still
        }
        return { done: false, value: [k, node.value!] };
      }
      // Inner node: left subtree keys < node.key <= right subtree keys.
      const goLeft = start === undefined || compareBytes(start, node.key) < 0;
      const goRight = end === undefined || compareBytes(node.key, end) < 0;
      if (this.ascending) {
        if (goRight) stack.push(node.right!);
        if (goLeft) stack.push(node.left!);
      } else {
        if (goLeft) stack.push(node.left!);
        if (goRight) stack.push(node.right!);
      }
    }
    this.done = true;
    stack.length = 0;
    return { done: true, value: undefined };
  }

  return(): IteratorResult<KVPair> {
    this.done = true;
    this.stack.length = 0;
    return { done: true, value: undefined };
  }
}
