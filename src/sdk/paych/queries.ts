/**
 * The x/paych query extension for a cosmjs QueryClient.
 *
 * @example
 *   const q = QueryClient.withExtensions(comet, setupPaychExtension);
 *   const { channel, lanes } = await q.paych.channel(1n);
 */
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import { QueryChannelsRequest, QueryClientImpl, type QueryChannelResponse, type QueryChannelsResponse } from '../../gen/hypermesh/paych/v1/query';
import type { Params } from '../../gen/hypermesh/paych/v1/paych';

export interface PaychExtension {
  readonly paych: {
    readonly raw: QueryClientImpl;
    params(): Promise<Params>;
    channel(id: bigint): Promise<QueryChannelResponse>;
    channels(filter?: Partial<QueryChannelsRequest>): Promise<QueryChannelsResponse>;
  };
}

export function setupPaychExtension(base: QueryClient): PaychExtension {
  const raw = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    paych: {
      raw,
      params: async () => (await raw.Params({})).params!,
      channel: (id) => raw.Channel({ id }),
      channels: (filter = {}) => raw.Channels(QueryChannelsRequest.fromPartial(filter)),
    },
  };
}
