/** hypermesh.resource.v1.Query: gRPC method paths over ABCI query (cosmjs QueryClient works unchanged). */
import {
  QueryLeaseRequest,
  QueryLeaseResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryNodeRequest,
  QueryNodeResponse,
  QueryNodesRequest,
  QueryNodesResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryProviderNodesRequest,
  QueryProviderNodesResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryProvidersRequest,
  QueryProvidersResponse,
  QueryReputationRequest,
  QueryReputationResponse,
  QueryTransactionRequest,
  QueryTransactionResponse,
  QueryTransactionsRequest,
  QueryTransactionsResponse,
  QueryWindowRequest,
  QueryWindowResponse,
} from '../../src/gen/hypermesh/resource/v1/query';
import { LeaseStatus, type Lease, type ResourceTransaction } from '../../src/gen/hypermesh/resource/v1/resource';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { CMap, keys } from '../../src/store/collections';
import { concatBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { ResourceKeeper } from './keeper';
import { paginateRange } from './query_pages';
import { parseNodeId } from './sign_bytes';

const Q = '/hypermesh.resource.v1.Query/';

function u64(n: bigint): Uint8Array {
  return keys.uint64.encode(n);
}

function route<Q, R>(path: string, request: QueryRoute<Q, R>['request'], response: QueryRoute<Q, R>['response'], handle: (ctx: Context, req: Q) => R): QueryRoute<Q, R> {
  return { path: Q + path, request, response, handle };
}

export function resourceQueries(k: ResourceKeeper, addrs: AddressCodec): QueryRoute[] {
  const address = (s: string, what: string): Uint8Array => {
    if (s === '') throw invalidArgument(`${what} address cannot be empty`);
    try {
      return addrs.decode(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const nodeKey = (s: string): Uint8Array => {
    try {
      return parseNodeId(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const providerOf = (ctx: Context, s: string) => {
    const a = address(s, 'provider');
    const p = k.getProvider(ctx, a);
    if (!p) throw notFound(`provider ${s} not found`);
    return { a, p };
  };

  return [
    route(`Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: k.params(ctx) })),

    route(`Providers`, QueryProvidersRequest, QueryProvidersResponse, (ctx, req: QueryProvidersRequest) => {
      const page = paginate(ctx, k.state.providers, req.pagination, (_a, p) => p);
      return { providers: page.items, pagination: page.pagination };
    }),

    route(`Provider`, QueryProviderRequest, QueryProviderResponse, (ctx, req: QueryProviderRequest) => {
      const { a, p } = providerOf(ctx, req.address);
      return { provider: p, liabilities: k.liabilities(ctx, a), reputation: k.getReputation(ctx, a) };
    }),

    route(`ProviderNodes`, QueryProviderNodesRequest, QueryProviderNodesResponse, (ctx, req: QueryProviderNodesRequest) => {
      const { a } = providerOf(ctx, req.address);
      const page = paginate(ctx, k.state.nodesByProvider, req.pagination, ([, key]) => k.getNode(ctx, key), CMap.prefixOf(keys.bytes, a));
      return { nodes: page.items, pagination: page.pagination };
    }),

    route(`Nodes`, QueryNodesRequest, QueryNodesResponse, (ctx, req: QueryNodesRequest) => {
      const page = paginate(ctx, k.state.nodes, req.pagination, (_key, n) => n);
      return { nodes: page.items, pagination: page.pagination };
    }),

    route(`Node`, QueryNodeRequest, QueryNodeResponse, (ctx, req: QueryNodeRequest) => {
      const key = nodeKey(req.nodeId);
      const node = k.getNode(ctx, key);
      if (!node) throw notFound(`node ${req.nodeId} not found`);
      const audits = [...k.state.audits.iterate(ctx, { prefix: CMap.prefixOf(keys.bytes, key) })].map(([, a]) => a);
      return { node, audits };
    }),

    route(`Lease`, QueryLeaseRequest, QueryLeaseResponse, (ctx, req: QueryLeaseRequest) => {
      const lease = k.state.leases.get(ctx, req.id);
      if (!lease) throw notFound(`lease ${req.id} not found`);
      return { lease };
    }),

    route(`Leases`, QueryLeasesRequest, QueryLeasesResponse, (ctx, req: QueryLeasesRequest) => {
      const given = [req.consumer, req.provider, req.nodeId].filter((s) => s !== '').length;
      if (given > 1) throw invalidArgument('give at most one of consumer, provider and node_id');
      const keep = (l: Lease | undefined) => (l && (req.status === LeaseStatus.LEASE_STATUS_UNSPECIFIED || l.status === req.status) ? l : undefined);
      const byId = (id: bigint) => keep(k.state.leases.get(ctx, id));
      let page;
      if (req.consumer !== '') {
        page = paginate(ctx, k.state.leasesByConsumer, req.pagination, ([, id]) => byId(id), CMap.prefixOf(keys.bytes, address(req.consumer, 'consumer')));
      } else if (req.provider !== '') {
        page = paginate(ctx, k.state.leasesByProvider, req.pagination, ([, id]) => byId(id), CMap.prefixOf(keys.bytes, address(req.provider, 'provider')));
      } else if (req.nodeId !== '') {
        page = paginate(ctx, k.state.leasesByNode, req.pagination, ([, id]) => byId(id), CMap.prefixOf(keys.bytes, nodeKey(req.nodeId)));
      } else {
        page = paginate(ctx, k.state.leases, req.pagination, (_id, l) => keep(l));
      }
      return { leases: page.items, pagination: page.pagination };
    }),

    route(`Transactions`, QueryTransactionsRequest, QueryTransactionsResponse, (ctx, req: QueryTransactionsRequest) => {
      const from = req.from?.seconds;
      const to = req.to?.seconds;
      if (from !== undefined && to !== undefined && from > to) throw invalidArgument(`from ${from} is after to ${to}`);
      if ((from !== undefined && from < 0n) || (to !== undefined && to < 0n)) throw invalidArgument('times before 1970 hold no records');
      const node = req.node !== '' ? nodeKey(req.node) : undefined;
      const provider = req.provider !== '' ? addrs.encode(address(req.provider, 'provider')) : undefined;
      const consumer = req.consumer !== '' ? addrs.encode(address(req.consumer, 'consumer')) : undefined;
      const entry = (id: Uint8Array) => {
        const record = k.state.transactions.get(ctx, id)!;
        if (node && record.nodeId !== req.node) return undefined;
        if (provider && record.provider !== provider) return undefined;
        if (consumer && record.consumer !== consumer) return undefined;
        return { id: Buffer.from(id).toString('hex'), record };
      };
      // the first filter given picks the index; the others filter its entries
      const lead = node ?? (provider ? addrs.decode(provider) : consumer ? addrs.decode(consumer) : undefined);
      const prefix = lead ? CMap.prefixOf(keys.bytes, lead) : new Uint8Array();
      const range = {
        prefix: lead ? prefix : undefined,
        start: from !== undefined ? concatBytes(prefix, u64(from)) : undefined,
        end: to !== undefined && to < (1n << 64n) - 1n ? concatBytes(prefix, u64(to + 1n)) : undefined,
      };
      let page;
      if (node) page = paginateRange(ctx, k.state.txByNode, req.pagination, range, ([, , id]) => entry(id));
      else if (provider) page = paginateRange(ctx, k.state.txByProvider, req.pagination, range, ([, , id]) => entry(id));
      else if (consumer) page = paginateRange(ctx, k.state.txByConsumer, req.pagination, range, ([, , id]) => entry(id));
      else page = paginateRange(ctx, k.state.txByTime, req.pagination, range, ([, id]) => entry(id));
      return { transactions: page.items, pagination: page.pagination };
    }),

    route(`Transaction`, QueryTransactionRequest, QueryTransactionResponse, (ctx, req: QueryTransactionRequest) => {
      if (!/^[0-9a-f]{64}$/.test(req.id)) throw invalidArgument(`transaction id must be 64 lower-case hex digits, got ${JSON.stringify(req.id)}`);
      const record: ResourceTransaction | undefined = k.state.transactions.get(ctx, new Uint8Array(Buffer.from(req.id, 'hex')));
      if (!record) throw notFound(`resource transaction ${req.id} not found`);
      return { transaction: { id: req.id, record } };
    }),

    route(`Reputation`, QueryReputationRequest, QueryReputationResponse, (ctx, req: QueryReputationRequest) => {
      const { a } = providerOf(ctx, req.provider);
      return { reputation: k.getReputation(ctx, a) };
    }),

    route(`Window`, QueryWindowRequest, QueryWindowResponse, (ctx) => ({ window: k.window(ctx) })),
  ];
}
