/**
 * The REST (LCD) gateway: every served method with a google.api.http rule gets its route, the
 * request is built from path, query and body (query_params.ts), dispatched through the same
 * MethodTable as gRPC, and answered as the SDK's gateway answers: the response in SDK JSON
 * (src/codec/proto_json), `Grpc-Metadata-X-Cosmos-Block-Height` with the height read, and errors
 * as {"code", "message", "details": []} with grpc-gateway's HTTP status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../abci/logger';
import { silentLogger } from '../../abci/logger';
import { toSdkJsonString } from '../../codec/proto_json';
import type { MethodTable } from '../methods';
import { BLOCK_HEIGHT_HEADER } from '../query_height';
import { Code, GrpcError, httpStatusOf, statusOf, type GrpcStatus } from '../status';
import { RouteTable, routesOf, type Route } from './http_rule';
import { requestBytes } from './query_params';

/** Largest request body read (a tx is at most 512 KiB; base64 and JSON add a third). */
export const MAX_BODY_BYTES = 4 << 20;

export interface Gateway {
  readonly routes: RouteTable;
  /**
   * Answers a request if a route matches its path (true), or leaves it (false). Never throws:
   * failures are answered as SDK-style errors.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function createGateway(table: MethodTable, logger: Logger = silentLogger): Gateway {
  const list: Route[] = [];
  for (const service of table.services) {
    for (const m of table.methodsOf(service)) if (m.desc) list.push(...routesOf(m.desc));
  }
  const routes = new RouteTable(list);

  return {
    routes,
    async handle(req, res, url) {
      const found = routes.match(req.method ?? 'GET', url.pathname);
      if (!found) return false;
      if ('methodNotAllowed' in found) {
        sendError(res, { code: Code.UNIMPLEMENTED, message: 'Method Not Allowed' });
        return true;
      }
      const { route, params } = found;
      try {
        let body: unknown;
        if (route.body !== '') body = await readJsonBody(req);
        const bytes = requestBytes(route.method.input, { pathParams: params, query: url.searchParams, body, bodyRule: route.body });
        const r = await table.invoke(route.grpcPath, bytes, heightHeader(req));
        const text = toSdkJsonString(route.method.output.typeName, r.bytes);
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Grpc-Metadata-X-Cosmos-Block-Height': String(r.height),
          'X-Cosmos-Block-Height': String(r.height),
        });
        res.end(text);
      } catch (err) {
        const s = statusOf(err);
        if (s.code === Code.INTERNAL || s.code === Code.UNKNOWN) logger.warn({ path: url.pathname, err: (err as Error)?.stack ?? String(err) }, 'rest: request failed');
        sendError(res, s);
      }
      return true;
    },
  };
}

/** The height header: the SDK's gateway forwards `x-cosmos-block-height` and `Grpc-Metadata-*` headers. */
function heightHeader(req: IncomingMessage): string | undefined {
  const v = req.headers[BLOCK_HEIGHT_HEADER] ?? req.headers[`grpc-metadata-${BLOCK_HEIGHT_HEADER}`];
  return Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
}

/** An error as grpc-gateway's proto error handler writes it. */
export function sendError(res: ServerResponse, s: GrpcStatus): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(httpStatusOf(s.code), { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ code: s.code, message: s.message, details: [] }));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GrpcError(Code.RESOURCE_EXHAUSTED, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GrpcError(Code.INVALID_ARGUMENT, `malformed JSON body: ${(e as Error).message}`);
  }
}
