/**
 * One block as the indexer needs it, built either from the ABCI messages the node sees
 * (RequestFinalizeBlock + ResponseFinalizeBlock) or from CometBFT's RPC (`/block` and
 * `/block_results`), so that live indexing and catch-up store exactly the same records.
 */
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';

export interface InputEvent {
  type: string;
  attributes: Array<{ key: string; value: string }>;
}

export interface InputTxResult {
  code: number;
  codespace: string;
  log: string;
  gasWanted: bigint;
  gasUsed: bigint;
  events: InputEvent[];
}

export interface BlockInput {
  height: number;
  /** RFC 3339 with nanoseconds (Go's RFC3339Nano). */
  time: string;
  timeMs: number;
  hash: string;
  proposer: string;
  appHash: string;
  txs: Uint8Array[];
  txResults: InputTxResult[];
  /** FinalizeBlock's own events (begin and end block). */
  blockEvents: InputEvent[];
  /** The decided last commit: who signed the previous block. */
  votes: Array<{ address: string; signed: boolean }>;
}

/** BlockIDFlag ABSENT: the validator's vote did not make it into the commit. */
const BLOCK_ID_FLAG_ABSENT = 1;

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex').toUpperCase();

/** Go's time.RFC3339Nano: fraction without trailing zeros, no fraction when zero. */
export function rfc3339Nano(seconds: bigint, nanos: number): string {
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const frac = nanos > 0 ? '.' + String(nanos).padStart(9, '0').replace(/0+$/, '') : '';
  return `${base}${frac}Z`;
}

/** Milliseconds since the epoch of an RFC 3339 time (any number of fraction digits, Z or offset). */
export function parseTimeMs(t: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(t);
  if (!m) throw new Error(`bad time ${JSON.stringify(t)}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`bad time ${JSON.stringify(t)}`);
  return ms + (m[2] ? Number(m[2].slice(0, 3).padEnd(3, '0')) : 0);
}

export function fromAbci(req: RequestFinalizeBlock, res: ResponseFinalizeBlock, appHash?: Uint8Array): BlockInput {
  const seconds = req.time?.seconds ?? 0n;
  const nanos = req.time?.nanos ?? 0;
  const toEvents = (events: ResponseFinalizeBlock['events']): InputEvent[] =>
    events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value })) }));
  return {
    height: Number(req.height),
    time: rfc3339Nano(seconds, nanos),
    timeMs: Number(seconds) * 1000 + Math.floor(nanos / 1e6),
    hash: hex(req.hash),
    proposer: hex(req.proposerAddress),
    appHash: hex(appHash ?? res.appHash),
    txs: req.txs,
    txResults: res.txResults.map((r) => ({
      code: r.code,
      codespace: r.codespace,
      log: r.log,
      gasWanted: r.gasWanted,
      gasUsed: r.gasUsed,
      events: toEvents(r.events),
    })),
    blockEvents: toEvents(res.events),
    votes: (req.decidedLastCommit?.votes ?? []).map((v) => ({
      address: hex(v.validator?.address ?? new Uint8Array()),
      signed: v.blockIdFlag !== BLOCK_ID_FLAG_ABSENT,
    })),
  };
}

/* The JSON shapes of CometBFT v0.38's RPC answers that we read. */
export interface RpcEvent {
  type: string;
  attributes?: Array<{ key: string; value: string | null }> | null;
}
export interface RpcBlock {
  block_id: { hash: string };
  block: {
    header: { height: string; time: string; proposer_address: string; app_hash: string };
    data: { txs: string[] | null };
    last_commit: { signatures: Array<{ block_id_flag: number; validator_address: string }> } | null;
  };
}
export interface RpcBlockResults {
  height: string;
  txs_results: Array<{
    code?: number;
    codespace?: string;
    log?: string;
    gas_wanted?: string;
    gas_used?: string;
    events?: RpcEvent[] | null;
  }> | null;
  finalize_block_events?: RpcEvent[] | null;
  app_hash?: string;
}

/**
 * From `/block` and `/block_results` of the same height. `lastValidators` (the validator set of
 * height − 1, in order) names the absent signers, whose commit signatures carry no address.
 */
export function fromRpc(b: RpcBlock, r: RpcBlockResults, lastValidators?: string[]): BlockInput {
  const header = b.block.header;
  const toEvents = (events: RpcEvent[] | null | undefined): InputEvent[] =>
    (events ?? []).map((e) => ({ type: e.type, attributes: (e.attributes ?? []).map((a) => ({ key: a.key, value: a.value ?? '' })) }));
  const sigs = b.block.last_commit?.signatures ?? [];
  const votes: BlockInput['votes'] = [];
  sigs.forEach((s, i) => {
    const address = (s.validator_address || lastValidators?.[i] || '').toUpperCase();
    if (address) votes.push({ address, signed: s.block_id_flag !== BLOCK_ID_FLAG_ABSENT });
  });
  return {
    height: Number(header.height),
    time: header.time,
    timeMs: parseTimeMs(header.time),
    hash: (b.block_id.hash ?? '').toUpperCase(),
    proposer: (header.proposer_address ?? '').toUpperCase(),
    appHash: base64OrHexToHex(r.app_hash ?? ''),
    txs: (b.block.data.txs ?? []).map((t) => new Uint8Array(Buffer.from(t, 'base64'))),
    txResults: (r.txs_results ?? []).map((t) => ({
      code: t.code ?? 0,
      codespace: t.codespace ?? '',
      log: t.log ?? '',
      gasWanted: BigInt(t.gas_wanted ?? '0'),
      gasUsed: BigInt(t.gas_used ?? '0'),
      events: toEvents(t.events),
    })),
    blockEvents: toEvents(r.finalize_block_events),
    votes,
  };
}

/** /block_results encodes app_hash as base64 (a []byte field); headers use hex. */
function base64OrHexToHex(s: string): string {
  if (s === '') return '';
  if (/^[0-9A-Fa-f]{64}$/.test(s)) return s.toUpperCase();
  return Buffer.from(s, 'base64').toString('hex').toUpperCase();
}

/** True when some absent signer of the last commit has no address (the caller then passes lastValidators). */
export function needsLastValidators(b: RpcBlock): boolean {
  return (b.block.last_commit?.signatures ?? []).some((s) => !s.validator_address);
}
