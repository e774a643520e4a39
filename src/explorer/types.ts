/**
 * The explorer's records and API shapes, shared by the indexer, the HTTP handler and the web app
 * (web/ imports this file with `import type`, so it must stay free of runtime imports).
 *
 * Amounts are decimal strings (they can exceed 2^53); heights and times are numbers.
 */

/** Additive statistics of a run of blocks: one block, a pre-aggregated bucket, or a chart point. */
export interface Stats {
  /** Blocks indexed in the run. */
  blocks: number;
  txs: number;
  /** Txs with a non-zero result code. */
  failedTxs: number;
  msgs: number;
  /** Sum of the txs' gas used (decimal string). */
  gasUsed: string;
  /** Fees paid in the analytics denom: the sum of the `tx` event attribute `fee`. */
  fees: string;
  /** Amount of the analytics denom burned: the sum of the `burn` events' `amount`. */
  burned: string;
  /** Sum over the run of (block time − previous block time), ms, and how many blocks had a previous one. */
  intervalMs: number;
  intervals: number;
  /** The largest tx count of one block in the run. */
  maxBlockTxs: number;
  /** Time of the first and the last block of the run (ms since the epoch; 0 when empty). */
  firstTimeMs: number;
  lastTimeMs: number;
  /** The latest supply / staking-pool sample taken in the run, if any. */
  sample?: Sample;
}

/** A gauge read from the app's state after a block (bank supply, staking pool). */
export interface Sample {
  height: number;
  /** Total supply of the analytics denom. */
  supply?: string;
  /** Staking pool bonded and not-bonded tokens (absent while the chain has no staking module). */
  bonded?: string;
  notBonded?: string;
}

/** What the indexer stores per block. */
export interface BlockSummary extends Stats {
  height: number;
  /** RFC 3339 block time, as CometBFT reports it (nanoseconds kept). */
  time: string;
  timeMs: number;
  /** Block hash, upper-case hex. */
  hash: string;
  /** Proposer's consensus address, upper-case hex. */
  proposer: string;
  /** App hash after the block (ResponseFinalizeBlock.app_hash), upper-case hex. */
  appHash: string;
  /** The block's fees in every denom, as a coins string ("2000uhyper,5rcpu"). */
  feeCoins: string;
  /** Validators that signed the previous block (decided last commit) / that were expected to. */
  signed: number;
  voters: number;
}

/** What the indexer stores per tx. */
export interface TxRecord {
  /** SHA-256 of the tx bytes, upper-case hex (CometBFT's tx hash). */
  hash: string;
  height: number;
  index: number;
  timeMs: number;
  code: number;
  codespace: string;
  /** The result log, cut at 2,000 characters. */
  log: string;
  gasWanted: string;
  gasUsed: string;
  /** Fee as a coins string, from the `tx` event attribute `fee`. */
  fee: string;
  /** Signers: `message.sender` and `tx.fee_payer`, in first-seen order. */
  signers: string[];
  /** Every account the tx touched: signers plus transfer senders and recipients. */
  addresses: string[];
  /** Type URLs of the tx body's messages (from the tx bytes, so failed txs have them too). */
  msgTypes: string[];
  memo: string;
}

/** One point of an analytics series: the sums over heights [from, to] and values derived from them. */
export interface SeriesPoint extends Stats {
  from: number;
  to: number;
  /** Txs per second: txs / (intervalMs / 1000); 0 when no interval is known. */
  tps: number;
  /** Mean block time in ms over the point's intervals (0 when none). */
  blockTimeMs: number;
  /** bonded / supply of the last sample, when both are known. */
  bondedRatio?: number;
}

export interface Series {
  from: number;
  to: number;
  /** Heights per point (the last and first points may be partial). */
  step: number;
  points: SeriesPoint[];
  /** Store reads the query needed (the cost model: O(points), not O(blocks)). */
  reads: number;
}

export interface ValidatorUptime {
  /** Consensus address, upper-case hex. */
  address: string;
  /** Blocks (in the window) whose decided last commit had this validator's vote / expected it. */
  signed: number;
  expected: number;
  proposed: number;
  firstHeight: number;
  lastHeight: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  next?: string;
  total?: number;
}

export interface IndexStatus {
  /** Lowest and highest indexed heights (0 when nothing is indexed). */
  first: number;
  latest: number;
  latestTimeMs: number;
  /** Blocks waiting in the in-memory queue. */
  pending: number;
  chainId?: string;
  denom: string;
}

/** The error body of every failed API call. */
export interface ApiError {
  code: number;
  message: string;
}
