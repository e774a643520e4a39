/**
 * `hypermesh localnet start|stop|add-node`: an N-validator network on loopback in DIR (see
 * src/cli/node/localnet.ts and localnet/README.md).
 */
import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { addLocalnetNode, createLocalnet, LOCALNET_POS_PARAMS, readManifest, startLocalnet, startLocalnetNode, stopLocalnet, waitForBlocks, type LocalnetManifest } from '../node/localnet';
import { parseDuration } from '../node/localnet_genesis';
import { intOption } from '../options';

function durationOption(value: string): bigint {
  try {
    return parseDuration(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function nodeList(value: string): number[] {
  return value.split(',').map((s) => intOption(s.trim()));
}

function describe(m: LocalnetManifest, dir: string): string {
  const lines = [
    `localnet ${m.chainId} in ${path.resolve(dir)}: ${m.nodes.length} node(s)`,
    `  params: unbonding_time ${m.params.unbondingTime}, signed_blocks_window ${m.params.signedBlocksWindow}, ` +
      `min_signed_per_window ${m.params.minSignedPerWindow}, downtime_jail_duration ${m.params.downtimeJailDuration}, timeout_commit ${m.params.timeoutCommit}`,
  ];
  for (const n of m.nodes) {
    const role = n.operator ? `validator (operator ${n.operator.address})` : n.validatorKeyOf ? `signs with ${n.validatorKeyOf}'s key` : 'full node';
    lines.push(`  ${n.name}: RPC http://127.0.0.1:${n.ports.rpc}  P2P ${n.ports.p2p}  gRPC ${n.ports.grpc}  API ${n.ports.api}  ${role}  logs ${path.join(n.home, 'logs')}/`);
  }
  lines.push(`  accounts: ${path.join(m.nodes[0].home, 'dev-accounts.json')} (development mnemonics; anyone who reads them controls the funds)`);
  return lines.join('\n') + '\n';
}

export function registerLocalnet(program: Command): void {
  const localnet = program.command('localnet').description('run an N-validator network on this machine (loopback)');

  localnet
    .command('start')
    .description('create DIR (first time) and start its nodes as background processes; returns once all produce blocks')
    .requiredOption('--home <dir>', 'localnet directory (DIR/node0, DIR/node1, ...)')
    .option('--validators <n>', 'number of validators (when creating)', intOption)
    .option('--chain-id <id>', 'chain id (when creating)', 'hypermesh-localnet-1')
    .option('--base-port <port>', 'node i uses port+10i (RPC), +1 (P2P), +2 (gRPC), +3 (API); default: free ports', intOption)
    .option('--timeout-commit <d>', 'CometBFT timeout_commit', '500ms')
    .option('--unbonding-time <d>', 'staking unbonding_time', '2m')
    .option('--signed-blocks-window <n>', 'slashing signed_blocks_window', intOption, Number(LOCALNET_POS_PARAMS.signedBlocksWindow))
    .option('--min-signed-per-window <f>', 'slashing min_signed_per_window', LOCALNET_POS_PARAMS.minSignedPerWindow)
    .option('--downtime-jail-duration <d>', 'slashing downtime_jail_duration', '1m')
    .option('--self-delegation <uhyper>', 'stake of each validator', '100000000')
    .option('--dev-accounts <n>', 'funded development accounts', intOption, 5)
    .option('--dev-balance <uhyper>', 'uhyper of each development and operator account', '1000000000000')
    .option('--minimum-gas-prices <p>', 'each node’s minimum gas prices', '0.01uhyper')
    .option('--node <list>', 'start only these node indexes (comma-separated)', nodeList)
    .action(async (o) => {
      let m = readManifest(o.home);
      if (!m) {
        if (o.validators === undefined) throw new Error(`${o.home} holds no localnet yet: give --validators N to create one`);
        m = await createLocalnet({
          dir: o.home,
          validators: o.validators,
          chainId: o.chainId,
          basePort: o.basePort,
          timeoutCommit: o.timeoutCommit,
          pos: {
            unbondingTimeNs: durationOption(o.unbondingTime),
            signedBlocksWindow: BigInt(o.signedBlocksWindow),
            minSignedPerWindow: o.minSignedPerWindow,
            downtimeJailDurationNs: durationOption(o.downtimeJailDuration),
          },
          selfDelegation: BigInt(o.selfDelegation),
          devAccounts: o.devAccounts,
          devBalance: BigInt(o.devBalance),
          minimumGasPrices: o.minimumGasPrices,
        });
        process.stdout.write(`created ${m.nodes.length} validator homes\n`);
      } else if (o.validators !== undefined && o.validators !== m.nodes.filter((n) => n.operator).length) {
        throw new Error(`${o.home} already holds a localnet of ${m.nodes.filter((n) => n.operator).length} validators; remove it to create another`);
      }
      const started = Date.now();
      await startLocalnet(o.home, { nodes: o.node });
      process.stdout.write(describe(m, o.home));
      process.stdout.write(`producing blocks (${((Date.now() - started) / 1000).toFixed(1)} s); stop with: hypermesh localnet stop --home ${o.home}\n`);
    });

  localnet
    .command('stop')
    .description('stop the nodes of DIR (all, or --node)')
    .requiredOption('--home <dir>', 'localnet directory')
    .option('--node <list>', 'stop only these node indexes (comma-separated)', nodeList)
    .action(async (o) => {
      const n = await stopLocalnet(o.home, { nodes: o.node });
      process.stdout.write(`stopped ${n} node(s)\n`);
    });

  localnet
    .command('add-node')
    .description('add a non-validator node to DIR; with --validator-key-of I it signs with node I’s key (a double signer, for tests)')
    .requiredOption('--home <dir>', 'localnet directory')
    .option('--validator-key-of <i>', 'copy node I’s priv_validator_key.json (fresh signing state)', intOption)
    .option('--base-port <port>', 'ports base (default: free ports)', intOption)
    .option('--start', 'start it and wait for it to sync', false)
    .action(async (o) => {
      const node = await addLocalnetNode(o.home, { validatorKeyOf: o.validatorKeyOf, basePort: o.basePort });
      process.stdout.write(`added ${node.name} (${node.home}), RPC http://127.0.0.1:${node.ports.rpc}\n`);
      if (o.start) {
        startLocalnetNode(node);
        await waitForBlocks([node], 2, 120_000);
        process.stdout.write(`${node.name} is running\n`);
      }
    });
}
