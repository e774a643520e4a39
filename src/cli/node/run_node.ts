/**
 * Runs a node: opens the state in LevelDB, starts the app's ABCI server, spawns CometBFT on it
 * and supervises it; serves gRPC, the REST gateway and the explorer (app.toml [grpc], [api],
 * [explorer]). CometBFT exits when an ABCI connection breaks and never retries, so any
 * CometBFT exit is fatal for the node; a fatal app error (in FinalizeBlock or Commit) stops
 * CometBFT first so no block is half-applied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { RequestFinalizeBlock, RequestQuery, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { AbciServer } from '../../abci/server';
import type { Application } from '../../abci/application';
import type { Logger } from '../../abci/logger';
import { createHyperMeshApp, STORE_NAMES } from '../../app/app';
import { sdkGenesisCodec } from '../../app/genesis_codec';
import { RootMultiStore } from '../../store/root_multistore';
import { VerifyPool } from '../../crypto/verify_pool';
import { serveExplorer, startExplorer, type Explorer } from '../../explorer';
import { startApiServices, type ApiServices } from '../../grpc';
import { loadAppConfig, type AppConfig } from './app_config';
import { cometbftBinary } from './cometbft_binary';
import { readGenesis } from './genesis_file';
import { homePaths, type HomePaths } from './home';

/** Longest stretch of FinalizeBlock work between two chances for queries to run. */
const FINALIZE_SLICE_MS = 5;

export interface NodeOptions {
  home: string;
  version: string;
  /** Called after each commit with the height and app hash. */
  onBlock?: (height: number, appHash: Uint8Array, txs: number) => void;
  /** Where the app's own log lines go (default: DIR/logs/app.log). */
  logger?: Logger;
}

export interface RunningNode {
  paths: HomePaths;
  config: AppConfig;
  rpcAddress: string;
  chainId: string;
  /** "host:port" of the gRPC server (absent when [grpc] enable = false). */
  grpcAddress?: string;
  /** URL of the REST gateway (absent when [api] enable = false). */
  restUrl?: string;
  /** URL of the explorer (absent when [explorer] enable = false). */
  explorerUrl?: string;
  /** Resolves with the exit code the process should use when the node has stopped. */
  done: Promise<number>;
  /** Stops CometBFT, then the app; resolves when both are down. */
  stop(reason?: string): Promise<void>;
}

export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const paths = homePaths(o.home);
  if (!fs.existsSync(paths.genesis)) throw new Error(`${paths.home} is not initialised: run \`hypermesh init --home ${o.home}\` first`);
  const config = loadAppConfig(paths.appConfig);
  const genesis = readGenesis(paths.genesis);
  fs.mkdirSync(paths.logsDir, { recursive: true });
  const logger: Logger = o.logger ?? pino({ level: 'info' }, pino.destination({ dest: path.join(paths.logsDir, 'app.log'), sync: false }));

  const cms = await RootMultiStore.open({ path: paths.appDb, storeNames: STORE_NAMES, pruning: config.pruning });
  // Verification threads only where there are spare cores: this thread and CometBFT take two, and
  // on a 2-core machine a worker only competes with them (measured: -15% throughput).
  const verifyPool = VerifyPool.create(Math.min(4, os.cpus().length - 2));
  const { app, registry } = createHyperMeshApp({
    chainId: genesis.chain_id,
    version: o.version,
    cms,
    minGasPrices: config.minimumGasPrices,
    genesisCodec: sdkGenesisCodec,
    logger,
    verifyPool,
  });

  let finishing: Promise<void> | undefined;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));
  let exitCode = 0;
  let comet: ChildProcess | undefined;

  const rpcAddress = cometRpcAddress(fs.readFileSync(paths.cometConfig, 'utf8'));
  // The explorer is on the API server unless it has its own address; it needs some server.
  const explorerOn = config.explorer.enable && (config.explorer.address !== '' || config.api.enable);
  let explorer: Explorer | undefined;
  let explorerServer: HttpServer | undefined;
  let api: ApiServices | undefined;
  if (explorerOn) {
    explorer = await startExplorer({ dataDir: paths.dataDir, chainId: genesis.chain_id, rpcUrl: rpcAddress, query: app, registry, logger });
  }

  // Report each committed block (and feed it to the explorer).
  const commit = app.commit.bind(app);
  let lastTxs = 0;
  let last: { req: RequestFinalizeBlock; res: ResponseFinalizeBlock } | undefined;
  // FinalizeBlock in slices of FINALIZE_SLICE_MS: queries are answered between them
  (app as Pick<Application, 'finalizeBlock'>).finalizeBlock = async (req: RequestFinalizeBlock) => {
    lastTxs = req.txs.length;
    const res = await app.finalizeBlockSliced(req, FINALIZE_SLICE_MS);
    last = { req, res };
    return res;
  };
  // a query for the block being run waits for its commit (see BaseApp.whenCommitted)
  const query = app.query.bind(app);
  (app as Pick<Application, 'query'>).query = (req: RequestQuery) => {
    const committed = app.whenCommitted(req.height);
    return committed ? committed.then(() => query(req)) : query(req);
  };
  app.commit = async () => {
    const res = await commit();
    const id = cms.lastCommitId();
    if (explorer && last) explorer.onBlock(last.req, last.res, id.hash);
    last = undefined;
    o.onBlock?.(id.version, id.hash, lastTxs);
    return res;
  };

  const server = new AbciServer(app, {
    logger,
    lookahead: (txs) => app.lookahead(txs),
    onFatal: (err, type) => {
      const msg = `fatal: ${type} failed: ${(err as Error)?.stack ?? String(err)}`;
      logger.error({ err }, msg);
      process.stderr.write(`hypermesh: ${msg}\nstopping the node so that state cannot diverge\n`);
      exitCode = 1;
      void stop('fatal application error');
    },
  });
  await server.listen(config.abciAddress);

  // gRPC and REST start while CometBFT starts (loading the descriptors takes a few hundred ms).
  const apiStarting = startApiServices({
    app,
    heights: { latest: () => cms.lastCommitId().version, earliest: () => cms.earliestVersion, whenCommitted: (h) => app.whenCommitted(BigInt(h)) },
    chainId: genesis.chain_id,
    appName: 'hypermesh',
    appVersion: o.version,
    rpcUrl: rpcAddress,
    grpcAddress: config.grpc.enable ? config.grpc.address : undefined,
    apiAddress: config.api.enable ? config.api.address : undefined,
    cors: { allowedOrigins: config.api.corsAllowedOrigins, unsafeAll: config.api.enabledUnsafeCors },
    explorer: explorer && config.explorer.address === '' ? explorer.handler : undefined,
    minimumGasPrices: config.minimumGasPrices,
    minimumGasPricesText: config.minimumGasPricesText,
    pruningKeepRecent: config.pruning.strategy === 'custom' ? String(config.pruning.keepRecent) : '0',
    pruningInterval: config.pruning.strategy === 'custom' ? String(config.pruning.interval) : '0',
    logger,
  });
  apiStarting.catch(() => undefined); // awaited below, after CometBFT is spawned

  const cometLog = fs.openSync(path.join(paths.logsDir, 'cometbft.log'), 'a');
  comet = spawn(cometbftBinary(), ['node', '--home', paths.home], { stdio: ['ignore', cometLog, cometLog] });
  fs.closeSync(cometLog);
  comet.on('exit', (code, signal) => {
    comet = undefined;
    if (!finishing) {
      process.stderr.write(`hypermesh: cometbft exited (${signal ?? `code ${code}`}); see ${path.join(paths.logsDir, 'cometbft.log')}\n`);
      exitCode = 1;
      void stop('cometbft exited');
    }
  });
  fs.writeFileSync(paths.pidFile, `${process.pid}\n`);

  let explorerUrl: string | undefined;
  try {
    api = await apiStarting;
    if (finishing) await api.close(); // the node stopped while they were starting
    else if (explorer && config.explorer.address !== '') {
      explorerServer = await serveExplorer(explorer.handler, config.explorer.address);
      const a = explorerServer.address() as { address: string; port: number };
      explorerUrl = `http://${config.explorer.address.replace(/^tcp:\/\//, '').replace(/:\d+$/, '')}:${a.port}`;
    } else if (explorer) explorerUrl = api.restUrl;
  } catch (err) {
    process.stderr.write(`hypermesh: cannot serve gRPC/REST/explorer: ${(err as Error).message}\n`);
    exitCode = 1;
    await stop('api servers failed to start');
    throw err;
  }

  async function stop(reason = 'stopped'): Promise<void> {
    finishing ??= (async () => {
      logger.info({ reason }, 'stopping node');
      await api?.close();
      if (explorerServer) {
        const closed = new Promise<void>((r) => explorerServer!.close(() => r()));
        explorerServer.closeAllConnections(); // its live (SSE) streams would hold close() open
        await closed;
      }
      if (comet) {
        const c = comet;
        const exited = new Promise<void>((r) => c.once('exit', () => r()));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await server.close();
      await explorer?.close();
      await verifyPool?.close();
      await cms.close();
      fs.rmSync(paths.pidFile, { force: true });
      resolveDone(exitCode);
    })();
    return finishing;
  }

  return { paths, config, rpcAddress, chainId: genesis.chain_id, grpcAddress: api?.grpcAddress, restUrl: api?.restUrl, explorerUrl, done, stop };
}

/** The RPC listen address of config.toml as an http URL. */
export function cometRpcAddress(configToml: string): string {
  const m = /\[rpc\][^[]*?\nladdr\s*=\s*"tcp:\/\/([^"]+)"/.exec(configToml);
  return m ? `http://${m[1]}` : 'http://127.0.0.1:26657';
}
