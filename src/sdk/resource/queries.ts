/**
 * The x/resource query extension for a cosmjs QueryClient: the generated client over ABCI query
 * (gRPC method paths), with requests completed by fromPartial so callers pass only what they mean.
 *
 * @example
 *   const q = QueryClient.withExtensions(comet, setupResourceExtension);
 *   const { lease } = await q.resource.lease(1n);
 */
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryClientImpl,
  QueryLeasesRequest,
  QueryTransactionsRequest,
  type QueryLeasesResponse,
  type QueryNodeResponse,
  type QueryProviderResponse,
  type QueryTransactionsResponse,
} from '../../gen/hypermesh/resource/v1/query';
import type { Lease, Reputation, Window } from '../../gen/hypermesh/resource/v1/resource';
import type { Params } from '../../gen/hypermesh/resource/v1/params';

export interface ResourceExtension {
  readonly resource: {
    readonly raw: QueryClientImpl;
    params(): Promise<Params>;
    provider(address: string): Promise<QueryProviderResponse>;
    node(nodeId: string): Promise<QueryNodeResponse>;
    lease(id: bigint): Promise<Lease>;
    leases(filter: Partial<QueryLeasesRequest>): Promise<QueryLeasesResponse>;
    transactions(filter: Partial<QueryTransactionsRequest>): Promise<QueryTransactionsResponse>;
    reputation(provider: string): Promise<Reputation>;
    window(): Promise<Window>;
  };
}

export function setupResourceExtension(base: QueryClient): ResourceExtension {
  const raw = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    resource: {
      raw,
      params: async () => (await raw.Params({})).params!,
      provider: (address) => raw.Provider({ address }),
      node: (nodeId) => raw.Node({ nodeId }),
      lease: async (id) => (await raw.Lease({ id })).lease!,
      leases: (filter) => raw.Leases(QueryLeasesRequest.fromPartial(filter)),
      transactions: (filter) => raw.Transactions(QueryTransactionsRequest.fromPartial(filter)),
      reputation: async (provider) => (await raw.Reputation({ provider })).reputation!,
      window: async () => (await raw.Window({})).window!,
    },
  };
}
