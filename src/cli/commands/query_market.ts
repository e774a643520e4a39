/**
 * `hypermesh query market ...`: params, order book depth, orders, trades, last and reference
 * price, workload requests with their bids, leases. Output is the SDK JSON of the
 * hypermesh.market.v1 responses (-o json), or that JSON as YAML.
 */
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import {
  QueryClientImpl,
  QueryLeaseResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryOrderBookRequest,
  QueryOrderBookResponse,
  QueryOrderResponse,
  QueryOrdersRequest,
  QueryOrdersResponse,
  QueryParamsResponse,
  QueryPriceResponse,
  QueryRequestResponse,
  QueryRequestsRequest,
  QueryRequestsResponse,
  QueryTradesRequest,
  QueryTradesResponse,
} from '../../gen/hypermesh/market/v1/query';
import { RequestStatus, Side } from '../../gen/hypermesh/market/v1/market';
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
  cmd.option('--limit <n>', 'page size (default 100, at most 1000)', intOption).option('--page-key <base64>', 'next_key of the previous page').option('--reverse', 'newest / highest first', false);

const STATUS: Record<string, RequestStatus> = {
  open: RequestStatus.REQUEST_STATUS_OPEN,
  matched: RequestStatus.REQUEST_STATUS_MATCHED,
  unmatched: RequestStatus.REQUEST_STATUS_UNMATCHED,
  canceled: RequestStatus.REQUEST_STATUS_CANCELED,
};

export const marketQueryModule: QueryModule = {
  name: 'market',
  register(query, ctx) {
    const market = query.command('market').description('order books, trades, prices, workload requests, leases');
    const out = ctx.io.stdout;

    withQueryFlags(market.command('params'))
      .description('the x/market parameters')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryParamsResponse, await q.Params({}));
        }),
      );

    withPages(withQueryFlags(market.command('book <denom>')))
      .description('aggregated price levels of DENOM/uhyper, best first (both sides; --side buy|sell pages one side)')
      .option('--side <buy|sell>', 'one side, paginated')
      .action(
        act(async (denom: string, o) => {
          const side = o.side === undefined ? Side.SIDE_UNSPECIFIED : o.side === 'buy' ? Side.SIDE_BUY : o.side === 'sell' ? Side.SIDE_SELL : undefined;
          if (side === undefined) throw new CliError('--side must be buy or sell');
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryOrderBookResponse, await q.OrderBook(QueryOrderBookRequest.fromPartial({ denom, side, pagination: page(o) })));
        }),
      );

    withQueryFlags(market.command('order <id>'))
      .description('a queued or resting order')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryOrderResponse, await q.Order({ id: uint64Option(id) }));
        }),
      );

    withPages(withQueryFlags(market.command('orders <owner>')))
      .description("an owner's queued and resting orders")
      .option('--denom <denom>', 'only this pair')
      .action(
        act(async (owner: string, o) => {
          addressArg(owner, 'owner address');
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryOrdersResponse, await q.Orders(QueryOrdersRequest.fromPartial({ owner, denom: o.denom ?? '', pagination: page(o) })));
        }),
      );

    withPages(withQueryFlags(market.command('trades <denom>')))
      .description('trades of DENOM/uhyper by height (--from-height/--to-height, inclusive)')
      .option('--from-height <h>', 'first height', uint64Option)
      .option('--to-height <h>', 'last height', uint64Option)
      .action(
        act(async (denom: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryTradesResponse, await q.Trades(QueryTradesRequest.fromPartial({ denom, fromHeight: o.fromHeight ?? 0n, toHeight: o.toHeight ?? 0n, pagination: page(o) })));
        }),
      );

    withQueryFlags(market.command('price <denom>'))
      .description('last trade price and reference price (TWAP, or the x/resource param without trades)')
      .action(
        act(async (denom: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryPriceResponse, await q.Price({ denom }));
        }),
      );

    withPages(withQueryFlags(market.command('requests')))
      .description('workload requests (reverse auctions)')
      .option('--consumer <address>', 'of this consumer')
      .option('--status <status>', `only ${Object.keys(STATUS).join(', ')}`)
      .action(
        act(async (o) => {
          const status = o.status === undefined ? RequestStatus.REQUEST_STATUS_UNSPECIFIED : STATUS[o.status];
          if (status === undefined) throw new CliError(`--status must be one of ${Object.keys(STATUS).join(', ')}`);
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryRequestsResponse, await q.Requests(QueryRequestsRequest.fromPartial({ consumer: o.consumer ?? '', status, pagination: page(o) })));
        }),
      );

    withQueryFlags(market.command('request <id>'))
      .description('a request with its bids in winning order (while open)')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryRequestResponse, await q.Request({ id: uint64Option(id) }));
        }),
      );

    withPages(withQueryFlags(market.command('leases')))
      .description('market leases')
      .option('--consumer <address>', 'of this consumer')
      .option('--provider <address>', 'of this provider')
      .option('--active', 'only active leases', false)
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryLeasesResponse, await q.Leases(QueryLeasesRequest.fromPartial({ consumer: o.consumer ?? '', provider: o.provider ?? '', activeOnly: o.active, pagination: page(o) })));
        }),
      );

    withQueryFlags(market.command('lease <id>'))
      .description('a market lease: escrow, stream, SLA record')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryLeaseResponse, await q.Lease({ id: uint64Option(id) }));
        }),
      );
  },
};
