/** The layout of a node's home directory, shared by CometBFT and the app (as gaiad/simd). */
import os from 'node:os';
import path from 'node:path';

export interface HomePaths {
  home: string;
  configDir: string;
  cometConfig: string;
  appConfig: string;
  genesis: string;
  dataDir: string;
  appDb: string;
  logsDir: string;
  devAccounts: string;
  pidFile: string;
}

export function defaultHome(): string {
  return process.env.HYPERMESH_HOME || path.join(os.homedir(), '.hypermesh');
}

export function homePaths(home: string): HomePaths {
  const abs = path.resolve(home);
  return {
    home: abs,
    configDir: path.join(abs, 'config'),
    cometConfig: path.join(abs, 'config', 'config.toml'),
    appConfig: path.join(abs, 'config', 'app.toml'),
    genesis: path.join(abs, 'config', 'genesis.json'),
    dataDir: path.join(abs, 'data'),
    appDb: path.join(abs, 'data', 'application.db'),
    logsDir: path.join(abs, 'logs'),
    devAccounts: path.join(abs, 'dev-accounts.json'),
    pidFile: path.join(abs, 'hypermesh.pid'),
  };
}
