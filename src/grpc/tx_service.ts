/**
 * cosmos.tx.v1beta1.Service, as the SDK's x/auth/tx service answers it: Simulate runs in the app;
 * GetTx, GetTxsEvent and GetBlockWithTxs read CometBFT's tx index and block store over RPC and
 * answer the SDK's response types; BroadcastTx hands the bytes to CometBFT's mempool
 * (broadcast_tx_sync / _async, or _commit for the deprecated BLOCK mode). TxDecode and TxEncode
 * convert between tx bytes and the Tx message; the amino variants are not served.
 */
import { ABCIMessageLog, TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import {
  BroadcastMode,
  BroadcastTxRequest,
  BroadcastTxResponse,
  GetBlockWithTxsRequest,
  GetBlockWithTxsResponse,
  GetTxRequest,
  GetTxResponse,
  GetTxsEventRequest,
  GetTxsEventResponse,
  OrderBy,
  SimulateRequest,
  TxDecodeRequest,
  TxDecodeResponse,
  TxEncodeRequest,
  TxEncodeResponse,
} from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { AuthInfo, Tx, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { sha256 } from '../crypto/hash';
import { sdk } from '../types/errors';
import { base64Bytes, block as protoBlock, blockId as protoBlockId, events, rfc3339Seconds, type RpcBlockResult, type RpcTx } from './comet_json';
import { CometRpcError, type CometRpc } from './comet_rpc';
import { decodeRequest as decode, type QueryApp, type ServiceImpl } from './methods';
import { Code, GrpcError } from './status';

export const TX_SERVICE = 'cosmos.tx.v1beta1.Service';
const TX_TYPE_URL = '/cosmos.tx.v1beta1.Tx';
/** The SDK's query.DefaultLimit. */
const DEFAULT_LIMIT = 100n;

export interface TxServiceDeps {
  app: Pick<QueryApp, 'simulate'>;
  rpc: CometRpc;
}

export function txService({ app, rpc }: TxServiceDeps): ServiceImpl {
  const blockTimes = new BlockTimes(rpc);

  const txResponse = async (r: RpcTx): Promise<TxResponse> => {
    const raw = base64Bytes(r.tx);
    const res = r.tx_result;
    return TxResponse.fromPartial({
      height: BigInt(r.height),
      txhash: r.hash,
      codespace: res.codespace ?? '',
      code: res.code ?? 0,
      data: Buffer.from(base64Bytes(res.data)).toString('hex').toUpperCase(),
      rawLog: res.log ?? '',
      logs: parseLogs(res.log),
      info: res.info ?? '',
      gasWanted: BigInt(res.gas_wanted ?? 0),
      gasUsed: BigInt(res.gas_used ?? 0),
      // TxRaw and Tx have the same wire layout: the bytes in the block are a Tx
      tx: { typeUrl: TX_TYPE_URL, value: raw },
      timestamp: await blockTimes.of(r.height),
      events: events(res.events),
    });
  };

  return {
    name: TX_SERVICE,
    methods: {
      Simulate(bytes) {
        const req = decode(SimulateRequest, bytes);
        if (req.txBytes.length === 0 && req.tx) {
          // the deprecated `tx` field: a Tx encodes exactly as the TxRaw of its parts
          return app.simulate(SimulateRequest.encode({ txBytes: Tx.encode(req.tx).finish() }).finish());
        }
        if (req.txBytes.length === 0) throw new GrpcError(Code.INVALID_ARGUMENT, 'empty txBytes is not allowed');
        return app.simulate(bytes);
      },

      async GetTx(bytes) {
        const req = decode(GetTxRequest, bytes);
        if (req.hash === '') throw new GrpcError(Code.INVALID_ARGUMENT, 'tx hash cannot be empty');
        const hash = txHashBytes(req.hash);
        let r: RpcTx;
        try {
          r = await rpc.call<RpcTx>('tx', { hash: Buffer.from(hash).toString('base64'), prove: false });
        } catch (e) {
          if (e instanceof CometRpcError && /not found/.test(e.message)) throw new GrpcError(Code.NOT_FOUND, `tx not found: ${req.hash}`);
          throw e;
        }
        const resp = await txResponse(r);
        return GetTxResponse.encode(GetTxResponse.fromPartial({ tx: decodeTx(base64Bytes(r.tx)), txResponse: resp })).finish();
      },

      async GetTxsEvent(bytes) {
        const req = decode(GetTxsEventRequest, bytes);
        const page = req.page === 0n ? 1n : req.page;
        const limit = req.limit === 0n ? DEFAULT_LIMIT : req.limit;
        const query = req.query !== '' ? req.query : eventsQuery(req.events);
        if (query === '') throw new GrpcError(Code.INVALID_ARGUMENT, 'query cannot be empty');
        const orderBy = req.orderBy === OrderBy.ORDER_BY_DESC ? 'desc' : req.orderBy === OrderBy.ORDER_BY_ASC ? 'asc' : '';
        let found: { txs: RpcTx[]; total_count: string };
        try {
          found = await rpc.call('tx_search', { query, prove: false, page: String(page), per_page: String(limit), order_by: orderBy });
        } catch (e) {
          if (e instanceof CometRpcError && e.code === Code.UNAVAILABLE) throw e;
          throw new GrpcError(Code.INTERNAL, (e as CometRpcError).data ?? (e as Error).message);
        }
        const responses = await Promise.all(found.txs.map(txResponse));
        return GetTxsEventResponse.encode(
          GetTxsEventResponse.fromPartial({
            txs: found.txs.map((t) => decodeTx(base64Bytes(t.tx))),
            txResponses: responses,
            total: BigInt(found.total_count),
          }),
        ).finish();
      },

      async BroadcastTx(bytes) {
        const req = decode(BroadcastTxRequest, bytes);
        if (req.txBytes.length === 0) throw new GrpcError(Code.INVALID_ARGUMENT, 'invalid empty tx');
        const method =
          req.mode === BroadcastMode.BROADCAST_MODE_SYNC
            ? 'broadcast_tx_sync'
            : req.mode === BroadcastMode.BROADCAST_MODE_ASYNC
              ? 'broadcast_tx_async'
              : req.mode === BroadcastMode.BROADCAST_MODE_BLOCK
                ? 'broadcast_tx_commit'
                : undefined;
        if (!method) throw new GrpcError(Code.INVALID_ARGUMENT, 'unsupported return type unspecified; supported types: sync, async, block');
        const tx = Buffer.from(req.txBytes).toString('base64');
        const hash = txHashHex(req.txBytes);
        let txResponse: TxResponse;
        try {
          const r = await rpc.call(method, { tx });
          txResponse = method === 'broadcast_tx_commit' ? commitResponse(r) : syncResponse(r);
        } catch (e) {
          const mempool = e instanceof CometRpcError ? mempoolError(e, hash) : undefined;
          if (!mempool) throw e;
          txResponse = mempool;
        }
        return BroadcastTxResponse.encode(BroadcastTxResponse.fromPartial({ txResponse })).finish();
      },

      async GetBlockWithTxs(bytes, ctx) {
        const req = decode(GetBlockWithTxsRequest, bytes);
        const current = BigInt(ctx.version);
        if (req.height < 1n || req.height > current) {
          throw sdk.InvalidHeight(`requested height ${req.height} but height must not be less than 1 or greater than the current height ${current}`);
        }
        const r = await rpc.call<RpcBlockResult>('block', { height: String(req.height) });
        const txs = (r.block.data.txs ?? []).map(base64Bytes);
        const offset = req.pagination?.offset ?? 0n;
        const limit = req.pagination ? req.pagination.limit : DEFAULT_LIMIT;
        const n = BigInt(txs.length);
        if (offset >= n && n !== 0n) throw sdk.InvalidRequest(`out of range: cannot paginate ${n} txs with offset ${offset} and limit ${limit}`);
        const out: Tx[] = [];
        for (let i = offset, count = 0n; i < n && count < limit; i++, count++) {
          out.push(decodeTx(txs[Number(req.pagination?.reverse ? n - i - 1n : i)]));
        }
        return GetBlockWithTxsResponse.encode(
          GetBlockWithTxsResponse.fromPartial({ txs: out, blockId: protoBlockId(r.block_id), block: protoBlock(r.block), pagination: { total: n } }),
        ).finish();
      },

      TxDecode(bytes) {
        const req = decode(TxDecodeRequest, bytes);
        if (req.txBytes.length === 0) throw new GrpcError(Code.INVALID_ARGUMENT, 'invalid empty tx bytes');
        return TxDecodeResponse.encode({ tx: decodeTx(req.txBytes) }).finish();
      },

      TxEncode(bytes) {
        const req = decode(TxEncodeRequest, bytes);
        if (!req.tx) throw new GrpcError(Code.INVALID_ARGUMENT, 'invalid empty tx');
        return TxEncodeResponse.encode({ txBytes: Tx.encode(req.tx).finish() }).finish();
      },
    },
  };
}

// --- helpers --------------------------------------------------------------------------------------

/** A tx as the Tx message (what GetTx and GetTxsEvent return beside the TxResponse). */
export function decodeTx(raw: Uint8Array): Tx {
  try {
    const r = TxRaw.decode(raw);
    return Tx.fromPartial({ body: TxBody.decode(r.bodyBytes), authInfo: AuthInfo.decode(r.authInfoBytes), signatures: r.signatures });
  } catch (e) {
    throw sdk.TxDecode(`cannot decode tx: ${(e as Error).message}`);
  }
}

function txHashBytes(hex: string): Uint8Array {
  const h = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]*$/.test(h) || h.length % 2 !== 0) {
    throw new GrpcError(Code.INVALID_ARGUMENT, `encoding/hex: invalid tx hash ${JSON.stringify(hex)}`);
  }
  return new Uint8Array(Buffer.from(h, 'hex'));
}

function txHashHex(tx: Uint8Array): string {
  return Buffer.from(sha256(tx)).toString('hex').toUpperCase();
}

/** The deprecated `events` list ("message.sender=addr") as a CometBFT query, as SDK v0.47 built it. */
export function eventsQuery(list: readonly string[]): string {
  const parts: string[] = [];
  for (const e of list) {
    const m = /^([^=\s]+)=(.*)$/.exec(e.trim());
    if (!m || m[2] === '') throw new GrpcError(Code.INVALID_ARGUMENT, `invalid event; event ${e} should be of the format: {eventType}.{eventAttribute}={value}`);
    const value = /^'.*'$/.test(m[2]) || /^\d+$/.test(m[2]) ? m[2] : `'${m[2]}'`;
    parts.push(`${m[1]}=${value}`);
  }
  return parts.join(' AND ');
}

/** The SDK's ParseABCILogs: a JSON array of message logs, or nothing. */
function parseLogs(log: string | undefined): ABCIMessageLog[] {
  if (!log || !log.startsWith('[')) return [];
  try {
    const parsed = JSON.parse(log) as { msg_index?: number; log?: string; events?: { type: string; attributes?: { key: string; value: string }[] }[] }[];
    return parsed.map((l) =>
      ABCIMessageLog.fromPartial({
        msgIndex: l.msg_index ?? 0,
        log: l.log ?? '',
        events: (l.events ?? []).map((e) => ({ type: e.type, attributes: e.attributes ?? [] })),
      }),
    );
  } catch {
    return [];
  }
}

interface RpcCheck {
  code: number;
  data: string | null;
  log: string;
  codespace: string;
  info?: string;
  gas_wanted?: string;
  gas_used?: string;
  events?: Parameters<typeof events>[0];
}

function syncResponse(r: RpcCheck & { hash: string }): TxResponse {
  return TxResponse.fromPartial({
    txhash: r.hash,
    code: r.code,
    codespace: r.codespace ?? '',
    data: Buffer.from(base64Bytes(r.data)).toString('hex').toUpperCase(),
    rawLog: r.log ?? '',
    logs: parseLogs(r.log),
  });
}

function commitResponse(r: { check_tx: RpcCheck; tx_result: RpcCheck; hash: string; height: string }): TxResponse {
  const res = r.check_tx.code !== 0 ? r.check_tx : r.tx_result;
  return TxResponse.fromPartial({
    height: BigInt(r.height ?? 0),
    txhash: r.hash,
    codespace: res.codespace ?? '',
    code: res.code,
    data: Buffer.from(base64Bytes(res.data)).toString('hex').toUpperCase(),
    rawLog: res.log ?? '',
    logs: parseLogs(res.log),
    info: res.info ?? '',
    gasWanted: BigInt(res.gas_wanted ?? 0),
    gasUsed: BigInt(res.gas_used ?? 0),
    events: events(res.events),
  });
}

/** The SDK's CheckCometError: mempool refusals become a TxResponse with the SDK's code, not an error. */
function mempoolError(e: CometRpcError, txhash: string): TxResponse | undefined {
  const text = (e.data ?? e.message).toLowerCase();
  const code = text.includes('tx already exists in cache') ? sdk.TxInMempoolCache.code : text.includes('mempool is full') ? sdk.MempoolIsFull.code : text.includes('tx too large') ? sdk.TxTooLarge.code : 0;
  if (code === 0) return undefined;
  return TxResponse.fromPartial({ code, codespace: 'sdk', rawLog: e.data ?? e.message, txhash });
}

/** Block times by height (TxResponse.timestamp), remembered for the last few thousand heights. */
class BlockTimes {
  private readonly cache = new Map<string, string>();
  constructor(private readonly rpc: CometRpc) {}

  async of(height: string): Promise<string> {
    const hit = this.cache.get(height);
    if (hit !== undefined) return hit;
    const r = await this.rpc.call<{ header: { time: string } }>('header', { height });
    const t = rfc3339Seconds(r.header.time);
    if (this.cache.size >= 4096) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(height, t);
    return t;
  }
}
