/**
 * The explorer's access to app state: a QueryFn (path, request bytes, height) → response bytes,
 * backed either by the node's own ABCI query handler (in process) or by CometBFT's
 * `abci_query` RPC (tests, or an explorer next to a node).
 */
import { RequestQuery, type ResponseQuery } from 'cosmjs-types/tendermint/abci/types';
import type { QueryFn } from './indexer';
import type { CometRpc } from './rpc';

/** A failed ABCI query, with the app's registered error. */
export class QueryError extends Error {
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly log: string,
  ) {
    super(`${codespace}/${code}: ${log}`);
    this.name = 'QueryError';
  }
}

/** sdk/6 "unknown request": the query path has no handler (the module is not on this chain). */
export function isUnknownQuery(err: unknown): boolean {
  return err instanceof QueryError && err.codespace === 'sdk' && err.code === 6;
}

/** A QueryFn over an ABCI application's query method (BaseApp.query). */
export function abciQueryFn(app: { query(req: RequestQuery): ResponseQuery | Promise<ResponseQuery> }): QueryFn {
  return async (path, data, height) => {
    const res = await app.query(RequestQuery.fromPartial({ path, data, height: BigInt(height ?? 0) }));
    if (res.code !== 0) throw new QueryError(res.codespace, res.code, res.log);
    return res.value;
  };
}

/** A QueryFn over CometBFT's `abci_query` RPC. */
export function rpcQueryFn(rpc: CometRpc): QueryFn {
  return async (path, data, height) => {
    const r = await rpc.call<{ response: { code?: number; codespace?: string; log?: string; value?: string | null } }>('abci_query', {
      path: JSON.stringify(path),
      data: `0x${Buffer.from(data).toString('hex')}`,
      height: height ? String(height) : undefined,
    });
    const res = r.response;
    if (res.code) throw new QueryError(res.codespace ?? '', res.code, res.log ?? '');
    return new Uint8Array(Buffer.from(res.value ?? '', 'base64'));
  };
}

/** Encodes `req`, runs the query and decodes the answer with the cosmjs-types codecs. */
export async function queryProto<Req, Res>(
  q: QueryFn,
  path: string,
  reqCodec: { fromPartial(o: any): Req; encode(m: Req): { finish(): Uint8Array } },
  resCodec: { decode(b: Uint8Array): Res },
  req: Partial<Req>,
  height?: number,
): Promise<Res> {
  return resCodec.decode(await q(path, reqCodec.encode(reqCodec.fromPartial(req)).finish(), height));
}
