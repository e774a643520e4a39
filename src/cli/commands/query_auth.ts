/** `hypermesh query auth account ADDR`: the auth module's queries. */
import { QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { sdk } from '../../types/errors';
import type { QueryModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withQueryFlags } from '../client/flags';
import { addressArg, queryNode } from '../client/query_inputs';
import { printProto } from '../output/print';

export const authQueryModule: QueryModule = {
  name: 'auth',
  register(query, ctx) {
    const auth = query.command('auth').description('accounts: number, sequence, public key');
    withQueryFlags(auth.command('account <address>'))
      .description('an account: its type, number, sequence and public key')
      .action(
        act(async (address: string, o) => {
          addressArg(address);
          const { flags, node } = queryNode(o);
          let res: QueryAccountResponse;
          try {
            res = await node.auth(flags.height).Account({ address });
          } catch (e) {
            if (sdk.KeyNotFound.is(e)) throw new CliError(`account ${address} not found: it has never received tokens`);
            throw e;
          }
          printProto(ctx.io.stdout, flags.output, QueryAccountResponse, res);
        }),
      );
  },
};
