/**
 * `hypermesh init`: a CometBFT home (keys, config.toml patched for our app), app.toml, and a
 * genesis with one validator and funded development accounts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sdkGenesisCodec } from '../../app/genesis_codec';
import { defaultAppState } from '../../app/app';
import { coin } from '../../types/coins';
import { renderAppConfig } from './app_config';
import { cometbftBinary } from './cometbft_binary';
import { addGenesisAccounts, BASE_DENOM } from './genesis_accounts';
import { addGenTxs, buildGenTx, parseDuration, readConsensusPubKey, setPosParams, type PosParams } from './localnet_genesis';
import { readGenesis, writeGenesis } from './genesis_file';
import { homePaths, type HomePaths } from './home';
import { setTomlValues } from './toml_edit';

export { DEFAULT_PORTS, type Ports } from './ports';
import type { Ports } from './ports';

export interface InitOptions {
  home: string;
  chainId: string;
  moniker: string;
  ports: Ports;
  /** timeout_commit, e.g. "1s". */
  timeoutCommit: string;
  devAccounts: number;
  /** uhyper given to each development account. */
  devBalance: bigint;
  minimumGasPrices: string;
  overwrite: boolean;
  /** Mempool size (txs); CometBFT's default of 5,000 caps throughput. */
  mempoolSize?: number;
  /** uhyper the node's validator self-delegates in its gentx (default 100 HYPER). */
  selfDelegation?: bigint;
  /** Staking/slashing params of the devnet (default: DEVNET_POS_PARAMS). */
  pos?: PosParams;
}

/** A devnet's short periods: unbonding completes in a minute. */
export const DEVNET_POS_PARAMS: PosParams = { unbondingTimeNs: parseDuration('60s') };
export const DEFAULT_SELF_DELEGATION = 100_000_000n;
/** The name of the validator's operator account in dev-accounts.json. */
export const OPERATOR_ACCOUNT = 'validator';

export interface DevAccount {
  name: string;
  address: string;
  mnemonic: string;
}

export interface InitResult {
  paths: HomePaths;
  /** The funded accounts of dev-accounts.json: dev0..devN-1, then the validator operator. */
  devAccounts: DevAccount[];
  /** The account that operates this node's validator (self-delegation, commission, unjail). */
  operator: DevAccount;
  nodeId: string;
}

export async function initHome(o: InitOptions): Promise<InitResult> {
  const paths = homePaths(o.home);
  if (fs.existsSync(paths.genesis) && !o.overwrite) {
    throw new Error(`${paths.home} is already initialised (${paths.genesis} exists); use --overwrite to replace it`);
  }
  if (o.overwrite) {
    for (const p of [paths.configDir, paths.dataDir, paths.devAccounts]) fs.rmSync(p, { recursive: true, force: true });
  }
  fs.mkdirSync(paths.logsDir, { recursive: true });
  const cometbft = cometbftBinary();
  execFileSync(cometbft, ['init', '--home', paths.home], { stdio: 'pipe' });
  const nodeId = execFileSync(cometbft, ['show-node-id', '--home', paths.home], { encoding: 'utf8' }).trim();

  const socket = `unix://${path.join(paths.dataDir, 'app.sock')}`;
  const config = setTomlValues(fs.readFileSync(paths.cometConfig, 'utf8'), {
    '': { proxy_app: socket, moniker: o.moniker, log_level: 'info' },
    rpc: { laddr: `tcp://127.0.0.1:${o.ports.rpc}`, max_body_bytes: 10_000_000, max_subscription_clients: 200, timeout_broadcast_tx_commit: '30s' },
    p2p: { laddr: `tcp://127.0.0.1:${o.ports.p2p}`, addr_book_strict: false, allow_duplicate_ip: true },
    mempool: { size: o.mempoolSize ?? 50_000, cache_size: 100_000 },
    consensus: { timeout_commit: o.timeoutCommit },
    tx_index: { indexer: 'kv' },
    instrumentation: { prometheus: false },
  });
  fs.writeFileSync(paths.cometConfig, config);
  fs.writeFileSync(
    paths.appConfig,
    renderAppConfig({
      abciAddress: socket,
      grpcAddress: `127.0.0.1:${o.ports.grpc}`,
      apiAddress: `127.0.0.1:${o.ports.api}`,
      minimumGasPrices: o.minimumGasPrices,
    }),
  );

  const devAccounts: DevAccount[] = [];
  for (let i = 0; i < o.devAccounts; i++) {
    const mnemonic = generateMnemonic(wordlist, 256);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: 'hyper' });
    const [account] = await wallet.getAccounts();
    devAccounts.push({ name: `dev${i}`, address: account.address, mnemonic });
  }
  // the validator's operator: funded like a dev account, self-delegates in the gentx below
  const operatorMnemonic = generateMnemonic(wordlist, 256);
  const [operatorAccount] = await (await DirectSecp256k1HdWallet.fromMnemonic(operatorMnemonic, { prefix: 'hyper' })).getAccounts();
  const operator: DevAccount = { name: OPERATOR_ACCOUNT, address: operatorAccount.address, mnemonic: operatorMnemonic };
  devAccounts.push(operator);

  const genesis = readGenesis(paths.genesis);
  genesis.chain_id = o.chainId;
  genesis.initial_height = '1';
  genesis.consensus_params.block.max_gas = '1000000000';
  const appState = defaultAppState(sdkGenesisCodec);
  addGenesisAccounts(
    appState,
    devAccounts.map((a) => ({ address: a.address, coins: [coin(o.devBalance, BASE_DENOM)] })),
  );
  // proof of stake: the validator set comes from the gentx at InitChain, not from genesis.json
  setPosParams(appState, o.pos ?? DEVNET_POS_PARAMS);
  const gentx = await buildGenTx({
    chainId: o.chainId,
    operatorMnemonic,
    accountNumber: BigInt(devAccounts.length - 1),
    consensusPubKey: readConsensusPubKey(paths.configDir),
    selfDelegation: o.selfDelegation ?? DEFAULT_SELF_DELEGATION,
    moniker: o.moniker,
  });
  addGenTxs(appState, [gentx]);
  genesis.validators = [];
  genesis.app_state = appState;
  writeGenesis(paths.genesis, genesis);

  fs.writeFileSync(
    paths.devAccounts,
    JSON.stringify(devAccounts, null, 2) + '\n',
    { mode: 0o600 },
  );
  return { paths, devAccounts, operator, nodeId };
}

/** The warning printed with dev-accounts.json. */
export const DEV_ACCOUNTS_WARNING =
  'dev-accounts.json holds the mnemonics of funded test accounts of this devnet. They are for development only: anyone who reads the file controls the funds.';
