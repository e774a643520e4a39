/**
 * The app hash: Cosmos SDK v0.50 rootmulti CommitInfo.Hash(). Each store contributes the pair
 * (name, sha256(store root hash)) encoded as uvarint(len) name uvarint(len) value (store/internal/
 * maps KVPair.Bytes); the pairs are sorted by name and hashed as a simple Merkle tree. The store
 * list is never empty in this app; for an empty list we return sha256("") — the SDK returns nil
 * there and reports sha256("") as LastCommitID's hash.
 *
 * The `ics23:simple` proof op proves one store's root hash in that tree with tendermintSpec.
 */
import { ics23 } from '@confio/ics23';
import { CommitInfo as CommitInfoProto } from 'cosmjs-types/cosmos/store/v1beta1/commit_info';
import { writeUvarint, uvarintSize } from './iavl/encoding';
import { EMPTY_HASH, sha256 } from './iavl/hash';
import { auntsOf, hashFromByteSlices } from './simple_merkle';

export interface StoreCommit {
  name: string;
  /** The store's IAVL root hash at this version. */
  hash: Uint8Array;
}

export interface CommitInfo {
  version: number;
  stores: StoreCommit[];
}

/** Stores in Go byte order of their names (what sort.Strings and the SDK's map sort give). */
export function sortStores(stores: readonly StoreCommit[]): StoreCommit[] {
  return [...stores].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

/** The leaf item of one store: length-prefixed name, length-prefixed sha256(root hash). */
export function storeLeafBytes(store: StoreCommit): Uint8Array {
  const name = Buffer.from(store.name, 'utf8');
  const value = sha256(store.hash);
  const out = new Uint8Array(uvarintSize(name.length) + name.length + uvarintSize(value.length) + value.length);
  let off = writeUvarint(out, 0, name.length);
  out.set(name, off);
  off = writeUvarint(out, off + name.length, value.length);
  out.set(value, off);
  return out;
}

export function commitInfoHash(stores: readonly StoreCommit[]): Uint8Array {
  if (stores.length === 0) return EMPTY_HASH;
  return hashFromByteSlices(sortStores(stores).map(storeLeafBytes));
}

/** ICS-23 existence proof of `name` -> its root hash in the commit info tree (SDK ConvertExistenceProof). */
export function storeExistenceProof(stores: readonly StoreCommit[], name: string): ics23.IExistenceProof {
  const sorted = sortStores(stores);
  const index = sorted.findIndex((s) => s.name === name);
  if (index < 0) throw new Error(`no store ${name} in commit info`);
  const path = auntsOf(sorted.map(storeLeafBytes), index).map(
    (a): ics23.IInnerOp =>
      a.onRight
        ? { hash: ics23.HashOp.SHA256, prefix: Uint8Array.of(1), suffix: a.hash }
        : { hash: ics23.HashOp.SHA256, prefix: Buffer.concat([Uint8Array.of(1), a.hash]) },
  );
  return {
    key: Buffer.from(name, 'utf8'),
    value: sorted[index].hash,
    leaf: {
      hash: ics23.HashOp.SHA256,
      prehashValue: ics23.HashOp.SHA256,
      length: ics23.LengthOp.VAR_PROTO,
      prefix: Uint8Array.of(0),
    },
    path,
  };
}

/** Stored form: cosmos.store.v1beta1.CommitInfo, as the SDK persists it under s/<version>. */
export function encodeCommitInfo(ci: CommitInfo): Uint8Array {
  return CommitInfoProto.encode(
    CommitInfoProto.fromPartial({
      version: BigInt(ci.version),
      storeInfos: sortStores(ci.stores).map((s) => ({
        name: s.name,
        commitId: { version: BigInt(ci.version), hash: s.hash },
      })),
    }),
  ).finish();
}

export function decodeCommitInfo(bytes: Uint8Array): CommitInfo {
  const p = CommitInfoProto.decode(bytes);
  return {
    version: Number(p.version),
    stores: p.storeInfos.map((s) => ({ name: s.name, hash: s.commitId.hash })),
  };
}
