/**
 * Broadcasting: CometBFT's broadcast_tx_sync (CheckTx), then polling /tx until the tx is in a
 * block, with a progress indicator on stderr. A tx refused for its sequence (sdk/32) can be
 * re-signed once with the sequence the node names ("account sequence mismatch, expected N,
 * got M", the text cosmjs parses too).
 */
import type { TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { waitIndicator, type ProgressStream } from '../output/progress';
import { CliError } from './errors';
import type { CometRpc, RpcBroadcastSync } from './rpc';
import { txHashHex } from './tx_build';
import { checkTxResponseOf, txResponseOf } from './tx_response';

export const WRONG_SEQUENCE_CODE = 32;

/** The sequences in an sdk/32 log, or undefined when the log says something else. */
export function parseSequenceMismatch(log: string): { expected: bigint; got: bigint } | undefined {
  const m = /account sequence mismatch,? expected (\d+),? got (\d+)/.exec(log);
  return m ? { expected: BigInt(m[1]), got: BigInt(m[2]) } : undefined;
}

export interface BroadcastOptions {
  readonly rpc: CometRpc;
  readonly stderr: ProgressStream;
  /** How long to wait for inclusion after CheckTx accepted the tx. */
  readonly timeoutMs: number;
  readonly pollMs?: number;
  /**
   * Called once when CheckTx refuses the tx with sdk/32 and names the expected sequence: returns
   * the tx re-signed with it, or undefined to give up.
   */
  readonly resign?: (expected: bigint) => Promise<Uint8Array | undefined>;
}

export type BroadcastResult =
  | { readonly stage: 'check'; readonly response: TxResponse; readonly check: RpcBroadcastSync }
  | { readonly stage: 'block'; readonly response: TxResponse };

/** Broadcasts and waits; throws only when the node cannot be reached or the wait times out. */
export async function broadcastAndWait(bytes: Uint8Array, o: BroadcastOptions): Promise<BroadcastResult> {
  let check = await o.rpc.broadcastTxSync(bytes);
  if (check.code === WRONG_SEQUENCE_CODE && o.resign) {
    const seq = parseSequenceMismatch(check.log);
    const again = seq ? await o.resign(seq.expected) : undefined;
    if (again) {
      o.stderr.write(`account sequence was ${seq!.got}, the chain expects ${seq!.expected}: signed again with sequence ${seq!.expected}\n`);
      bytes = again;
      check = await o.rpc.broadcastTxSync(bytes);
    }
  }
  if (check.code !== 0) return { stage: 'check', response: checkTxResponseOf(check), check };
  const hash = check.hash ? check.hash.toUpperCase() : txHashHex(bytes);
  return { stage: 'block', response: await waitForTx(o.rpc, hash, o) };
}

export async function waitForTx(rpc: CometRpc, hash: string, o: Pick<BroadcastOptions, 'stderr' | 'timeoutMs' | 'pollMs'>): Promise<TxResponse> {
  const start = Date.now();
  // a terminal line must not wrap (the bar redraws it in place): a short hash there
  const shown = o.stderr.isTTY ? `${hash.slice(0, 8)}…` : hash;
  const indicator = waitIndicator(o.stderr, `tx ${shown} accepted; waiting for a block`, o.timeoutMs);
  try {
    for (;;) {
      const found = await rpc.tx(hash);
      if (found) {
        const time = await rpc
          .header(BigInt(found.height))
          .then((h) => h.header.time)
          .catch(() => '');
        indicator.done(o.stderr.isTTY ? undefined : `included at height ${found.height}`);
        return txResponseOf(found, time);
      }
      const elapsed = Date.now() - start;
      if (elapsed > o.timeoutMs) {
        throw new CliError(
          `tx ${hash} was accepted by the node but is not in a block after ${Math.round(o.timeoutMs / 1000)}s; check later with \`hypermesh query tx ${hash}\``,
        );
      }
      const height = await rpc
        .status()
        .then((s) => s.sync_info.latest_block_height)
        .catch(() => undefined);
      indicator.tick(elapsed, height);
      await new Promise((r) => setTimeout(r, o.pollMs ?? 400));
    }
  } catch (e) {
    indicator.done();
    throw e;
  }
}
