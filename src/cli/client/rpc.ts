/**
 * CometBFT's JSON-RPC over HTTP, the few methods the CLI uses, with errors that name the URL
 * and say what to do: a refused connection reads "cannot reach node at http://127.0.0.1:26657:
 * connection refused — is `hypermesh start` running? use --node to choose another".
 */
import { createHash } from 'node:crypto';
import { CliError } from './errors';

export const DEFAULT_NODE = 'http://127.0.0.1:26657';

/** "tcp://host:port" (CometBFT's notation) and "host:port" become http URLs; anything else must be http(s). */
export function normalizeNodeUrl(input: string): string {
  let s = input.trim();
  if (/^tcp:\/\//i.test(s)) s = 'http://' + s.slice(6);
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = 'http://' + s;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new CliError(`invalid --node ${JSON.stringify(input)}: expected a URL such as ${DEFAULT_NODE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`invalid --node ${JSON.stringify(input)}: only http, https and tcp URLs are supported`);
  }
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1'; // a listen address, not a destination
  return url.toString().replace(/\/$/, '');
}

const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/** What went wrong at the network level, from a fetch error and its causes. */
export function networkReason(err: unknown): string {
  for (let cur: unknown = err, depth = 0; cur && depth < 8; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NET_ERRORS[code]) return NET_ERRORS[code];
    if ((cur as Error).name === 'TimeoutError' || (cur as Error).name === 'AbortError') return 'no answer (timed out)';
    const errors = (cur as { errors?: unknown[] }).errors; // AggregateError (IPv4 and IPv6 tried)
    if (Array.isArray(errors) && errors.length > 0) return networkReason(errors[0]);
  }
  // (no instanceof: errors from fetch may come from another realm)
  const cause = (err as { cause?: { message?: unknown } })?.cause;
  if (typeof cause?.message === 'string') return cause.message;
  const message = (err as { message?: unknown })?.message;
  return typeof message === 'string' ? message : String(err);
}

export function unreachable(url: string, err: unknown): CliError {
  return new CliError(`cannot reach node at ${url}: ${networkReason(err)} — is \`hypermesh start\` running? use --node to choose another`, { cause: err });
}

export interface RpcStatus {
  node_info: { id: string; moniker: string; network: string; version: string; listen_addr: string; other?: Record<string, string> };
  sync_info: { latest_block_hash: string; latest_app_hash: string; latest_block_height: string; latest_block_time: string; earliest_block_height: string; catching_up: boolean };
  validator_info: { address: string; pub_key: { type: string; value: string }; voting_power: string };
}

export interface RpcAbciQuery {
  response: { code: number; log: string; info: string; index: string; key: string | null; value: string | null; height: string; codespace: string };
}

export interface RpcBroadcastSync {
  code: number;
  data: string;
  log: string;
  codespace: string;
  hash: string;
}

export interface RpcEvent {
  type: string;
  attributes: { key: string; value: string; index?: boolean }[] | null;
}

export interface RpcTx {
  hash: string;
  height: string;
  index: number;
  tx_result: { code: number; data: string | null; log: string; info: string; gas_wanted: string; gas_used: string; events: RpcEvent[] | null; codespace: string };
  tx: string;
}

/** An error the node returned (JSON-RPC error object). */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly url: string,
    readonly method: string,
    readonly rpcMessage: string,
    readonly data: string,
  ) {
    // CometBFT puts the useful text in `data` ("height 9 must be less than or equal to ...")
    super(`node at ${url} refused ${method}: ${data || rpcMessage}`);
  }
}

export class CometRpc {
  private nextId = 1;

  constructor(
    readonly url: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw unreachable(this.url, e);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw unreachable(this.url, e);
    }
    let body: { result?: T; error?: { code: number; message: string; data?: string } };
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(`node at ${this.url} did not answer as a CometBFT RPC (HTTP ${res.status}${text ? `: ${text.slice(0, 80)}` : ''}); check --node`);
    }
    if (body.error) throw new RpcError(this.url, method, body.error.message, String(body.error.data ?? ''));
    if (body.result === undefined) throw new CliError(`node at ${this.url} answered ${method} without a result`);
    return body.result;
  }

  status(): Promise<RpcStatus> {
    return this.call('status');
  }

  async abciQuery(path: string, data: Uint8Array, height?: bigint): Promise<RpcAbciQuery['response']> {
    const params: Record<string, unknown> = { path, data: Buffer.from(data).toString('hex'), prove: false };
    if (height !== undefined && height > 0n) params.height = height.toString();
    return (await this.call<RpcAbciQuery>('abci_query', params)).response;
  }

  async broadcastTxSync(tx: Uint8Array): Promise<RpcBroadcastSync> {
    try {
      return await this.call<RpcBroadcastSync>('broadcast_tx_sync', { tx: Buffer.from(tx).toString('base64') });
    } catch (e) {
      if (e instanceof RpcError && /already exists in cache/.test(e.data)) {
        const hash = createHash('sha256').update(tx).digest('hex').toUpperCase();
        throw new CliError(`the node has already received this tx (${hash}); see it with \`hypermesh query tx ${hash}\``, { cause: e });
      }
      throw e;
    }
  }

  /** The committed tx with this hash, or undefined while it is not (yet) in a block. */
  async tx(hashHex: string): Promise<RpcTx | undefined> {
    try {
      return await this.call<RpcTx>('tx', { hash: Buffer.from(hashHex, 'hex').toString('base64'), prove: false });
    } catch (e) {
      if (e instanceof RpcError && /not found/i.test(e.data + e.rpcMessage)) return undefined;
      throw e;
    }
  }

  block(height?: bigint): Promise<any> {
    return this.call('block', height === undefined ? {} : { height: height.toString() });
  }

  header(height: bigint): Promise<{ header: { time: string } }> {
    return this.call('header', { height: height.toString() });
  }
}
