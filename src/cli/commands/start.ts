/** `hypermesh start`: run the app and CometBFT, print the chain as it grows, stop cleanly on signals. */
import type { Command } from 'commander';
import { defaultHome } from '../node/home';
import { VERSION } from '../version';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the node: the HyperMesh app and CometBFT (supervised), with RPC, gRPC, REST and the explorer')
    .option('--home <dir>', 'node home directory', defaultHome())
    .option('--quiet', 'do not print a line per block', false)
    .action(async (o) => {
      // loaded here, not at the top: every other command starts faster without the whole app
      const { startNode } = await import('../node/run_node');
      const node = await startNode({
        home: o.home,
        version: VERSION,
        onBlock: o.quiet
          ? undefined
          : (height, hash, txs) =>
              process.stdout.write(`height ${height}  txs ${txs}  app_hash ${Buffer.from(hash).toString('hex').toUpperCase()}\n`),
      });
      process.stdout.write(
        [
          `hypermesh ${VERSION} running chain ${node.chainId} from ${node.paths.home}`,
          `  CometBFT RPC: ${node.rpcAddress}`,
          `  gRPC:         ${node.grpcAddress ?? 'off ([grpc] enable = false)'}`,
          `  REST (LCD):   ${node.restUrl ?? 'off ([api] enable = false)'}`,
          `  explorer:     ${node.explorerUrl ? `${node.explorerUrl}/` : 'off'}`,
          `  logs:         ${node.paths.logsDir}/`,
          'press Ctrl-C to stop',
          '',
        ].join('\n'),
      );
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.on(sig, () => {
          process.stdout.write(`\n${sig}: stopping...\n`);
          void node.stop(sig);
        });
      }
      process.exitCode = await node.done;
    });
}
