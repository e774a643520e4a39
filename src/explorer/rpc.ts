/** The few CometBFT RPC calls the explorer makes (JSON over HTTP GET), with a timeout. */

export class RpcError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface CometRpc {
  readonly url: string;
  call<T = any>(method: string, params?: Record<string, string | number | undefined>): Promise<T>;
}

export function cometRpc(url: string, timeoutMs = 10_000): CometRpc {
  const base = url.replace(/\/+$/, '');
  return {
    url: base,
    async call<T>(method: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, String(v));
      const q = qs.toString();
      let res: Response;
      try {
        res = await fetch(`${base}/${method}${q ? `?${q}` : ''}`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (e) {
        throw new RpcError(`${method}: ${(e as Error).message}`);
      }
      const text = await res.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        throw new RpcError(`${method}: HTTP ${res.status}: ${text.slice(0, 200)}`, res.status);
      }
      if (body.error) {
        const detail = [body.error.message, body.error.data].filter(Boolean).join(': ');
        throw new RpcError(`${method}: ${detail}`, res.status);
      }
      return body.result as T;
    },
  };
}
