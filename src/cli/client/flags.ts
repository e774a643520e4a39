/**
 * The flags every tx command and every query command takes, as simd/gaiad name them, and their
 * parsing into typed values (bad combinations are refused here, before anything is read or sent).
 */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { KEYRING_BACKENDS, type KeyringBackend } from '../../crypto/keyring';
import type { Coins } from '../../types/coins';
import type { Dec } from '../../types/dec';
import type { DecCoins } from '../../types/dec_coins';
import { loadAppConfig } from '../node/app_config';
import { defaultHome, homePaths } from '../node/home';
import { heightOption, secondsOption, uint64Option } from '../options';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/print';
import { parseAmountArg } from './amounts';
import { CliError } from './errors';
import { DEFAULT_GAS_ADJUSTMENT, parseGasAdjustment, parseGasPrices, parseGasSetting, type GasSetting } from './fees';
import { DEFAULT_KEYRING_BACKEND, type KeyringFlags } from './keyring';
import { SIGN_MODES, type SignModeName } from './tx_build';

/** Used when neither --fees nor --gas-prices is given and the home has no app.toml. */
export const FALLBACK_GAS_PRICES = '0.01uhyper';
export const DEFAULT_WAIT_SECONDS = 60;

export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('text');
}

export function waitTimeoutOption(): Option {
  return new Option('--wait-timeout <seconds>', 'how long to wait for the tx to be included in a block')
    .argParser(secondsOption)
    .default(DEFAULT_WAIT_SECONDS * 1000, `${DEFAULT_WAIT_SECONDS}`);
}

/** --home, --keyring-backend, --keyring-dir. */
export function withKeyringFlags(cmd: Command, defaultBackend: KeyringBackend = DEFAULT_KEYRING_BACKEND): Command {
  return cmd
    .option('--home <dir>', 'node home directory (keys live in its keyring-<backend>/)', defaultHome())
    .addOption(new Option('--keyring-backend <backend>', 'keyring backend: file (encrypted) or test (plaintext, development only)').choices(KEYRING_BACKENDS).default(defaultBackend))
    .option('--keyring-dir <dir>', 'directory holding keyring-<backend>/ (default: --home)');
}

export function keyringFlagsOf(o: Record<string, any>): KeyringFlags {
  return { home: o.home, keyringDir: o.keyringDir, keyringBackend: o.keyringBackend as KeyringBackend };
}

export function withNodeFlag(cmd: Command): Command {
  return cmd.option('--node <url>', "CometBFT RPC of the node (default: the RPC address in --home's config.toml, else http://127.0.0.1:26657)");
}

/** The generic tx flags (every `tx ...` command). */
export function withTxFlags(cmd: Command): Command {
  withKeyringFlags(withNodeFlag(cmd));
  return cmd
    .option('--chain-id <id>', 'chain id (default: the node’s; with --offline it is required)')
    .option('--gas <limit>', 'gas limit, or "auto" to simulate and multiply by --gas-adjustment (default 200000)')
    .option('--gas-adjustment <x>', 'factor applied to the simulated gas with --gas auto', DEFAULT_GAS_ADJUSTMENT)
    .option('--gas-prices <prices>', `price per unit of gas, e.g. 0.01uhyper; fee = ceil(price × gas) (default: minimum-gas-prices of --home's app.toml, else ${FALLBACK_GAS_PRICES})`)
    .option('--fees <coins>', 'the fee, e.g. 2000uhyper (instead of --gas-prices)')
    .option('--memo <text>', 'memo', '')
    .option('-y, --yes', 'sign and broadcast without asking for confirmation', false)
    .option('--generate-only', 'print the unsigned tx (SDK JSON) instead of signing it; FROM may be an address not in the keyring', false)
    .option('--offline', 'do not contact a node (needs --chain-id, and --account-number and --sequence unless --generate-only)', false)
    .option('--account-number <n>', 'account number of the signer (default: from the node)', uint64Option)
    .option('--sequence <n>', 'sequence of the signer (default: from the node)', uint64Option)
    .addOption(new Option('--sign-mode <mode>', 'sign mode').choices(SIGN_MODES).default('direct'))
    .addOption(waitTimeoutOption())
    .addOption(outputOption());
}

export interface TxFlags extends KeyringFlags {
  readonly node?: string;
  readonly chainId?: string;
  readonly gas: GasSetting;
  readonly gasAdjustment: Dec;
  readonly gasPrices?: DecCoins;
  readonly fees?: Coins;
  readonly memo: string;
  readonly yes: boolean;
  readonly generateOnly: boolean;
  readonly offline: boolean;
  readonly accountNumber?: bigint;
  readonly sequence?: bigint;
  readonly signMode: SignModeName;
  readonly waitTimeoutMs: number;
  readonly output: OutputFormat;
}

export function txFlagsOf(o: Record<string, any>): TxFlags {
  if (o.fees !== undefined && o.gasPrices !== undefined) throw new CliError('give either --fees or --gas-prices, not both');
  const gas = parseGasSetting(o.gas);
  if (o.offline && gas.auto) throw new CliError('--gas auto simulates the tx on a node; it cannot be combined with --offline');
  if (o.offline && !o.generateOnly && !o.chainId) throw new CliError('--offline signing needs --chain-id');
  if (o.offline && !o.generateOnly && (o.accountNumber === undefined || o.sequence === undefined)) {
    throw new CliError('--offline signing needs --account-number and --sequence');
  }
  return {
    ...keyringFlagsOf(o),
    node: o.node,
    chainId: o.chainId,
    gas,
    gasAdjustment: parseGasAdjustment(String(o.gasAdjustment)),
    gasPrices: o.gasPrices !== undefined ? parseGasPrices(o.gasPrices) : undefined,
    fees: o.fees !== undefined ? parseFees(o.fees) : undefined,
    memo: o.memo ?? '',
    yes: o.yes === true,
    generateOnly: o.generateOnly === true,
    offline: o.offline === true,
    accountNumber: o.accountNumber,
    sequence: o.sequence,
    signMode: o.signMode,
    waitTimeoutMs: o.waitTimeout,
    output: o.output,
  };
}

function parseFees(s: string): Coins {
  if (/^\s*0+\s*[a-zA-Z][a-zA-Z0-9/:._-]*\s*$/.test(s)) return []; // an explicit zero fee
  return parseAmountArg(s, '--fees');
}

/** Gas prices when no flag gives them: the home's app.toml minimum-gas-prices, else 0.01uhyper. */
export function defaultGasPrices(home: string): DecCoins {
  const file = homePaths(home).appConfig;
  if (fs.existsSync(file)) {
    try {
      const prices = loadAppConfig(file).minimumGasPrices;
      if (prices.length > 0) return prices;
    } catch {
      // an app.toml we cannot read: fall back
    }
  }
  return parseGasPrices(FALLBACK_GAS_PRICES);
}

/** The flags of every query command: --node, --height, --output, --home (for the node address). */
export function withQueryFlags(cmd: Command): Command {
  return withNodeFlag(cmd)
    .option('--height <n>', 'query the state at this height (default: the latest)', heightOption)
    .option('--home <dir>', "node home directory (its config.toml gives the default --node)", defaultHome())
    .addOption(outputOption());
}

export interface QueryFlags {
  readonly node?: string;
  readonly height?: bigint;
  readonly home: string;
  readonly output: OutputFormat;
}

export function queryFlagsOf(o: Record<string, any>): QueryFlags {
  return { node: o.node, height: o.height, home: o.home, output: o.output };
}
