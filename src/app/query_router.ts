/**
 * Routes a query by its gRPC method path. The same handlers answer ABCI queries, gRPC and REST:
 * one implementation, three transports.
 */
import { sdk } from '../types/errors';
import type { Context } from '../types/context';
import type { QueryRoute } from './module';

export class QueryRouter {
  private readonly routes = new Map<string, QueryRoute>();

  add(route: QueryRoute): void {
    if (this.routes.has(route.path)) throw new Error(`query ${route.path} has two handlers`);
    this.routes.set(route.path, route);
  }

  has(path: string): boolean {
    return this.routes.has(path);
  }

  get(path: string): QueryRoute | undefined {
    return this.routes.get(path);
  }

  get paths(): string[] {
    return [...this.routes.keys()].sort();
  }

  /** Decodes the request bytes, runs the handler, encodes the response. */
  handleBytes(ctx: Context, path: string, data: Uint8Array): Uint8Array {
    const route = this.routes.get(path);
    if (!route) throw sdk.UnknownRequest(`unknown query path ${path}`);
    let req: unknown;
    try {
      req = route.request.decode(data);
    } catch (e) {
      throw sdk.InvalidRequest(`cannot decode ${path} request: ${(e as Error).message}`);
    }
    return route.response.encode(route.handle(ctx, req)).finish();
  }
}
