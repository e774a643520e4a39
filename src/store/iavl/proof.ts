/**
 * ICS-23 proofs over a saved tree version, shaped exactly as cosmos/iavl proof_ics23.go builds
 * them, so they verify with the standard `iavlSpec`:
 *
 *   leaf op:  sha256, prehash value sha256, length VAR_PROTO,
 *             prefix = varint(0) varint(1) varint(leaf version)
 *   inner op: prefix = varint(height) varint(size) varint(version) then either
 *             0x20 leftHash 0x20 (we came from the right child), or 0x20 (we came from the left
 *             child) with suffix 0x20 rightHash; listed from the leaf up to the root.
 *
 * A non-existence proof carries the existence proofs of the left and right neighbours (either
 * may be missing at the edges). In an empty tree it carries neither and cannot verify — the
 * same as iavl, since there is no leaf to anchor it.
 */
import { ics23 } from '@confio/ics23';
import { compareBytes, varintBytes } from './encoding';
import type { ImmutableTree } from './immutable_tree';

const LEN32 = 0x20;

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** Existence proof of `key`, or undefined if absent. The tree must be a saved version. */
export function existenceProof(tree: ImmutableTree, key: Uint8Array): ics23.IExistenceProof | undefined {
  const found = tree.pathToLeaf(key);
  if (!found) return undefined;
  const { path, leaf } = found;
  if (leaf.version === 0) throw new Error('iavl proof: tree version is not saved');
  const inner: ics23.IInnerOp[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    const header = concat([varintBytes(n.height), varintBytes(n.size), varintBytes(n.version)]);
    // The descent went right iff key >= routing key.
    if (compareBytes(key, n.key) >= 0) {
      inner.push({
        hash: ics23.HashOp.SHA256,
        prefix: concat([header, Uint8Array.of(LEN32), n.left!.hash!, Uint8Array.of(LEN32)]),
      });
    } else {
      inner.push({
        hash: ics23.HashOp.SHA256,
        prefix: concat([header, Uint8Array.of(LEN32)]),
        suffix: concat([Uint8Array.of(LEN32), n.right!.hash!]),
      });
    }
  }
  return {
    key: leaf.key,
    value: leaf.value!,
    leaf: {
      hash: ics23.HashOp.SHA256,
      prehashValue: ics23.HashOp.SHA256,
      length: ics23.LengthOp.VAR_PROTO,
      prefix: concat([varintBytes(0), varintBytes(1), varintBytes(leaf.version)]),
    },
    path: inner,
  };
}

/** Non-existence proof of `key` (which must be absent) with its neighbours' existence proofs. */
export function nonExistenceProof(tree: ImmutableTree, key: Uint8Array): ics23.INonExistenceProof {
  const proof: ics23.INonExistenceProof = { key };
  const before = tree.keyBefore(key);
  const after = tree.keyAfter(key);
  if (before !== undefined) proof.left = existenceProof(tree, before);
  if (after !== undefined) proof.right = existenceProof(tree, after);
  return proof;
}

/** iavl's GetProof: a membership proof when present, a non-membership proof otherwise. */
export function commitmentProof(tree: ImmutableTree, key: Uint8Array): ics23.ICommitmentProof {
  const exist = existenceProof(tree, key);
  if (exist) return { exist };
  return { nonexist: nonExistenceProof(tree, key) };
}

export function encodeCommitmentProof(p: ics23.ICommitmentProof): Uint8Array {
  return ics23.CommitmentProof.encode(p).finish();
}
