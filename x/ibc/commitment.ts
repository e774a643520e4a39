/**
 * ICS-23 commitments: packet and acknowledgement commitments as ibc-go's 04-channel
 * CommitPacket / CommitAcknowledgement compute them, and MerkleProof verification against a
 * consensus root with the client's proof specs (23-commitment merkle.go): the first proof maps
 * the key to the store root (iavl), the second the store name ("ibc") to the app hash.
 */
import { calculateExistenceRoot, ics23, verifyMembership, verifyNonMembership } from '@confio/ics23';
import { CommitmentProof, ProofSpec } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { MerkleProof } from 'cosmjs-types/ibc/core/commitment/v1/commitment';
import { sha256 } from '../../src/crypto/hash';
import { commitmentErrors } from './errors';
import type { Height } from './host';

const enc = new TextEncoder();

function u64be(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n));
  return b;
}

export interface PacketCommitmentInput {
  data: Uint8Array;
  timeoutHeight?: Height;
  timeoutTimestamp: bigint;
}

/** sha256(timeout timestamp ‖ timeout revision number ‖ timeout revision height ‖ sha256(data)), u64 big-endian. */
export function commitPacket(p: PacketCommitmentInput): Uint8Array {
  const buf = new Uint8Array(24 + 32);
  buf.set(u64be(p.timeoutTimestamp), 0);
  buf.set(u64be(p.timeoutHeight?.revisionNumber ?? 0n), 8);
  buf.set(u64be(p.timeoutHeight?.revisionHeight ?? 0n), 16);
  buf.set(sha256(p.data), 24);
  return sha256(buf);
}

export function commitAcknowledgement(ack: Uint8Array): Uint8Array {
  return sha256(ack);
}

/** The MerklePrefix of our store (and of every SDK chain's IBC store). */
export const MERKLE_PREFIX = enc.encode('ibc');

function toIcs23Spec(spec: ProofSpec): ics23.IProofSpec {
  return ics23.ProofSpec.decode(ProofSpec.encode(spec).finish());
}

/** One CommitmentProof from the MerkleProof bytes, re-decoded as @confio/ics23's type. */
function proofsOf(proof: Uint8Array): ics23.ICommitmentProof[] {
  let mp: MerkleProof;
  try {
    mp = MerkleProof.decode(proof);
  } catch (e) {
    throw commitmentErrors.InvalidProof(`failed to unmarshal proof into ICS 23 commitment merkle proof: ${(e as Error).message}`);
  }
  if (mp.proofs.length === 0) throw commitmentErrors.InvalidMerkleProof('proof cannot be empty');
  // cosmjs-types and @confio/ics23 carry the same wire type; convert through bytes
  return mp.proofs.map((p) => ics23.CommitmentProof.decode(CommitmentProof.encode(p).finish()));
}

function checkShape(proofs: ics23.ICommitmentProof[], specs: ProofSpec[], prefix: Uint8Array, path: Uint8Array): void {
  if (specs.length === 0) throw commitmentErrors.InvalidProof('proof specs cannot be empty');
  if (proofs.length !== specs.length) {
    throw commitmentErrors.InvalidProof(`length of specs: ${specs.length} not equal to length of proof: ${proofs.length}`);
  }
  if (prefix.length === 0) throw commitmentErrors.InvalidPrefix('prefix cannot be empty');
  if (path.length === 0) throw commitmentErrors.InvalidProof('path cannot be empty');
}

/** Root of one existence or non-existence proof (what the next proof in the chain commits to). */
function subroot(p: ics23.ICommitmentProof): Uint8Array {
  if (p.exist) return calculateExistenceRoot(p.exist);
  if (p.nonexist) {
    const e = p.nonexist.left ?? p.nonexist.right;
    if (!e) throw commitmentErrors.InvalidProof('non-existence proof has neither neighbour');
    return calculateExistenceRoot(e);
  }
  throw commitmentErrors.InvalidProof('expected existence or non-existence proof');
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** Verifies that `path` (under `prefix`) holds `value` in the commitment `root`. */
export function verifyMerkleMembership(proofBytes: Uint8Array, specs: ProofSpec[], root: Uint8Array, prefix: Uint8Array, path: Uint8Array, value: Uint8Array): void {
  const proofs = proofsOf(proofBytes);
  checkShape(proofs, specs, prefix, path);
  if (value.length === 0) throw commitmentErrors.InvalidProof('empty value in membership proof');
  if (proofs.length !== 2) throw commitmentErrors.InvalidProof(`expected 2 proofs, got ${proofs.length}`);
  // the first proof: key → store root
  const storeRoot = proofs[0].exist ? calculateExistenceRoot(proofs[0].exist) : undefined;
  if (!storeRoot) throw commitmentErrors.InvalidProof('proof 0 is not an existence proof');
  const ok0 = safe(() => verifyMembership(proofs[0], toIcs23Spec(specs[0]), storeRoot, path, value));
  if (!ok0) throw commitmentErrors.InvalidProof(`failed to verify membership of ${new TextDecoder().decode(path)} in the store root`);
  verifyStoreRoot(proofs[1], specs[1], root, prefix, storeRoot);
}

/** Verifies that `path` (under `prefix`) is absent from the commitment `root`. */
export function verifyMerkleNonMembership(proofBytes: Uint8Array, specs: ProofSpec[], root: Uint8Array, prefix: Uint8Array, path: Uint8Array): void {
  const proofs = proofsOf(proofBytes);
  checkShape(proofs, specs, prefix, path);
  if (proofs.length !== 2) throw commitmentErrors.InvalidProof(`expected 2 proofs, got ${proofs.length}`);
  if (!proofs[0].nonexist) throw commitmentErrors.InvalidProof('proof 0 is not a non-existence proof');
  const storeRoot = subroot(proofs[0]);
  const ok0 = safe(() => verifyNonMembership(proofs[0], toIcs23Spec(specs[0]), storeRoot, path));
  if (!ok0) throw commitmentErrors.InvalidProof(`failed to verify non-membership of ${new TextDecoder().decode(path)} in the store root`);
  verifyStoreRoot(proofs[1], specs[1], root, prefix, storeRoot);
}

function verifyStoreRoot(p: ics23.ICommitmentProof, spec: ProofSpec, root: Uint8Array, prefix: Uint8Array, storeRoot: Uint8Array): void {
  if (!p.exist) throw commitmentErrors.InvalidProof('proof 1 is not an existence proof');
  const ok = safe(() => verifyMembership(p, toIcs23Spec(spec), root, prefix, storeRoot));
  if (!ok) throw commitmentErrors.InvalidProof(`failed to verify the store root of ${new TextDecoder().decode(prefix)} in the consensus root ${hex(root)}`);
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}
