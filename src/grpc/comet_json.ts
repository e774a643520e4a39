/**
 * CometBFT RPC JSON (v0.38) → the protobuf types the SDK's services answer with: blocks, headers,
 * commits, evidence, validators, node info, tx results and their events. Hashes and addresses
 * come as hex, bytes as base64, 64-bit integers as strings, times as RFC 3339 with nanoseconds.
 */
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import type { Block as SdkBlock, Header as SdkHeader } from 'cosmjs-types/cosmos/base/tendermint/v1beta1/types';
import type { Validator as SdkValidator } from 'cosmjs-types/cosmos/base/tendermint/v1beta1/query';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { Event } from 'cosmjs-types/tendermint/abci/types';
import type { Block } from 'cosmjs-types/tendermint/types/block';
import type { Evidence } from 'cosmjs-types/tendermint/types/evidence';
import type { DefaultNodeInfo } from 'cosmjs-types/tendermint/p2p/types';
import type { BlockID, Commit, Header, Vote } from 'cosmjs-types/tendermint/types/types';
import { consensusAddresses } from '../crypto/address';
import { formatTimestamp, parseTimestamp } from '../codec/proto_json_time';

// --- the RPC JSON shapes we read -----------------------------------------------------------------

export interface RpcBlockId {
  hash: string;
  parts: { total: number; hash: string };
}
export interface RpcHeader {
  version: { block: string; app?: string };
  chain_id: string;
  height: string;
  time: string;
  last_block_id: RpcBlockId;
  last_commit_hash: string;
  data_hash: string;
  validators_hash: string;
  next_validators_hash: string;
  consensus_hash: string;
  app_hash: string;
  last_results_hash: string;
  evidence_hash: string;
  proposer_address: string;
}
export interface RpcCommit {
  height: string;
  round: number;
  block_id: RpcBlockId;
  signatures: { block_id_flag: number; validator_address: string; timestamp: string; signature: string | null }[];
}
export interface RpcVote {
  type: number;
  height: string;
  round: number;
  block_id: RpcBlockId;
  timestamp: string;
  validator_address: string;
  validator_index: number;
  signature: string | null;
  extension?: string | null;
  extension_signature?: string | null;
}
export interface RpcEvidence {
  type: string;
  value: Record<string, unknown>;
}
export interface RpcBlock {
  header: RpcHeader;
  data: { txs: string[] | null };
  evidence: { evidence: RpcEvidence[] | null };
  last_commit: RpcCommit | null;
}
export interface RpcBlockResult {
  block_id: RpcBlockId;
  block: RpcBlock;
}
export interface RpcPubKey {
  type: string;
  value: string;
}
export interface RpcValidator {
  address: string;
  pub_key: RpcPubKey;
  voting_power: string;
  proposer_priority: string;
}
export interface RpcEvent {
  type: string;
  attributes: { key: string; value: string; index?: boolean }[] | null;
}
export interface RpcTxResult {
  code: number;
  data: string | null;
  log: string;
  info: string;
  gas_wanted: string;
  gas_used: string;
  events: RpcEvent[] | null;
  codespace: string;
}
export interface RpcTx {
  hash: string;
  height: string;
  index: number;
  tx_result: RpcTxResult;
  tx: string;
}
export interface RpcNodeInfo {
  protocol_version: { p2p: string; block: string; app: string };
  id: string;
  listen_addr: string;
  network: string;
  version: string;
  channels: string;
  moniker: string;
  other: { tx_index: string; rpc_address: string };
}

// --- scalars -------------------------------------------------------------------------------------

export function hexBytes(hex: string | null | undefined): Uint8Array {
  if (!hex) return new Uint8Array();
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function base64Bytes(b64: string | null | undefined): Uint8Array {
  if (!b64) return new Uint8Array();
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function timestamp(text: string): Timestamp {
  return parseTimestamp(text);
}

/** Go's time.RFC3339 (whole seconds), as the SDK writes TxResponse.timestamp. */
export function rfc3339Seconds(text: string): string {
  const { seconds } = parseTimestamp(text);
  return formatTimestamp(seconds, 0);
}

const big = (s: string | number | null | undefined): bigint => BigInt(s ?? 0);

// --- blocks --------------------------------------------------------------------------------------

export function blockId(j: RpcBlockId | null | undefined): BlockID {
  return { hash: hexBytes(j?.hash), partSetHeader: { total: j?.parts?.total ?? 0, hash: hexBytes(j?.parts?.hash) } };
}

export function header(j: RpcHeader): Header {
  return {
    version: { block: big(j.version.block), app: big(j.version.app) },
    chainId: j.chain_id,
    height: big(j.height),
    time: timestamp(j.time),
    lastBlockId: blockId(j.last_block_id),
    lastCommitHash: hexBytes(j.last_commit_hash),
    dataHash: hexBytes(j.data_hash),
    validatorsHash: hexBytes(j.validators_hash),
    nextValidatorsHash: hexBytes(j.next_validators_hash),
    consensusHash: hexBytes(j.consensus_hash),
    appHash: hexBytes(j.app_hash),
    lastResultsHash: hexBytes(j.last_results_hash),
    evidenceHash: hexBytes(j.evidence_hash),
    proposerAddress: hexBytes(j.proposer_address),
  };
}

export function commit(j: RpcCommit | null | undefined): Commit | undefined {
  if (!j) return undefined;
  return {
    height: big(j.height),
    round: j.round,
    blockId: blockId(j.block_id),
    signatures: (j.signatures ?? []).map((s) => ({
      blockIdFlag: s.block_id_flag,
      validatorAddress: hexBytes(s.validator_address),
      timestamp: timestamp(s.timestamp),
      signature: base64Bytes(s.signature),
    })),
  };
}

function vote(j: RpcVote | undefined): Vote | undefined {
  if (!j) return undefined;
  return {
    type: j.type,
    height: big(j.height),
    round: j.round,
    blockId: blockId(j.block_id),
    timestamp: timestamp(j.timestamp),
    validatorAddress: hexBytes(j.validator_address),
    validatorIndex: j.validator_index,
    signature: base64Bytes(j.signature),
    extension: base64Bytes(j.extension),
    extensionSignature: base64Bytes(j.extension_signature),
  };
}

/**
 * Evidence of a block. Duplicate votes are converted; light client attack evidence is left out
 * (it needs the conflicting light block's full validator set, which no devnet produces).
 */
export function evidence(list: RpcEvidence[] | null | undefined): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list ?? []) {
    if (e.type !== 'tendermint/DuplicateVoteEvidence') continue;
    const v = e.value as { vote_a?: RpcVote; vote_b?: RpcVote; total_voting_power?: string; validator_power?: string; timestamp?: string };
    out.push({
      duplicateVoteEvidence: {
        voteA: vote(v.vote_a),
        voteB: vote(v.vote_b),
        totalVotingPower: big(v.total_voting_power),
        validatorPower: big(v.validator_power),
        timestamp: timestamp(v.timestamp ?? '0001-01-01T00:00:00Z'),
      },
    });
  }
  return out;
}

export function block(j: RpcBlock): Block {
  return {
    header: header(j.header),
    data: { txs: (j.data.txs ?? []).map(base64Bytes) },
    evidence: { evidence: evidence(j.evidence?.evidence) },
    lastCommit: commit(j.last_commit),
  };
}

/** The SDK's own Block: the header's proposer as a bech32 consensus address. */
export function sdkBlock(j: RpcBlock): SdkBlock {
  const b = block(j);
  const h: SdkHeader = { ...b.header, proposerAddress: j.header.proposer_address ? consensusAddresses.encode(hexBytes(j.header.proposer_address)) : '' };
  return { header: h, data: b.data, evidence: b.evidence, lastCommit: b.lastCommit };
}

// --- validators ----------------------------------------------------------------------------------

export function pubKeyAny(j: RpcPubKey): Any | undefined {
  const key = base64Bytes(j?.value);
  switch (j?.type) {
    case 'tendermint/PubKeyEd25519':
      return { typeUrl: '/cosmos.crypto.ed25519.PubKey', value: Ed25519PubKey.encode({ key }).finish() };
    case 'tendermint/PubKeySecp256k1':
      return { typeUrl: '/cosmos.crypto.secp256k1.PubKey', value: Secp256k1PubKey.encode({ key }).finish() };
    default:
      return undefined;
  }
}

export function validator(j: RpcValidator): SdkValidator {
  return {
    address: consensusAddresses.encode(hexBytes(j.address)),
    pubKey: pubKeyAny(j.pub_key),
    votingPower: big(j.voting_power),
    proposerPriority: big(j.proposer_priority),
  };
}

// --- txs and node info ---------------------------------------------------------------------------

export function events(list: RpcEvent[] | null | undefined): Event[] {
  return (list ?? []).map((e) => ({
    type: e.type,
    attributes: (e.attributes ?? []).map((a) => ({ key: a.key ?? '', value: a.value ?? '', index: a.index ?? false })),
  }));
}

export function nodeInfo(j: RpcNodeInfo): DefaultNodeInfo {
  return {
    protocolVersion: { p2p: big(j.protocol_version.p2p), block: big(j.protocol_version.block), app: big(j.protocol_version.app) },
    defaultNodeId: j.id,
    listenAddr: j.listen_addr,
    network: j.network,
    version: j.version,
    channels: hexBytes(j.channels),
    moniker: j.moniker,
    other: { txIndex: j.other?.tx_index ?? '', rpcAddress: j.other?.rpc_address ?? '' },
  };
}
