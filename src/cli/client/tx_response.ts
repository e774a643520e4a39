/**
 * cosmos.base.abci.v1beta1.TxResponse, the value the SDK's CLI prints for `tx ...` and
 * `query tx`, built from CometBFT's /tx (and /broadcast_tx_sync) results.
 */
import { TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { AuthInfo, Tx, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { RpcBroadcastSync, RpcEvent, RpcTx } from './rpc';

/** The Tx inside TxRaw bytes, as an Any (undefined when the bytes are not a tx). */
export function txAnyOf(raw: Uint8Array): { typeUrl: string; value: Uint8Array } | undefined {
  try {
    const r = TxRaw.decode(raw);
    const tx = Tx.fromPartial({ body: TxBody.decode(r.bodyBytes), authInfo: AuthInfo.decode(r.authInfoBytes), signatures: r.signatures });
    return { typeUrl: Tx.typeUrl, value: Tx.encode(tx).finish() };
  } catch {
    return undefined;
  }
}

function eventsOf(events: RpcEvent[] | null | undefined) {
  return (events ?? []).map((e) => ({
    type: e.type,
    attributes: (e.attributes ?? []).map((a) => ({ key: a.key ?? '', value: a.value ?? '', index: a.index === true })),
  }));
}

const hexOfBase64 = (b64: string | null | undefined): string => (b64 ? Buffer.from(b64, 'base64').toString('hex').toUpperCase() : '');

/** A committed tx; `time` is its block's time (RFC 3339). */
export function txResponseOf(t: RpcTx, time: string): TxResponse {
  const r = t.tx_result;
  return TxResponse.fromPartial({
    height: BigInt(t.height),
    txhash: t.hash.toUpperCase(),
    codespace: r.codespace ?? '',
    code: r.code ?? 0,
    data: hexOfBase64(r.data),
    rawLog: r.log ?? '',
    logs: [],
    info: r.info ?? '',
    gasWanted: BigInt(r.gas_wanted ?? '0'),
    gasUsed: BigInt(r.gas_used ?? '0'),
    tx: txAnyOf(Buffer.from(t.tx, 'base64')),
    timestamp: time,
    events: eventsOf(r.events),
  });
}

/** A tx refused by CheckTx (never in a block). */
export function checkTxResponseOf(r: RpcBroadcastSync): TxResponse {
  return TxResponse.fromPartial({
    height: 0n,
    txhash: r.hash.toUpperCase(),
    codespace: r.codespace ?? '',
    code: r.code,
    data: hexOfBase64(r.data),
    rawLog: r.log ?? '',
  });
}

/** The text rendering of a broadcast result: what people look at. */
export function txResultText(r: TxResponse): string {
  const lines = [`txhash: ${r.txhash}`, `height: ${r.height}`, `code: ${r.code}${r.code === 0 ? ' (success)' : ''}`];
  if (r.code !== 0) {
    lines.push(`codespace: ${r.codespace}`);
    lines.push(`raw_log: ${JSON.stringify(r.rawLog)}`);
  }
  if (r.gasWanted > 0n || r.gasUsed > 0n) lines.push(`gas_wanted: ${r.gasWanted}`, `gas_used: ${r.gasUsed}`);
  if (r.timestamp) lines.push(`timestamp: ${r.timestamp}`);
  return lines.join('\n') + '\n';
}
