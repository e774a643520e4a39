/** Routes a decoded Msg to its module's handler by type URL. */
import type { TypeRegistry } from '../codec/type_registry';
import { sdk } from '../types/errors';
import type { MsgRoute } from './module';

export class MsgRouter {
  private readonly routes = new Map<string, { route: MsgRoute; module: string }>();

  add(module: string, route: MsgRoute): void {
    const url = route.type.typeUrl;
    if (this.routes.has(url)) throw new Error(`msg ${url} has two handlers`);
    this.routes.set(url, { route, module });
  }

  /** Adds every routed Msg (and its response) to the Any registry. */
  registerTypes(registry: TypeRegistry): void {
    for (const { route } of this.routes.values()) registry.register(route.type, route.response);
  }

  route(typeUrl: string): { route: MsgRoute; module: string } {
    const r = this.routes.get(typeUrl);
    if (!r) throw sdk.UnknownRequest(`unrecognized message type: ${typeUrl}`);
    return r;
  }

  get typeUrls(): string[] {
    return [...this.routes.keys()].sort();
  }
}
