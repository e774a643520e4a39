/** Talking to the node: the explorer API, the REST gateway, and the live block stream. */
import type { ApiError, BlockSummary, TxRecord } from '../../types';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
  /** The endpoint does not exist on this node: the module has not landed or is not enabled. */
  get notEnabled(): boolean {
    return this.status === 404 || this.status === 501 || this.code === 12;
  }
}

export async function getJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (e) {
    throw new ApiFailure(0, 14, `network error: ${(e as Error).message}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(res.status, 0, `${res.status} ${res.statusText}: not JSON`);
  }
  if (!res.ok) {
    const e = body as Partial<ApiError>;
    throw new ApiFailure(res.status, typeof e.code === 'number' ? e.code : 0, typeof e.message === 'string' ? e.message : `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export const api = <T>(path: string) => getJson<T>(`/explorer/api${path}`);

export interface LiveBlock {
  block: BlockSummary;
  txs: TxRecord[];
}

type Listener = (b: LiveBlock) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let connected = false;
const stateListeners = new Set<(c: boolean) => void>();

/** One EventSource for the whole app; it reconnects by itself. */
export function subscribeBlocks(fn: Listener): () => void {
  listeners.add(fn);
  if (!source) {
    source = new EventSource('/explorer/api/live');
    source.addEventListener('block', (ev) => {
      const data = JSON.parse((ev as MessageEvent).data) as LiveBlock;
      for (const l of listeners) l(data);
    });
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(false));
  }
  return () => {
    listeners.delete(fn);
  };
}

function setConnected(c: boolean) {
  connected = c;
  for (const l of stateListeners) l(c);
}

export function subscribeConnection(fn: (c: boolean) => void): () => void {
  stateListeners.add(fn);
  fn(connected);
  return () => stateListeners.delete(fn);
}
