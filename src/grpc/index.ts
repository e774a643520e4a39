/**
 * The node's query transports, as `hypermesh start` runs them: one MethodTable (the app's query
 * router + the tx, CometBFT, node and cosmos reflection services) behind the gRPC server (with
 * server reflection) and the REST gateway (with the explorer mounted first and the chain info).
 * See README.md for what is served and how.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../abci/logger';
import { silentLogger } from '../abci/logger';
import type { DecCoins } from '../types/dec_coins';
import { cometRpc } from './comet_rpc';
import { MethodTable, type QueryApp } from './methods';
import { nodeService } from './node_service';
import type { StoreHeights } from './query_height';
import { cosmosReflectionService } from './reflection';
import { chainInfo } from './rest/chain_info';
import { createGateway } from './rest/gateway';
import { startRestServer, type CorsOptions } from './rest/server';
import { startGrpcServer } from './server';
import { tendermintService } from './tendermint_service';
import { txService } from './tx_service';

export { MethodTable, type QueryApp, type ServiceImpl } from './methods';
export { BLOCK_HEIGHT_HEADER, resolveHeight, type StoreHeights } from './query_height';
export { statusOf, httpStatusOf, GrpcError, Code } from './status';

export interface ApiServicesOptions {
  app: QueryApp;
  heights: StoreHeights;
  chainId: string;
  appName: string;
  appVersion: string;
  /** CometBFT's RPC URL (http://127.0.0.1:26657). */
  rpcUrl: string;
  /** gRPC listen address; undefined: gRPC off. */
  grpcAddress?: string;
  /** REST listen address; undefined: REST (and the explorer's HTTP side) off. */
  apiAddress?: string;
  cors?: CorsOptions;
  /** The explorer's HTTP handler, mounted first on the REST server. */
  explorer?: (req: IncomingMessage, res: ServerResponse) => boolean;
  minimumGasPrices: DecCoins;
  minimumGasPricesText: string;
  pruningKeepRecent: string;
  pruningInterval: string;
  logger?: Logger;
}

export interface ApiServices {
  readonly table: MethodTable;
  /** "host:port" of the gRPC server, when on. */
  readonly grpcAddress?: string;
  /** http URL of the REST server, when on. */
  readonly restUrl?: string;
  close(): Promise<void>;
}

/** Builds the method table once (before anything listens) and starts the enabled servers. */
export async function startApiServices(o: ApiServicesOptions): Promise<ApiServices> {
  const logger = o.logger ?? silentLogger;
  const rpc = cometRpc(o.rpcUrl);
  const table = new MethodTable(o.app, o.heights, [
    txService({ app: o.app, rpc }),
    tendermintService({ app: o.app, rpc, appName: o.appName, appVersion: o.appVersion }),
    nodeService({ rpc, heights: o.heights, minimumGasPrices: o.minimumGasPricesText, pruningKeepRecent: o.pruningKeepRecent, pruningInterval: o.pruningInterval }),
    cosmosReflectionService(),
  ]);

  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    let grpcAddress: string | undefined;
    if (o.grpcAddress !== undefined) {
      const g = await startGrpcServer({ address: o.grpcAddress.replace(/^tcp:\/\//, ''), table, logger });
      closers.push(() => g.close());
      grpcAddress = g.address;
    }
    let restUrl: string | undefined;
    if (o.apiAddress !== undefined) {
      const gateway = createGateway(table, logger);
      const ibcTransfer = table.services.includes('ibc.applications.transfer.v1.Query');
      let publicRest = '';
      const rest = await startRestServer({
        address: o.apiAddress,
        gateway,
        explorer: o.explorer,
        cors: o.cors,
        logger,
        chainInfo: (host) =>
          chainInfo({
            chainId: o.chainId,
            minimumGasPrices: o.minimumGasPrices,
            rpcUrl: publicUrl(o.rpcUrl, host),
            restUrl: publicUrl(publicRest, host),
            grpcAddress: grpcAddress && publicUrl(`http://${grpcAddress}`, host).replace(/^http:\/\//, ''),
            ibcTransfer,
            appVersion: o.appVersion,
          }),
      });
      publicRest = rest.url;
      closers.push(() => rest.close());
      restUrl = rest.url;
    }
    return { table, grpcAddress, restUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A listen URL as a client reaches it: a wildcard host (0.0.0.0, ::) becomes the request's Host. */
export function publicUrl(url: string, hostHeader: string | undefined): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (hostHeader && (u.hostname === '0.0.0.0' || u.hostname === '[::]' || u.hostname === '')) {
    u.hostname = hostHeader.replace(/:\d+$/, '');
  }
  return u.toString().replace(/\/$/, '');
}
