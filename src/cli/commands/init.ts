/** `hypermesh init`: create a node home with a single-validator devnet genesis. */
import type { Command } from 'commander';
import { DEFAULT_PORTS } from '../node/ports';
import { defaultHome } from '../node/home';
import { intOption } from '../options';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a node home: CometBFT config and keys, app.toml, and a devnet genesis with funded dev accounts')
    .option('--home <dir>', 'node home directory', defaultHome())
    .option('--chain-id <id>', 'chain id', 'hypermesh-devnet-1')
    .option('--moniker <name>', 'node name', 'hypermesh-node')
    .option('--rpc-port <n>', 'CometBFT RPC port', intOption, DEFAULT_PORTS.rpc)
    .option('--p2p-port <n>', 'CometBFT P2P port', intOption, DEFAULT_PORTS.p2p)
    .option('--grpc-port <n>', 'gRPC port', intOption, DEFAULT_PORTS.grpc)
    .option('--api-port <n>', 'REST API and explorer port', intOption, DEFAULT_PORTS.api)
    .option('--timeout-commit <d>', 'CometBFT timeout_commit', '1s')
    .option('--dev-accounts <n>', 'number of funded development accounts', intOption, 5)
    .option('--dev-balance <uhyper>', 'uhyper given to each development account', '1000000000000')
    .option('--minimum-gas-prices <p>', 'this node’s minimum gas prices', '0.01uhyper')
    .option('--overwrite', 'replace an existing home', false)
    .action(async (o) => {
      const { DEV_ACCOUNTS_WARNING, initHome } = await import('../node/init_home');
      const res = await initHome({
        home: o.home,
        chainId: o.chainId,
        moniker: o.moniker,
        ports: { rpc: o.rpcPort, p2p: o.p2pPort, grpc: o.grpcPort, api: o.apiPort },
        timeoutCommit: o.timeoutCommit,
        devAccounts: o.devAccounts,
        devBalance: BigInt(o.devBalance),
        minimumGasPrices: o.minimumGasPrices,
        overwrite: o.overwrite,
      });
      process.stdout.write(
        [
          `initialised ${res.paths.home} for chain ${o.chainId} (node id ${res.nodeId})`,
          `  genesis:      ${res.paths.genesis}`,
          `  dev accounts: ${res.paths.devAccounts} (${res.devAccounts.length} accounts)`,
          `  WARNING: ${DEV_ACCOUNTS_WARNING}`,
          `start it with: hypermesh start --home ${res.paths.home}`,
          '',
        ].join('\n'),
      );
    });
}
