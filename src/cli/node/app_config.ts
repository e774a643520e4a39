/**
 * app.toml: the settings of this node's application that are not consensus (each validator may
 * choose its own): minimum gas prices, pruning, the ABCI socket, the gRPC, REST and explorer
 * addresses. Unknown keys are refused so a typo does not silently keep a default.
 */
import fs from 'node:fs';
import { parse } from 'smol-toml';
import type { PruningOptions } from '../../store/types';
import { parseDecCoins, type DecCoins } from '../../types/dec_coins';

export interface AppConfig {
  minimumGasPrices: DecCoins;
  minimumGasPricesText: string;
  abciAddress: string;
  pruning: PruningOptions;
  grpc: { enable: boolean; address: string };
  api: { enable: boolean; address: string; corsAllowedOrigins: string[]; enabledUnsafeCors: boolean };
  /** The explorer: on the API server (address ""), on its own address, or off. */
  explorer: { enable: boolean; address: string };
}

export interface AppConfigDefaults {
  abciAddress: string;
  grpcAddress: string;
  apiAddress: string;
  minimumGasPrices: string;
}

export function renderAppConfig(d: AppConfigDefaults): string {
  return `# HyperMesh application configuration (not consensus: each node chooses its own).

# Fees below these prices are refused by this node's mempool, e.g. "0.01uhyper".
minimum-gas-prices = ${JSON.stringify(d.minimumGasPrices)}

[abci]
# Where the app listens for CometBFT (must match proxy_app in config.toml).
address = ${JSON.stringify(d.abciAddress)}

[pruning]
# "custom" keeps the last keep-recent versions (IBC needs recent proofs: keep >= 100),
# "nothing" keeps every version, "everything" keeps only the latest.
strategy = "custom"
keep-recent = 1000
interval = 10

[grpc]
enable = true
address = ${JSON.stringify(d.grpcAddress)}

[api]
# REST (LCD) gateway (Cosmos SDK paths), /hypermesh/chain-info, and the explorer.
enable = true
address = ${JSON.stringify(d.apiAddress)}
# Origins whose pages may call the REST API from a browser, e.g. ["https://wallet.example"].
cors-allowed-origins = []
# Any origin may (as the Cosmos SDK's enabled-unsafe-cors): for development only.
enabled-unsafe-cors = false

[explorer]
# The block explorer. address = "" serves it on the [api] server; "host:port" on its own.
enable = true
address = ""
`;
}

const KNOWN: Record<string, string[]> = {
  '': ['minimum-gas-prices', 'abci', 'pruning', 'grpc', 'api', 'explorer'],
  abci: ['address'],
  pruning: ['strategy', 'keep-recent', 'interval'],
  grpc: ['enable', 'address'],
  api: ['enable', 'address', 'cors-allowed-origins', 'enabled-unsafe-cors'],
  explorer: ['enable', 'address'],
};

export function loadAppConfig(file: string): AppConfig {
  const doc = parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
  for (const [section, keys] of Object.entries(KNOWN)) {
    const obj = section === '' ? doc : (doc[section] ?? {});
    for (const k of Object.keys(obj)) {
      if (!keys.includes(k)) throw new Error(`${file}: unknown setting ${section ? `[${section}] ` : ''}${k}`);
    }
  }
  const text = String(doc['minimum-gas-prices'] ?? '');
  const pr = doc.pruning ?? {};
  const strategy = String(pr.strategy ?? 'custom');
  let pruning: PruningOptions;
  if (strategy === 'nothing' || strategy === 'everything') pruning = { strategy };
  else if (strategy === 'custom' || strategy === 'default') {
    const keepRecent = Number(pr['keep-recent'] ?? 1000);
    const interval = Number(pr.interval ?? 10);
    if (!Number.isInteger(keepRecent) || keepRecent < 2) throw new Error(`${file}: [pruning] keep-recent must be an integer >= 2`);
    if (!Number.isInteger(interval) || interval < 1) throw new Error(`${file}: [pruning] interval must be an integer >= 1`);
    pruning = { strategy: 'custom', keepRecent, interval };
  } else throw new Error(`${file}: [pruning] strategy must be custom, nothing or everything`);
  return {
    minimumGasPrices: parseDecCoins(text),
    minimumGasPricesText: text,
    abciAddress: String(doc.abci?.address ?? ''),
    pruning,
    grpc: { enable: doc.grpc?.enable !== false, address: String(doc.grpc?.address ?? '127.0.0.1:9090') },
    api: {
      enable: doc.api?.enable !== false,
      address: String(doc.api?.address ?? '127.0.0.1:1317'),
      corsAllowedOrigins: (doc.api?.['cors-allowed-origins'] ?? []).map(String),
      enabledUnsafeCors: doc.api?.['enabled-unsafe-cors'] === true,
    },
    explorer: { enable: doc.explorer?.enable !== false, address: String(doc.explorer?.address ?? '') },
  };
}
