/**
 * CometBFT v0.38 hashing and sign bytes, as types/block.go, types/validator_set.go,
 * types/canonical.go and types/vote.go compute them:
 *
 * - header hash: simple Merkle root over 14 fields (version, chain id, height, time, last block
 *   id, then ten hashes and the proposer address), scalars wrapped as gogotypes StringValue /
 *   Int64Value / BytesValue, empty ones as empty leaves;
 * - validator set hash: simple Merkle root over SimpleValidator{pub_key, voting_power};
 * - vote sign bytes: CanonicalVote{type, height, round (sfixed64), block_id, timestamp, chain_id},
 *   length-delimited (uvarint length prefix).
 */
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { PublicKey } from 'cosmjs-types/tendermint/crypto/keys';
import type { BlockID, Commit, Header } from 'cosmjs-types/tendermint/types/types';
import type { Validator } from 'cosmjs-types/tendermint/types/validator';
import { hashFromByteSlices } from '../../../src/store/simple_merkle';
import { ProtoWriter, uvarint } from './proto_writer';

export const PRECOMMIT_TYPE = 2;

export function encodeTimestamp(t: Timestamp | undefined): Uint8Array {
  return new ProtoWriter().uint(1, t?.seconds ?? 0n).uint(2, t?.nanos ?? 0).finish();
}

function encodeBlockId(b: BlockID | undefined): Uint8Array {
  const psh = new ProtoWriter().uint(1, b?.partSetHeader?.total ?? 0).bytes(2, b?.partSetHeader?.hash).finish();
  return new ProtoWriter().bytes(1, b?.hash).message(2, psh).finish();
}

export function isZeroBlockId(b: BlockID | undefined): boolean {
  return !b || ((b.hash?.length ?? 0) === 0 && (b.partSetHeader?.total ?? 0) === 0 && (b.partSetHeader?.hash?.length ?? 0) === 0);
}

const str = (s: string) => new ProtoWriter().bytes(1, s).finish();
const i64 = (n: bigint) => new ProtoWriter().uint(1, n).finish();
const byt = (b: Uint8Array | undefined) => new ProtoWriter().bytes(1, b).finish();

/** Header.Hash(); undefined when the header has no validators hash (as CometBFT returns nil). */
export function headerHash(h: Header): Uint8Array | undefined {
  if (!h.validatorsHash || h.validatorsHash.length === 0) return undefined;
  const version = new ProtoWriter().uint(1, h.version?.block ?? 0n).uint(2, h.version?.app ?? 0n).finish();
  return hashFromByteSlices([
    version,
    str(h.chainId),
    i64(h.height),
    encodeTimestamp(h.time),
    encodeBlockId(h.lastBlockId),
    byt(h.lastCommitHash),
    byt(h.dataHash),
    byt(h.validatorsHash),
    byt(h.nextValidatorsHash),
    byt(h.consensusHash),
    byt(h.appHash),
    byt(h.lastResultsHash),
    byt(h.evidenceHash),
    byt(h.proposerAddress),
  ]);
}

function encodePublicKey(k: PublicKey | undefined): Uint8Array {
  const w = new ProtoWriter();
  if (k?.ed25519) w.message(1, k.ed25519);
  else if (k?.secp256k1) w.message(2, k.secp256k1);
  return w.finish();
}

export function simpleValidatorBytes(v: Validator): Uint8Array {
  const w = new ProtoWriter();
  if (v.pubKey) w.message(1, encodePublicKey(v.pubKey));
  return w.uint(2, v.votingPower).finish();
}

export function validatorSetHash(vals: readonly Validator[]): Uint8Array {
  return hashFromByteSlices(vals.map(simpleValidatorBytes));
}

/** CanonicalVote sign bytes of the precommit behind commit signature `idx`. */
export function voteSignBytes(chainId: string, commit: Commit, idx: number): Uint8Array {
  const sig = commit.signatures[idx];
  // BLOCK_ID_FLAG_COMMIT (2) votes for the commit's block; NIL (3) for no block
  const blockId = sig.blockIdFlag === 2 ? commit.blockId : undefined;
  const w = new ProtoWriter().uint(1, PRECOMMIT_TYPE).sfixed64(2, commit.height).sfixed64(3, BigInt(commit.round));
  if (!isZeroBlockId(blockId)) {
    const psh = new ProtoWriter().uint(1, blockId!.partSetHeader?.total ?? 0).bytes(2, blockId!.partSetHeader?.hash).finish();
    w.message(4, new ProtoWriter().bytes(1, blockId!.hash).message(2, psh).finish());
  }
  w.message(5, encodeTimestamp(sig.timestamp)).bytes(6, chainId);
  const body = w.finish();
  const prefix = uvarint(body.length);
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}
