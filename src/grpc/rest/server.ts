/**
 * The HTTP server on the API port (app.toml [api], default 127.0.0.1:1317). In order:
 * CORS (app.toml cors-allowed-origins / enabled-unsafe-cors), the explorer's handler (it claims
 * `/`, `/explorer/*`, its assets and client routes; its SSE stream is written straight to the
 * socket, nothing here buffers a response), /hypermesh/chain-info, then the REST gateway; any
 * other path is grpc-gateway's 501 {"code": 12, "message": "Not Implemented"}.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../../abci/logger';
import { silentLogger } from '../../abci/logger';
import { Code } from '../status';
import { CHAIN_INFO_PATH, type chainInfo } from './chain_info';
import { sendError, type Gateway } from './gateway';

export interface CorsOptions {
  /** Origins allowed to read responses ("*" for any). */
  allowedOrigins: readonly string[];
  /** Any origin, whatever the list says (the SDK's enabled-unsafe-cors). */
  unsafeAll?: boolean;
}

export interface RestServerOptions {
  /** "host:port" or "tcp://host:port" (port 0 picks a free one). */
  address: string;
  gateway: Gateway;
  /** The explorer's handler, mounted first: true when it answered. */
  explorer?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** The chain info for a request (the Host header fills in a wildcard listen address). */
  chainInfo?: (host: string | undefined) => ReturnType<typeof chainInfo>;
  cors?: CorsOptions;
  logger?: Logger;
}

export interface RunningRestServer {
  readonly address: string;
  readonly url: string;
  close(): Promise<void>;
}

export function parseListenAddress(address: string): { host: string; port: number } {
  const m = /^(?:tcp:\/\/)?([^:]+|\[[^\]]+\]):(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`bad listen address ${JSON.stringify(address)} (want host:port)`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

const ALLOWED_HEADERS = 'Content-Type, x-cosmos-block-height, Grpc-Metadata-x-cosmos-block-height';
const EXPOSED_HEADERS = 'Grpc-Metadata-X-Cosmos-Block-Height, X-Cosmos-Block-Height';

export async function startRestServer(o: RestServerOptions): Promise<RunningRestServer> {
  const log = o.logger ?? silentLogger;
  const { host, port } = parseListenAddress(o.address);
  const allowed = new Set(o.cors?.allowedOrigins ?? []);
  const anyOrigin = o.cors?.unsafeAll === true || allowed.has('*');

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendError(res, { code: Code.INVALID_ARGUMENT, message: 'malformed request URL' });
      return;
    }
    const origin = req.headers.origin;
    if (origin && (anyOrigin || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', anyOrigin && !allowed.has(origin) ? '*' : origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
    }
    if (o.explorer?.(req, res)) return;
    if (o.chainInfo && (url.pathname === CHAIN_INFO_PATH || url.pathname.startsWith(`${CHAIN_INFO_PATH}/`))) {
      serveChainInfo(res, url.pathname.slice(CHAIN_INFO_PATH.length), o.chainInfo(req.headers.host));
      return;
    }
    if (await o.gateway.handle(req, res, url)) return;
    sendError(res, { code: Code.UNIMPLEMENTED, message: 'Not Implemented' });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.warn({ err: (err as Error)?.stack ?? String(err), url: req.url }, 'rest: unhandled error');
      sendError(res, { code: Code.INTERNAL, message: (err as Error)?.message ?? String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as { port: number };
  const address = `${host}:${bound.port}`;
  log.info({ address }, 'rest: listening');
  return {
    address,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // SSE streams and keep-alive sockets would hold close() open
      }),
  };
}

function serveChainInfo(res: ServerResponse, rest: string, info: ReturnType<typeof chainInfo>): void {
  const body = rest === '' || rest === '/' ? info : rest === '/chain.json' ? info.chain : rest === '/assetlist.json' ? info.assetlist : rest === '/keplr' ? info.keplr : undefined;
  if (body === undefined) {
    sendError(res, { code: Code.NOT_FOUND, message: `no such chain info: ${rest}` });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
  res.end(JSON.stringify(body, null, 2));
}
