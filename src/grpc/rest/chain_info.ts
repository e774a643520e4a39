/**
 * GET /hypermesh/chain-info: what a wallet or a chain registry needs to add this chain, from this
 * node's own settings.
 *
 * - `chain`: a cosmos/chain-registry style chain.json (chain id, bech32 prefixes, fees, staking
 *   token, APIs of this node), and `assetlist`: its assetlist.json (uhyper → HYPER, 6 decimals);
 * - `keplr`: the ChainInfo object for Keplr's `window.keplr.experimentalSuggestChain(...)`.
 *
 * Also served alone: /hypermesh/chain-info/chain.json, /assetlist.json and /keplr.
 * Gas price steps: low = this node's minimum gas price in uhyper, average = 2.5 × low,
 * high = 4 × low (Keplr's 0.01 / 0.025 / 0.04 when the node asks for no fee at all).
 */
import { ACCOUNT_PREFIX, CONSENSUS_PREFIX, VALIDATOR_PREFIX } from '../../crypto/address';
import type { DecCoins } from '../../types/dec_coins';

export const CHAIN_INFO_PATH = '/hypermesh/chain-info';

export const BASE_DENOM = 'uhyper';
export const DISPLAY_DENOM = 'HYPER';
export const DECIMALS = 6;
/** The Cosmos Hub's BIP-44 coin type, which cosmjs and Keplr derive keys with by default. */
export const COIN_TYPE = 118;

export interface ChainInfoOptions {
  chainId: string;
  /** This node's minimum gas prices (app.toml). */
  minimumGasPrices: DecCoins;
  /** Public URLs of this node's endpoints (as the client should reach them). */
  rpcUrl: string;
  restUrl: string;
  grpcAddress?: string;
  /** Whether IBC transfer is served (Keplr's "ibc-transfer" and "ibc-go" features). */
  ibcTransfer: boolean;
  appVersion: string;
}

export interface GasPriceSteps {
  low: number;
  average: number;
  high: number;
}

export function gasPriceSteps(minimumGasPrices: DecCoins, denom = BASE_DENOM): GasPriceSteps {
  const min = minimumGasPrices.find((c) => c.denom === denom);
  const low = min ? Number(min.amount.toString()) : 0;
  if (!(low > 0)) return { low: 0.01, average: 0.025, high: 0.04 };
  const round = (n: number) => Number(n.toPrecision(12));
  return { low: round(low), average: round(low * 2.5), high: round(low * 4) };
}

export function chainInfo(o: ChainInfoOptions) {
  const steps = gasPriceSteps(o.minimumGasPrices);
  const fixedMin = o.minimumGasPrices.find((c) => c.denom === BASE_DENOM);
  const networkType = /devnet|local/.test(o.chainId) ? 'devnet' : /test/.test(o.chainId) ? 'testnet' : 'mainnet';
  const bech32 = {
    bech32PrefixAccAddr: ACCOUNT_PREFIX,
    bech32PrefixAccPub: `${ACCOUNT_PREFIX}pub`,
    bech32PrefixValAddr: VALIDATOR_PREFIX,
    bech32PrefixValPub: `${VALIDATOR_PREFIX}pub`,
    bech32PrefixConsAddr: CONSENSUS_PREFIX,
    bech32PrefixConsPub: `${CONSENSUS_PREFIX}pub`,
  };
  const currency = { coinDenom: DISPLAY_DENOM, coinMinimalDenom: BASE_DENOM, coinDecimals: DECIMALS };
  const features = o.ibcTransfer ? ['ibc-transfer', 'ibc-go'] : [];

  const chain = {
    $schema: '../chain.schema.json',
    chain_name: 'hypermesh',
    chain_type: 'cosmos',
    status: 'live',
    network_type: networkType,
    pretty_name: 'HyperMesh',
    chain_id: o.chainId,
    bech32_prefix: ACCOUNT_PREFIX,
    bech32_config: bech32,
    daemon_name: 'hypermesh',
    node_home: '$HOME/.hypermesh',
    key_algos: ['secp256k1', 'ed25519'],
    slip44: COIN_TYPE,
    fees: {
      fee_tokens: [
        {
          denom: BASE_DENOM,
          fixed_min_gas_price: fixedMin ? Number(fixedMin.amount.toString()) : 0,
          low_gas_price: steps.low,
          average_gas_price: steps.average,
          high_gas_price: steps.high,
        },
      ],
    },
    staking: { staking_tokens: [{ denom: BASE_DENOM }] },
    codebase: {
      recommended_version: o.appVersion,
      consensus: { type: 'cometbft', version: '0.38' },
    },
    apis: {
      rpc: [{ address: o.rpcUrl, provider: 'this node' }],
      rest: [{ address: o.restUrl, provider: 'this node' }],
      grpc: o.grpcAddress ? [{ address: o.grpcAddress, provider: 'this node' }] : [],
    },
  };

  const assetlist = {
    $schema: '../assetlist.schema.json',
    chain_name: 'hypermesh',
    assets: [
      {
        description: 'The staking and fee token of HyperMesh',
        denom_units: [
          { denom: BASE_DENOM, exponent: 0 },
          { denom: DISPLAY_DENOM.toLowerCase(), exponent: DECIMALS },
        ],
        base: BASE_DENOM,
        name: 'HyperMesh',
        display: DISPLAY_DENOM.toLowerCase(),
        symbol: DISPLAY_DENOM,
        type_asset: 'sdk.coin',
      },
    ],
  };

  const keplr = {
    chainId: o.chainId,
    chainName: networkType === 'mainnet' ? 'HyperMesh' : `HyperMesh ${networkType} (${o.chainId})`,
    rpc: o.rpcUrl,
    rest: o.restUrl,
    bip44: { coinType: COIN_TYPE },
    bech32Config: bech32,
    currencies: [currency],
    feeCurrencies: [{ ...currency, gasPriceStep: steps }],
    stakeCurrency: currency,
    features,
  };

  return { chain, assetlist, keplr };
}
