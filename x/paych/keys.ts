/** x/paych state: every collection of the `paych` store, declared once (README, "State"). */
import { Channel, LaneState, Params } from '../../src/gen/hypermesh/paych/v1/paych';
import { keys, Schema, values } from '../../src/store/collections';

export const ModuleName = 'paych';
export const StoreKey = 'paych';

export const PaychPrefix = {
  params: 0x01,
  channels: 0x10,
  channelsByPayer: 0x11,
  channelsByPayee: 0x12,
  lanes: 0x13,
  nextChannelId: 0x14,
} as const;

const P = PaychPrefix;

export function paychState() {
  const s = new Schema(StoreKey);
  return {
    params: s.item(P.params, 'params', values.proto(Params)),
    /** channel id → Channel (open channels; a collected channel is removed) */
    channels: s.map(P.channels, 'channels', keys.uint64, values.proto(Channel)),
    channelsByPayer: s.map(P.channelsByPayer, 'channels_by_payer', keys.pair(keys.bytes, keys.uint64), values.none),
    channelsByPayee: s.map(P.channelsByPayee, 'channels_by_payee', keys.pair(keys.bytes, keys.uint64), values.none),
    /** (channel id, lane) → LaneState */
    lanes: s.map(P.lanes, 'lanes', keys.pair(keys.uint64, keys.uint64), values.proto(LaneState)),
    nextChannelId: s.sequence(P.nextChannelId, 'next_channel_id'),
  };
}
