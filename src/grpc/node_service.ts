/**
 * cosmos.base.node.v1beta1.Service: this node's app.toml settings a client may want (Config: the
 * minimum gas price wallets read for fees) and the state it serves (Status).
 */
import { ConfigResponse, StatusResponse } from 'cosmjs-types/cosmos/base/node/v1beta1/query';
import { hexBytes, timestamp, type RpcHeader } from './comet_json';
import type { CometRpc } from './comet_rpc';
import type { ServiceImpl } from './methods';
import type { StoreHeights } from './query_height';

export const NODE_SERVICE = 'cosmos.base.node.v1beta1.Service';

export interface NodeServiceDeps {
  rpc: CometRpc;
  heights: StoreHeights;
  /** app.toml minimum-gas-prices as written ("0.01uhyper"). */
  minimumGasPrices: string;
  /** app.toml [pruning]: keep-recent and interval ("0" when not custom). */
  pruningKeepRecent: string;
  pruningInterval: string;
}

export function nodeService(d: NodeServiceDeps): ServiceImpl {
  return {
    name: NODE_SERVICE,
    methods: {
      Config() {
        return ConfigResponse.encode(
          ConfigResponse.fromPartial({ minimumGasPrice: d.minimumGasPrices, pruningKeepRecent: d.pruningKeepRecent, pruningInterval: d.pruningInterval, haltHeight: 0n }),
        ).finish();
      },
      async Status(_bytes, ctx) {
        const { header } = await d.rpc.call<{ header: RpcHeader }>('header', { height: String(ctx.version) });
        return StatusResponse.encode(
          StatusResponse.fromPartial({
            earliestStoreHeight: BigInt(Math.max(d.heights.earliest(), 1)),
            height: BigInt(ctx.version),
            timestamp: timestamp(header.time),
            appHash: hexBytes(header.app_hash),
            validatorHash: hexBytes(header.validators_hash),
          }),
        ).finish();
      },
    },
  };
}
