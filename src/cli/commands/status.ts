/** `hypermesh status`: the node's chain, latest block, sync state and validator (CometBFT /status). */
import type { Command } from 'commander';
import type { CliContext } from '../client/context';
import { act } from '../client/errors';
import { outputOption, withNodeFlag } from '../client/flags';
import { NodeClient, resolveNodeUrl } from '../client/node';
import { defaultHome } from '../node/home';
import { statusText } from '../output/chain';
import { printResult } from '../output/print';

export function registerStatus(program: Command, ctx: CliContext): void {
  withNodeFlag(program.command('status'))
    .description("the node's chain id, latest block, sync state and validator")
    .option('--home <dir>', "node home directory (its config.toml gives the default --node)", defaultHome())
    .addOption(outputOption())
    .action(
      act(async (o) => {
        const node = new NodeClient(resolveNodeUrl(o.node, o.home));
        const status = await node.rpc.status();
        printResult(ctx.io.stdout, o.output, status, () => statusText(status, node.url));
      }),
    );
}
