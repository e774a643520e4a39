/**
 * IBC events as ibc-go v8 names them (core/02-client, 03-connection, 04-channel keeper/events.go),
 * emitted from the tx's message handlers; every attribute is indexed, so relayers find packets
 * with `tx_search send_packet.packet_connection='connection-0'`. Packet data and acks appear both
 * as UTF-8 (deprecated in ibc-go, still read by ts-relayer) and as hex.
 */
import type { Channel } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { orderToJSON } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { abciEvent, type Event } from '../../src/types/events';
import { heightString, ZERO_HEIGHT } from './host';
import { CHANNEL_MODULE, CLIENT_MODULE, CONNECTION_MODULE } from './keys';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);

const moduleEvent = (module: string) => abciEvent('message', { module });

export const clientEvents = {
  create: (clientId: string, clientType: string, height: string): Event[] => [
    abciEvent('create_client', { client_id: clientId, client_type: clientType, consensus_height: height }),
    moduleEvent(CLIENT_MODULE),
  ],
  update: (clientId: string, clientType: string, heights: string[], headerAnyHex: string): Event[] => [
    abciEvent('update_client', { client_id: clientId, client_type: clientType, consensus_height: heights[0] ?? '', consensus_heights: heights.join(','), header: headerAnyHex }),
    moduleEvent(CLIENT_MODULE),
  ],
  misbehaviour: (clientId: string, clientType: string): Event[] => [
    abciEvent('client_misbehaviour', { client_id: clientId, client_type: clientType }),
    moduleEvent(CLIENT_MODULE),
  ],
};

export const connectionEvent = (type: 'connection_open_init' | 'connection_open_try' | 'connection_open_ack' | 'connection_open_confirm', a: { connectionId: string; clientId: string; counterpartyClientId: string; counterpartyConnectionId: string }): Event[] => [
  abciEvent(type, { connection_id: a.connectionId, client_id: a.clientId, counterparty_client_id: a.counterpartyClientId, counterparty_connection_id: a.counterpartyConnectionId }),
  moduleEvent(CONNECTION_MODULE),
];

export type ChannelEventType = 'channel_open_init' | 'channel_open_try' | 'channel_open_ack' | 'channel_open_confirm' | 'channel_close_init' | 'channel_close_confirm' | 'channel_closed';

export const channelEvent = (type: ChannelEventType, portId: string, channelId: string, ch: Channel): Event[] => {
  const attrs: Record<string, string> = {
    port_id: portId,
    channel_id: channelId,
    counterparty_port_id: ch.counterparty?.portId ?? '',
    counterparty_channel_id: ch.counterparty?.channelId ?? '',
    connection_id: ch.connectionHops[0] ?? '',
  };
  if (type === 'channel_open_init' || type === 'channel_open_try') attrs.version = ch.version;
  if (type === 'channel_closed') attrs.channel_ordering = orderToJSON(ch.ordering);
  return [abciEvent(type, attrs), moduleEvent(CHANNEL_MODULE)];
};

export type PacketEventType = 'send_packet' | 'recv_packet' | 'write_acknowledgement' | 'acknowledge_packet' | 'timeout_packet';

export function packetEvent(type: PacketEventType, p: Packet, ch: Channel, ack?: Uint8Array): Event[] {
  const attrs: Record<string, string> = {};
  if (type === 'send_packet' || type === 'recv_packet' || type === 'write_acknowledgement') {
    attrs.packet_data = utf8(p.data);
    attrs.packet_data_hex = hex(p.data);
  }
  attrs.packet_timeout_height = heightString(p.timeoutHeight ?? ZERO_HEIGHT);
  attrs.packet_timeout_timestamp = p.timeoutTimestamp.toString();
  attrs.packet_sequence = p.sequence.toString();
  attrs.packet_src_port = p.sourcePort;
  attrs.packet_src_channel = p.sourceChannel;
  attrs.packet_dst_port = p.destinationPort;
  attrs.packet_dst_channel = p.destinationChannel;
  if (type !== 'write_acknowledgement') attrs.packet_channel_ordering = orderToJSON(ch.ordering);
  if (ack) {
    attrs.packet_ack = utf8(ack);
    attrs.packet_ack_hex = hex(ack);
  }
  attrs.packet_connection = ch.connectionHops[0] ?? '';
  attrs.connection_id = ch.connectionHops[0] ?? '';
  return [abciEvent(type, attrs), moduleEvent(CHANNEL_MODULE)];
}
