/** hypermesh.paych.v1.Query: gRPC method paths over ABCI query. */
import {
  QueryChannelRequest,
  QueryChannelResponse,
  QueryChannelsRequest,
  QueryChannelsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from '../../src/gen/hypermesh/paych/v1/query';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { PaychKeeper } from './keeper';

const Q = '/hypermesh.paych.v1.Query/';

function route<Q, R>(path: string, request: QueryRoute<Q, R>['request'], response: QueryRoute<Q, R>['response'], handle: (ctx: Context, req: Q) => R): QueryRoute<Q, R> {
  return { path: Q + path, request, response, handle };
}

export function paychQueries(k: PaychKeeper, addrs: AddressCodec): QueryRoute[] {
  const address = (s: string, what: string) => {
    try {
      return addrs.decode(s);
    } catch (e) {
      throw invalidArgument(`${what}: ${(e as Error).message}`);
    }
  };
  return [
    route('Params', QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: k.params(ctx) })),
    route('Channel', QueryChannelRequest, QueryChannelResponse, (ctx, req: QueryChannelRequest) => {
      const channel = k.state.channels.get(ctx, req.id);
      if (!channel) throw notFound(`channel ${req.id} not found (collected channels are removed)`);
      return { channel, lanes: k.lanes(ctx, req.id) };
    }),
    route('Channels', QueryChannelsRequest, QueryChannelsResponse, (ctx, req: QueryChannelsRequest) => {
      if (req.payer !== '' && req.payee !== '') throw invalidArgument('give payer or payee, not both');
      if (req.payer !== '' || req.payee !== '') {
        const [map, who] = req.payer !== '' ? [k.state.channelsByPayer, address(req.payer, 'payer')] : [k.state.channelsByPayee, address(req.payee, 'payee')];
        const page = paginate(ctx, map, req.pagination, ([, id]) => k.state.channels.get(ctx, id), CMap.prefixOf(keys.bytes, who));
        return { channels: page.items, pagination: page.pagination };
      }
      const page = paginate(ctx, k.state.channels, req.pagination, (_id, c) => c);
      return { channels: page.items, pagination: page.pagination };
    }),
  ];
}
