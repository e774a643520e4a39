/**
 * Blocks and node status: CometBFT's RPC JSON turned into tendermint.types.Block (so
 * `--output json` prints what the SDK's `query block` prints, via proto_json) and the short
 * readable summaries of `--output text`.
 */
import { Block } from 'cosmjs-types/tendermint/types/block';
import { createHash } from 'node:crypto';
import type { RpcStatus } from '../client/rpc';

const hex = (s: string | null | undefined): Uint8Array => (s ? Buffer.from(s, 'hex') : new Uint8Array());
const b64 = (s: string | null | undefined): Uint8Array => (s ? Buffer.from(s, 'base64') : new Uint8Array());

/** RFC 3339 with up to 9 fractional digits → protobuf Timestamp (Date would lose the nanoseconds). */
export function timestampOf(rfc3339: string): { seconds: bigint; nanos: number } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (!m) return { seconds: 0n, nanos: 0 };
  const ms = Date.parse(`${m[1]}${m[3]}`);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
}

function blockId(j: any) {
  return { hash: hex(j?.hash), partSetHeader: { total: Number(j?.parts?.total ?? 0), hash: hex(j?.parts?.hash) } };
}

/** The block of an RPC /block result. Evidence is not converted (the count is returned beside it). */
export function blockOfRpc(result: any): { block: Block; evidenceCount: number } {
  const b = result.block;
  const h = b.header;
  const block = Block.fromPartial({
    header: {
      version: { block: BigInt(h.version?.block ?? 0), app: BigInt(h.version?.app ?? 0) },
      chainId: h.chain_id,
      height: BigInt(h.height),
      time: timestampOf(h.time),
      lastBlockId: blockId(h.last_block_id),
      lastCommitHash: hex(h.last_commit_hash),
      dataHash: hex(h.data_hash),
      validatorsHash: hex(h.validators_hash),
      nextValidatorsHash: hex(h.next_validators_hash),
      consensusHash: hex(h.consensus_hash),
      appHash: hex(h.app_hash),
      lastResultsHash: hex(h.last_results_hash),
      evidenceHash: hex(h.evidence_hash),
      proposerAddress: hex(h.proposer_address),
    },
    data: { txs: (b.data?.txs ?? []).map(b64) },
    evidence: { evidence: [] },
    lastCommit: b.last_commit
      ? {
          height: BigInt(b.last_commit.height),
          round: Number(b.last_commit.round ?? 0),
          blockId: blockId(b.last_commit.block_id),
          signatures: (b.last_commit.signatures ?? []).map((s: any) => ({
            blockIdFlag: Number(s.block_id_flag),
            validatorAddress: hex(s.validator_address),
            timestamp: s.timestamp ? timestampOf(s.timestamp) : undefined,
            signature: b64(s.signature),
          })),
        }
      : undefined,
  });
  return { block, evidenceCount: (b.evidence?.evidence ?? []).length };
}

export function blockText(result: any): string {
  const h = result.block.header;
  const txs: string[] = result.block.data?.txs ?? [];
  const lines = [
    `height:    ${h.height}`,
    `time:      ${h.time}`,
    `hash:      ${result.block_id?.hash ?? ''}`,
    `chain:     ${h.chain_id}`,
    `proposer:  ${h.proposer_address}`,
    `app hash:  ${h.app_hash} (state after the previous block)`,
    `txs:       ${txs.length}`,
    ...txs.map((t) => `  ${createHash('sha256').update(Buffer.from(t, 'base64')).digest('hex').toUpperCase()}`),
  ];
  return lines.join('\n') + '\n';
}

export function statusText(s: RpcStatus, url: string): string {
  const si = s.sync_info;
  return [
    `chain:        ${s.node_info.network}`,
    `node:         ${s.node_info.moniker} (id ${s.node_info.id}) at ${url}`,
    `version:      CometBFT ${s.node_info.version}`,
    `latest block: ${si.latest_block_height} at ${si.latest_block_time}`,
    `block hash:   ${si.latest_block_hash}`,
    `app hash:     ${si.latest_app_hash}`,
    `catching up:  ${si.catching_up ? 'yes' : 'no'}`,
    `validator:    ${s.validator_info.address} (voting power ${s.validator_info.voting_power})`,
  ].join('\n') + '\n';
}
