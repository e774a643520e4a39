/** `hypermesh query bank balances ADDR [--denom D]`, `query bank total [--denom D]`. */
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { QueryAllBalancesResponse, QueryTotalSupplyResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import type { QueryModule } from '../client/context';
import { act } from '../client/errors';
import { withQueryFlags } from '../client/flags';
import { addressArg, denomArg, queryNode } from '../client/query_inputs';
import { printProto } from '../output/print';

const page = (key: Uint8Array | undefined) => (key ? { key, offset: 0n, limit: 500n, countTotal: false, reverse: false } : undefined);

export const bankQueryModule: QueryModule = {
  name: 'bank',
  register(query, ctx) {
    const bank = query.command('bank').description('balances and supply');
    const out = ctx.io.stdout;

    withQueryFlags(bank.command('balances <address>'))
      .description('all balances of an account, or one denom with --denom')
      .option('--denom <denom>', 'only this denom (prints one coin)')
      .action(
        act(async (address: string, o) => {
          addressArg(address);
          const denom = o.denom === undefined ? undefined : denomArg(o.denom);
          const { flags, node } = queryNode(o);
          const q = node.bank(flags.height);
          if (denom !== undefined) {
            const res = await q.Balance({ address, denom });
            printProto(out, flags.output, Coin, res.balance ?? Coin.fromPartial({ denom, amount: '0' }));
            return;
          }
          const all = QueryAllBalancesResponse.fromPartial({ balances: [], pagination: { nextKey: new Uint8Array(), total: 0n } });
          let key: Uint8Array | undefined;
          do {
            const res = await q.AllBalances({ address, pagination: page(key), resolveDenom: false });
            all.balances.push(...res.balances);
            key = res.pagination?.nextKey?.length ? res.pagination.nextKey : undefined;
          } while (key);
          all.pagination!.total = BigInt(all.balances.length);
          printProto(out, flags.output, QueryAllBalancesResponse, all);
        }),
      );

    withQueryFlags(bank.command('total'))
      .description('the total supply of every denom, or one denom with --denom')
      .option('--denom <denom>', 'only this denom (prints one coin)')
      .action(
        act(async (o) => {
          const denom = o.denom === undefined ? undefined : denomArg(o.denom);
          const { flags, node } = queryNode(o);
          const q = node.bank(flags.height);
          if (denom !== undefined) {
            const res = await q.SupplyOf({ denom });
            printProto(out, flags.output, Coin, res.amount ?? Coin.fromPartial({ denom, amount: '0' }));
            return;
          }
          const all = QueryTotalSupplyResponse.fromPartial({ supply: [], pagination: { nextKey: new Uint8Array(), total: 0n } });
          let key: Uint8Array | undefined;
          do {
            const res = await q.TotalSupply({ pagination: page(key) });
            all.supply.push(...res.supply);
            key = res.pagination?.nextKey?.length ? res.pagination.nextKey : undefined;
          } while (key);
          all.pagination!.total = BigInt(all.supply.length);
          printProto(out, flags.output, QueryTotalSupplyResponse, all);
        }),
      );
  },
};
