/**
 * The one table of callable methods behind both transports (gRPC and the REST gateway), keyed by
 * gRPC full method path ("/cosmos.bank.v1beta1.Query/Balance"). Requests and responses are
 * protobuf bytes end to end: a query goes straight to the app's query router (the handlers that
 * also answer ABCI queries), so a module that adds query routes is served with no code here.
 *
 * Services come from two places:
 * - every service with at least one route in `app.queryRouter`: all its methods (from the
 *   descriptors) are listed; those without a route answer UNIMPLEMENTED;
 * - built-in services implemented in this folder (cosmos.tx.v1beta1.Service, the CometBFT
 *   service, the node service, cosmos.reflection.v1): `ServiceImpl`s passed in.
 */
import type { DescMethod, DescService } from '@bufbuild/protobuf';
import type { RequestQuery, ResponseQuery } from 'cosmjs-types/tendermint/abci/types';
import { protoRegistry } from '../codec/descriptors';
import type { Context } from '../types/context';
import { resolveHeight, type StoreHeights } from './query_height';
import { Code, GrpcError } from './status';

/** What the gRPC and REST transports need of the app (BaseApp has it all). */
export interface QueryApp {
  readonly queryRouter: {
    has(path: string): boolean;
    handleBytes(ctx: Context, path: string, data: Uint8Array): Uint8Array;
    readonly paths: string[];
  };
  readCtx(version: number): Context;
  /** SimulateRequest bytes → SimulateResponse bytes; throws a registered error. */
  simulate(request: Uint8Array): Uint8Array;
  query(req: RequestQuery): ResponseQuery | Promise<ResponseQuery>;
}

/** What a handler learns of the call besides the request bytes. */
export interface CallContext {
  /** The committed version the call reads (resolved from x-cosmos-block-height). */
  readonly version: number;
}

export type MethodHandler = (request: Uint8Array, ctx: CallContext) => Uint8Array | Promise<Uint8Array>;

/** A built-in service: handlers by method name; methods of the service not listed are UNIMPLEMENTED. */
export interface ServiceImpl {
  readonly name: string;
  readonly methods: Readonly<Record<string, MethodHandler>>;
}

export interface Method {
  /** "/cosmos.bank.v1beta1.Query/Balance" */
  readonly path: string;
  readonly service: string;
  readonly name: string;
  /** The method's descriptor (absent for a routed query whose proto is not in the descriptor set). */
  readonly desc?: DescMethod;
  /** False when the service lists the method but nothing implements it. */
  readonly implemented: boolean;
}

export interface CallResult {
  bytes: Uint8Array;
  /** The version the call read: the x-cosmos-block-height response header. */
  height: number;
}

export class MethodTable {
  private readonly methods = new Map<string, Method & { handler?: MethodHandler }>();
  private readonly serviceList: string[];

  constructor(
    app: QueryApp,
    private readonly heights: StoreHeights,
    builtins: readonly ServiceImpl[] = [],
  ) {
    const registry = protoRegistry();
    const byService = new Map<string, Map<string, MethodHandler | undefined>>();
    const ensure = (service: string) => {
      let m = byService.get(service);
      if (!m) byService.set(service, (m = new Map()));
      return m;
    };
    for (const path of app.queryRouter.paths) {
      const parsed = splitMethodPath(path);
      if (!parsed) continue;
      ensure(parsed.service).set(parsed.method, (req, ctx) => app.queryRouter.handleBytes(app.readCtx(ctx.version), path, req));
    }
    for (const impl of builtins) {
      const m = ensure(impl.name);
      for (const [name, handler] of Object.entries(impl.methods)) {
        if (m.get(name)) throw new Error(`gRPC method /${impl.name}/${name} has two implementations`);
        m.set(name, handler);
      }
    }
    for (const [service, handlers] of byService) {
      const desc = registry.getService(service) as DescService | undefined;
      const names = new Set<string>([...(desc?.methods.map((d) => d.name) ?? []), ...handlers.keys()]);
      for (const name of names) {
        const d = desc?.methods.find((x) => x.name === name);
        if (d && d.methodKind !== 'unary') continue; // only unary calls exist among these services
        const handler = handlers.get(name);
        const path = `/${service}/${name}`;
        this.methods.set(path, { path, service, name, desc: d, implemented: handler !== undefined, handler });
      }
    }
    this.serviceList = [...byService.keys()].sort();
  }

  /** Every served service, sorted ("cosmos.auth.v1beta1.Query", ...). */
  get services(): readonly string[] {
    return this.serviceList;
  }

  /** The methods of one service, in descriptor order (then any routed extras). */
  methodsOf(service: string): Method[] {
    return [...this.methods.values()].filter((m) => m.service === service);
  }

  get(path: string): Method | undefined {
    return this.methods.get(path);
  }

  /**
   * Runs a call: resolves the height header, then the handler. Throws a registered error or a
   * GrpcError (UNIMPLEMENTED for a method that is not served).
   */
  async invoke(path: string, request: Uint8Array, heightHeader?: string): Promise<CallResult> {
    const m = this.methods.get(path);
    if (!m?.handler) {
      const parsed = splitMethodPath(path);
      throw new GrpcError(Code.UNIMPLEMENTED, parsed ? `unknown method ${parsed.method} for service ${parsed.service}` : `malformed method name: ${JSON.stringify(path)}`);
    }
    // the block CometBFT already reports but the app is still running: wait for its commit
    const asked = Number(heightHeader?.trim());
    if (Number.isSafeInteger(asked) && asked > 0) await this.heights.whenCommitted?.(asked);
    const version = resolveHeight(heightHeader, this.heights);
    const bytes = await m.handler(request, { version });
    return { bytes, height: version };
  }
}

/** "/pkg.Service/Method" → its parts. */
export function splitMethodPath(path: string): { service: string; method: string } | undefined {
  const m = /^\/([A-Za-z_][\w.]*)\/([A-Za-z_]\w*)$/.exec(path);
  return m ? { service: m[1], method: m[2] } : undefined;
}

/** Decodes a request message; malformed bytes are INVALID_ARGUMENT. */
export function decodeRequest<T>(codec: { decode(b: Uint8Array): T }, bytes: Uint8Array): T {
  try {
    return codec.decode(bytes);
  } catch (e) {
    throw new GrpcError(Code.INVALID_ARGUMENT, `cannot decode request: ${(e as Error).message}`);
  }
}
