/**
 * `hypermesh query` (alias `q`): the module queries (one file each, listed in QUERY_MODULES),
 * and the chain-level ones: `tx HASH` and `block [HEIGHT]`, read from CometBFT's RPC.
 */
import type { Command } from 'commander';
import { TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { Block } from 'cosmjs-types/tendermint/types/block';
import type { CliContext, QueryModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withQueryFlags } from '../client/flags';
import { queryNode, txHashArg } from '../client/query_inputs';
import { txResponseOf } from '../client/tx_response';
import { blockOfRpc, blockText } from '../output/chain';
import { printProto } from '../output/print';
import { heightOption } from '../options';
import { authQueryModule } from './query_auth';
import { bankQueryModule } from './query_bank';
import { resourceQueryModule } from './query_resource';
import { govQueryModule } from './gov_query';
import { marketQueryModule } from './query_market';
import { paychQueryModule } from './query_paych';

/** Every module's queries. A module adds its `query <module>` commands with one file and one line here. */
export const QUERY_MODULES: readonly QueryModule[] = [authQueryModule, bankQueryModule, resourceQueryModule, govQueryModule, marketQueryModule, paychQueryModule];

export function registerQuery(program: Command, ctx: CliContext): void {
  const query = program.command('query').alias('q').description('query the chain state, txs and blocks');
  for (const m of QUERY_MODULES) m.register(query, ctx);
  const { io } = ctx;

  withQueryFlags(query.command('tx <hash>'))
    .description('a committed tx by its hash: result, gas, events and the tx itself')
    .action(
      act(async (hashArg: string, o) => {
        const hash = txHashArg(hashArg);
        const { flags, node } = queryNode(o);
        const found = await node.rpc.tx(hash);
        if (!found) throw new CliError(`tx ${hash} not found on ${node.url}: not committed (yet), or this node does not index txs`);
        const time = await node.rpc
          .header(BigInt(found.height))
          .then((h) => h.header.time)
          .catch(() => '');
        printProto(io.stdout, flags.output, TxResponse, txResponseOf(found, time));
      }),
    );

  withQueryFlags(query.command('block [height]'))
    .description('a block (default: the latest)')
    .action(
      act(async (heightArg: string | undefined, o) => {
        let height: bigint | undefined;
        if (heightArg !== undefined) {
          try {
            height = heightOption(heightArg);
          } catch (e) {
            throw new CliError(`invalid height ${JSON.stringify(heightArg)}: ${(e as Error).message}`);
          }
        }
        const { flags, node } = queryNode(o);
        const result = await node.rpc.block(height ?? flags.height);
        const { block, evidenceCount } = blockOfRpc(result);
        if (evidenceCount > 0 && flags.output === 'json') io.stderr.write(`note: the block has ${evidenceCount} evidence items, not included in this output\n`);
        printProto(io.stdout, flags.output, Block, block, () => blockText(result));
      }),
    );
}
