/** `hypermesh query paych ...`: params, a channel with its lanes, channels of a payer or payee. */
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { QueryChannelResponse, QueryChannelsRequest, QueryChannelsResponse, QueryClientImpl, QueryParamsResponse } from '../../gen/hypermesh/paych/v1/query';
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
  if (o.limit === undefined && o.pageKey === undefined) return undefined;
  return { key: o.pageKey ? new Uint8Array(Buffer.from(o.pageKey, 'base64')) : new Uint8Array(), offset: 0n, limit: BigInt(o.limit ?? 0), countTotal: false, reverse: false };
}

export const paychQueryModule: QueryModule = {
  name: 'paych',
  register(query, ctx) {
    const paych = query.command('paych').description('payment channels');
    const out = ctx.io.stdout;

    withQueryFlags(paych.command('params'))
      .description('the x/paych parameters')
      .action(
        act(async (o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryParamsResponse, await q.Params({}));
        }),
      );

    withQueryFlags(paych.command('channel <id>'))
      .description('a channel (deposit, redeemed, settling height) with its lanes')
      .action(
        act(async (id: string, o) => {
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryChannelResponse, await q.Channel({ id: uint64Option(id) }));
        }),
      );

    withQueryFlags(paych.command('channels'))
      .description('open channels, all or of one payer or payee')
      .option('--payer <address>', 'of this payer')
      .option('--payee <address>', 'of this payee')
      .option('--limit <n>', 'page size', intOption)
      .option('--page-key <base64>', 'next_key of the previous page')
      .action(
        act(async (o) => {
          if (o.payer && o.payee) throw new CliError('give --payer or --payee, not both');
          if (o.payer) addressArg(o.payer, 'payer address');
          if (o.payee) addressArg(o.payee, 'payee address');
          const { flags, q } = client(o);
          printProto(out, flags.output, QueryChannelsResponse, await q.Channels(QueryChannelsRequest.fromPartial({ payer: o.payer ?? '', payee: o.payee ?? '', pagination: page(o) })));
        }),
      );
  },
};
