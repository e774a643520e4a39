/**
 * The explorer as the node runs it: an indexer fed after each Commit, the HTTP handler the REST
 * server mounts, and a background catch-up from CometBFT's RPC for blocks committed while the
 * indexer was off. See README.md for the wiring in run_node.ts.
 */
import http from 'node:http';
import path from 'node:path';
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import type { Logger } from '../abci/logger';
import { silentLogger } from '../abci/logger';
import { ExplorerIndexer, type QueryFn } from './indexer';
import { abciQueryFn } from './query';
import { createExplorerHandler, type ExplorerHandler } from './server';
import type { MsgRegistry } from './tx_view';

export { ExplorerIndexer, type QueryFn } from './indexer';
export { createExplorerHandler, type ExplorerDeps, type ExplorerHandler } from './server';
export { abciQueryFn, rpcQueryFn } from './query';

export interface ExplorerOptions {
  /** The node's data directory; the index goes to DATA/explorer.db. */
  dataDir: string;
  chainId: string;
  /** CometBFT RPC URL (catch-up, full blocks and txs, the browser's RPC proxy). */
  rpcUrl: string;
  /** The app's ABCI query: a QueryFn, or anything with BaseApp's `query(RequestQuery)`. */
  query?: QueryFn | { query: Parameters<typeof abciQueryFn>[0]['query'] };
  /** The app's type registry (decodes the chain's own messages on tx pages). */
  registry?: MsgRegistry;
  logger?: Logger;
  /** Supply/pool sample interval in blocks (default 1). */
  sampleEvery?: number;
  /** The built web app (default: src/explorer/web/dist). */
  staticDir?: string;
}

export interface Explorer {
  indexer: ExplorerIndexer;
  /** Mount on the REST server: returns false for paths that are not the explorer's. */
  handler: ExplorerHandler;
  /** Call after each Commit with the block's FinalizeBlock request and response. Never throws, returns at once. */
  onBlock(req: RequestFinalizeBlock, res: ResponseFinalizeBlock, appHash?: Uint8Array): void;
  close(): Promise<void>;
}

export async function startExplorer(o: ExplorerOptions): Promise<Explorer> {
  const log = o.logger ?? silentLogger;
  const query = typeof o.query === 'function' ? o.query : o.query ? abciQueryFn(o.query) : undefined;
  const indexer = await ExplorerIndexer.open({
    path: path.join(o.dataDir, 'explorer.db'),
    chainId: o.chainId,
    rpcUrl: o.rpcUrl,
    query,
    logger: log,
    sampleEvery: o.sampleEvery,
  });
  const handler = createExplorerHandler({ indexer, rpcUrl: o.rpcUrl, query, registry: o.registry, chainId: o.chainId, logger: log, staticDir: o.staticDir });

  // Blocks committed while the indexer was off: CometBFT's RPC comes up after the ABCI
  // handshake, so try until it answers once (live blocks fill any later gap themselves).
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tryCatchUp = async (attempt: number) => {
    timer = undefined;
    if (stopped) return;
    try {
      const n = await indexer.catchUp();
      if (n > 0) log.info({ blocks: n }, 'explorer: caught up from CometBFT RPC');
    } catch (err) {
      if (attempt < 60) timer = setTimeout(() => void tryCatchUp(attempt + 1), 2000);
      else log.warn({ err: (err as Error).message }, 'explorer: CometBFT RPC not reachable; catch-up given up');
    }
  };
  timer = setTimeout(() => void tryCatchUp(0), 1000);

  return {
    indexer,
    handler,
    onBlock: (req, res, appHash) => indexer.onBlock(req, res, appHash),
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      handler.close();
      await indexer.close();
    },
  };
}

/**
 * A plain HTTP server for the explorer alone (until the REST gateway mounts the handler, or
 * for tests). `address` is "host:port".
 */
export async function serveExplorer(handler: ExplorerHandler, address: string): Promise<http.Server> {
  const m = /^(?:tcp:\/\/)?([^:]+|\[[^\]]+\]):(\d+)$/.exec(address);
  if (!m) throw new Error(`bad listen address ${address}`);
  const server = http.createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 5, message: `Not Found: ${req.url}` }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(m[2]), m[1].replace(/^\[|\]$/g, ''), () => resolve());
  });
  server.on('close', () => handler.close());
  return server;
}
