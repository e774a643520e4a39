/**
 * CometBFT's JSON-RPC (POSTed, so strings and bytes need no URI quoting), as the tx and CometBFT services call it (tx, tx_search,
 * block, validators, status, broadcast_tx_*). An unreachable node is UNAVAILABLE; a JSON-RPC
 * error keeps CometBFT's message and data (the broadcast path reads them).
 */
import { Code, GrpcError } from './status';

export class CometRpcError extends GrpcError {
  constructor(
    code: number,
    message: string,
    /** CometBFT's `error.data` (e.g. "tx already exists in cache"), when it sent one. */
    readonly data?: string,
  ) {
    super(code, message);
  }
}

export interface CometRpc {
  readonly url: string;
  /** Params as CometBFT's JSON reads them: 64-bit integers as strings, bytes as base64. */
  call<T = any>(method: string, params?: Record<string, string | boolean | undefined>): Promise<T>;
}

export function cometRpc(url: string, timeoutMs = 30_000): CometRpc {
  const base = url.replace(/\/+$/, '');
  let id = 0;
  return {
    url: base,
    async call<T>(method: string, params: Record<string, string | boolean | undefined> = {}): Promise<T> {
      const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params });
      let res: Response;
      try {
        res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch (e) {
        throw new CometRpcError(Code.UNAVAILABLE, `CometBFT RPC ${method}: ${(e as Error).message}`);
      }
      const text = await res.text();
      let reply: any;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new CometRpcError(Code.UNAVAILABLE, `CometBFT RPC ${method}: HTTP ${res.status}: ${text.slice(0, 200)}`);
      }
      if (reply.error) {
        const data = typeof reply.error.data === 'string' ? reply.error.data : undefined;
        const detail = [reply.error.message, data].filter(Boolean).join(': ');
        throw new CometRpcError(Code.UNKNOWN, `CometBFT RPC ${method}: ${detail}`, data);
      }
      return reply.result as T;
    },
  };
}
