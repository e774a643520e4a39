/**
 * cosmos.base.tendermint.v1beta1.Service (the SDK's cmtservice): node info, syncing, blocks and
 * validator sets read from CometBFT's RPC and converted to the SDK's response types; ABCIQuery
 * answered by the app in process (the same answer CometBFT's abci_query would relay).
 */
import {
  ABCIQueryRequest,
  ABCIQueryResponse,
  GetBlockByHeightRequest,
  GetBlockByHeightResponse,
  GetLatestBlockResponse,
  GetLatestValidatorSetRequest,
  GetLatestValidatorSetResponse,
  GetNodeInfoResponse,
  GetSyncingResponse,
  GetValidatorSetByHeightRequest,
  GetValidatorSetByHeightResponse,
} from 'cosmjs-types/cosmos/base/tendermint/v1beta1/query';
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { RequestQuery } from 'cosmjs-types/tendermint/abci/types';
import { block, blockId, nodeInfo, sdkBlock, validator, type RpcBlockResult, type RpcNodeInfo, type RpcValidator } from './comet_json';
import { CometRpcError, type CometRpc } from './comet_rpc';
import { decodeRequest as decode, type QueryApp, type ServiceImpl } from './methods';
import { Code, GrpcError } from './status';

export const TENDERMINT_SERVICE = 'cosmos.base.tendermint.v1beta1.Service';
const DEFAULT_LIMIT = 100;

export interface TendermintServiceDeps {
  app: Pick<QueryApp, 'query'>;
  rpc: CometRpc;
  /** The app's name and version, for GetNodeInfo's application_version. */
  appName: string;
  appVersion: string;
}

interface RpcStatus {
  node_info: RpcNodeInfo;
  sync_info: { latest_block_height: string; catching_up: boolean };
}

export function tendermintService({ app, rpc, appName, appVersion }: TendermintServiceDeps): ServiceImpl {
  const latestHeight = async () => BigInt((await rpc.call<RpcStatus>('status')).sync_info.latest_block_height);
  const checkHeight = async (h: bigint) => {
    if (h > (await latestHeight())) throw new GrpcError(Code.INVALID_ARGUMENT, 'requested block height is bigger then the chain length');
    if (h < 1n) throw new GrpcError(Code.INVALID_ARGUMENT, `height must be greater than 0, but got ${h}`);
  };
  const getBlock = async (height?: bigint) => {
    try {
      const r = await rpc.call<RpcBlockResult>('block', height === undefined ? {} : { height: String(height) });
      return { blockId: blockId(r.block_id), block: block(r.block), sdkBlock: sdkBlock(r.block) };
    } catch (e) {
      throw notAvailable(e);
    }
  };
  const validators = async (height: bigint | undefined, pagination: PageRequest | undefined) => {
    const offset = Number(pagination?.offset ?? 0n);
    let limit = Number(pagination?.limit ?? 0n);
    if (limit === 0) limit = DEFAULT_LIMIT;
    const page = Math.floor(offset / limit) + 1;
    let r: { block_height: string; validators: RpcValidator[]; total: string };
    try {
      r = await rpc.call('validators', { height: height === undefined ? undefined : String(height), page: String(page), per_page: String(limit) });
    } catch (e) {
      throw notAvailable(e);
    }
    return { blockHeight: BigInt(r.block_height), validators: r.validators.map(validator), pagination: { nextKey: new Uint8Array(), total: BigInt(r.total) } };
  };

  return {
    name: TENDERMINT_SERVICE,
    methods: {
      async GetNodeInfo() {
        const s = await rpc.call<RpcStatus>('status');
        return GetNodeInfoResponse.encode(
          GetNodeInfoResponse.fromPartial({
            defaultNodeInfo: nodeInfo(s.node_info),
            applicationVersion: {
              name: appName,
              appName,
              version: appVersion,
              gitCommit: '',
              buildTags: '',
              goVersion: `node ${process.version}`,
              buildDeps: [],
              cosmosSdkVersion: '',
            },
          }),
        ).finish();
      },

      async GetSyncing() {
        const s = await rpc.call<RpcStatus>('status');
        return GetSyncingResponse.encode({ syncing: s.sync_info.catching_up }).finish();
      },

      async GetLatestBlock() {
        return GetLatestBlockResponse.encode(GetLatestBlockResponse.fromPartial(await getBlock())).finish();
      },

      async GetBlockByHeight(bytes) {
        const req = decode(GetBlockByHeightRequest, bytes);
        await checkHeight(req.height);
        return GetBlockByHeightResponse.encode(GetBlockByHeightResponse.fromPartial(await getBlock(req.height))).finish();
      },

      async GetLatestValidatorSet(bytes) {
        const req = decode(GetLatestValidatorSetRequest, bytes);
        return GetLatestValidatorSetResponse.encode(GetLatestValidatorSetResponse.fromPartial(await validators(undefined, req.pagination))).finish();
      },

      async GetValidatorSetByHeight(bytes) {
        const req = decode(GetValidatorSetByHeightRequest, bytes);
        await checkHeight(req.height);
        return GetValidatorSetByHeightResponse.encode(GetValidatorSetByHeightResponse.fromPartial(await validators(req.height, req.pagination))).finish();
      },

      async ABCIQuery(bytes) {
        const req = decode(ABCIQueryRequest, bytes);
        if (req.path === '') throw new GrpcError(Code.INVALID_ARGUMENT, 'empty query path');
        const first = req.path.split('/').filter((p) => p !== '')[0];
        if (!['app', 'store', 'p2p', 'custom'].includes(first ?? '')) {
          throw new GrpcError(Code.INVALID_ARGUMENT, `ABCI query ${req.path} is not supported`);
        }
        const r = await app.query(RequestQuery.fromPartial({ data: req.data, path: req.path, height: req.height, prove: req.prove }));
        return ABCIQueryResponse.encode(
          ABCIQueryResponse.fromPartial({
            code: r.code,
            log: r.log,
            info: r.info,
            index: r.index,
            key: r.key,
            value: r.value,
            proofOps: r.proofOps ? { ops: r.proofOps.ops.map((o) => ({ type: o.type, key: o.key, data: o.data })) } : undefined,
            height: r.height,
            codespace: r.codespace,
          }),
        ).finish();
      },
    },
  };
}

/** CometBFT's "height 3 is not available, lowest height is 10" (pruned blocks) is NOT_FOUND. */
function notAvailable(e: unknown): unknown {
  if (e instanceof CometRpcError && e.code !== Code.UNAVAILABLE) {
    const detail = e.data ?? e.message;
    return new GrpcError(/not available|must be less than or equal|could not find/.test(detail) ? Code.NOT_FOUND : Code.UNKNOWN, detail);
  }
  return e;
}
