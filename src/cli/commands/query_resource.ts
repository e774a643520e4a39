/**
 * `hypermesh query resource ...`: params, providers, nodes, leases, usage records (by node,
 * provider, consumer and time), reputation, the liveness window. Output is the SDK JSON of the
 * hypermesh.resource.v1 responses (-o json), or that JSON as YAML.
 */
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import {
  QueryClientImpl,
  QueryLeaseResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryNodeResponse,
  QueryNodesResponse,
  QueryParamsResponse,
  QueryProviderNodesResponse,
  QueryProviderResponse,
  QueryProvidersResponse,
  QueryReputationResponse,
  QueryTransactionResponse,
  QueryTransactionsRequest,
  QueryTransactionsResponse,
  QueryWindowResponse,
} from '../../gen/hypermesh/resource/v1/query';
import { LeaseStatus } from '../../gen/hypermesh/resource/v1/resource';
import type { QueryModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withQueryFlags } from '../client/flags';
import { addressArg, queryNode } from '../client/query_inputs';
import { printProto } from '../output/print';
import { intOption, uint64Option } from '../options';

function client(o: Record<string, unknown>) {
  const { flags, node } = queryNode(o);
  return { flags, q: new QueryClientImpl(node.abci(flags.height)) };
}

function page(o: Record<string, any>): PageRequest | undefined {
  if (o.limit === undefined && o.pageKey === undefined && !o.reverse) return undefined;
  return { key: o.pageKey ? new Uint8Array(Buffer.from(o.pageKey, 'base64')) : new Uint8Array(), offset: 0n, limit: BigInt(o.limit ?? 0), countTotal: false, reverse: o.reverse === true };
}

const withPages = (cmd: ReturnType<typeof withQueryFlags>) =>
  cmd
    .option('--limit <n>', 'page size (default 100, at most 1000)', intOption)
    .option('--page-key <base64>', 'next_key of the previous page')
    .option('--reverse', 'newest / highest first', false);

/** "2026-01-02T03:04:05Z" or Unix seconds. */
function timeArg(s: string, what: string): { seconds: bigint; nanos: number } {
  if (/^[0-9]+$/.test(s)) return { seconds: BigInt(s), nanos: 0 };
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new CliError(`${what} ${JSON.stringify(s)} is neither RFC 3339 nor Unix seconds`);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: 0 };
}

const STATUS: Record<string, LeaseStatus> = {
  active: LeaseStatus.LEASE_STATUS_ACTIVE,
  completed: LeaseStatus.LEASE_STATUS_COMPLETED,
  failed: LeaseStatus.LEASE_STATUS_FAILED,
  closed: LeaseStatus.LEASE_STATUS_CLOSED,
};

export const resourceQueryModule: QueryModule = {
  name: 'resource',
  register(query, ctx) {
    const resource = query.command('resource').description('providers, nodes, leases, usage records, reputation');
    const out = ctx.io.stdout;

    withQueryFlags(resource.command('params'))
      .description('the x/resource parameters')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryParamsResponse, await q.Params({}));
        }),
      );

    withPages(withQueryFlags(resource.command('providers')))
      .description('all providers')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryProvidersResponse, await q.Providers({ pagination: page(o) }));
        }),
      );

    withQueryFlags(resource.command('provider <address>'))
      .description('a provider with its liabilities and reputation')
      .action(
        act(async (address: string, o) => {
          addressArg(address, 'provider address');
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryProviderResponse, await q.Provider({ address }));
        }),
      );

    withPages(withQueryFlags(resource.command('nodes')))
      .description('all nodes, or those of one provider')
      .option('--provider <address>', 'only this provider’s nodes')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          if (o.provider) {
            addressArg(o.provider, 'provider address');
            printProto(out, flags.output, QueryProviderNodesResponse, await q.ProviderNodes({ address: o.provider, pagination: page(o) }));
          } else printProto(out, flags.output, QueryNodesResponse, await q.Nodes({ pagination: page(o) }));
        }),
      );

    withQueryFlags(resource.command('node <node-id>'))
      .description('a node (64 hex digits) with its audits')
      .action(
        act(async (nodeId: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryNodeResponse, await q.Node({ nodeId }));
        }),
      );

    withQueryFlags(resource.command('lease <id>'))
      .description('a lease')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryLeaseResponse, await q.Lease({ id: uint64Option(id) }));
        }),
      );

    withPages(withQueryFlags(resource.command('leases')))
      .description('leases, all or of one consumer, provider or node')
      .option('--consumer <address>', 'of this consumer')
      .option('--provider <address>', 'of this provider')
      .option('--node-id <hex>', 'on this node')
      .option('--status <status>', `only ${Object.keys(STATUS).join(', ')}`)
      .action(
        act(async (o) => {
          const status = o.status === undefined ? LeaseStatus.LEASE_STATUS_UNSPECIFIED : STATUS[o.status];
          if (status === undefined) throw new CliError(`--status must be one of ${Object.keys(STATUS).join(', ')}`);
          const { flags, q } = client(o);
          const req = QueryLeasesRequest.fromPartial({ consumer: o.consumer ?? '', provider: o.provider ?? '', nodeId: o.nodeId ?? '', status, pagination: page(o) });
          printProto(out, flags.output, QueryLeasesResponse, await q.Leases(req));
        }),
      );

    withPages(withQueryFlags(resource.command('transactions')))
      .description('usage records (ResourceTransactions) by time, of a node, provider or consumer, between --from and --to')
      .option('--node-id <hex>', 'served by this node')
      .option('--provider <address>', 'of this provider')
      .option('--consumer <address>', 'of this consumer')
      .option('--from <time>', 'earliest timestamp: RFC 3339 or Unix seconds (inclusive)')
      .option('--to <time>', 'latest timestamp (inclusive)')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          const req = QueryTransactionsRequest.fromPartial({
            node: o.nodeId ?? '',
            provider: o.provider ?? '',
            consumer: o.consumer ?? '',
            from: o.from !== undefined ? timeArg(o.from, '--from') : undefined,
            to: o.to !== undefined ? timeArg(o.to, '--to') : undefined,
            pagination: page(o),
          });
          printProto(out, flags.output, QueryTransactionsResponse, await q.Transactions(req));
        }),
      );

    withQueryFlags(resource.command('transaction <id>'))
      .description('a usage record by its BLAKE3 id (64 hex digits)')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryTransactionResponse, await q.Transaction({ id }));
        }),
      );

    withQueryFlags(resource.command('reputation <provider>'))
      .description("a provider's reputation score and the counters behind it")
      .action(
        act(async (provider: string, o) => {
          addressArg(provider, 'provider address');
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryReputationResponse, await q.Reputation({ provider }));
        }),
      );

    withQueryFlags(resource.command('window'))
      .description('the liveness window open now')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryWindowResponse, await q.Window({}));
        }),
      );
  },
};
