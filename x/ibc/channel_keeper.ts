/**
 * 04-channel: the channel handshake (OpenInit/Try/Ack/Confirm, CloseInit/CloseConfirm) and the
 * packet lifecycle (send, receive, write acknowledgement, acknowledge, timeout, timeout on close)
 * for ordered and unordered channels, as ibc-go v8's 04-channel keeper. Applications are reached
 * through the port router; redundant relays are no-ops (channel/23 internally, success outside).
 */
import { Channel, Counterparty, Order, orderToJSON, Packet, State, stateToJSON } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { State as ConnState, stateToJSON as connStateToJSON, type ConnectionEnd } from 'cosmjs-types/ibc/core/connection/v1/connection';
import type { Context } from '../../src/types/context';
import { equalBytes } from '../../src/store/bytes';
import type { ClientKeeper } from './client_keeper';
import { commitAcknowledgement, commitPacket } from './commitment';
import { versionSupportsOrdering, type ConnectionKeeper } from './connection_keeper';
import { channelErrors, connectionErrors } from './errors';
import { channelEvent, packetEvent, type ChannelEventType } from './events';
import { compareHeights, heightString, isZeroHeight, validateChannelId, validatePortId, ZERO_HEIGHT, type Height } from './host';
import type { PortRouter } from './port_router';
import { IbcStore } from './store';

export class ChannelKeeper {
  constructor(
    private readonly clients: ClientKeeper,
    private readonly connections: ConnectionKeeper,
    readonly ports: PortRouter,
  ) {}

  channel(ctx: Context, portId: string, channelId: string): Channel {
    const c = IbcStore.of(ctx).channel(portId, channelId);
    if (!c) throw channelErrors.ChannelNotFound(`port-id: ${portId}, channel-id: ${channelId}`);
    return c;
  }

  private emit(ctx: Context, type: ChannelEventType, portId: string, channelId: string, ch: Channel): void {
    for (const e of channelEvent(type, portId, channelId, ch)) ctx.events.emit(e);
  }

  private openConnection(ctx: Context, hops: string[]): ConnectionEnd {
    if (hops.length !== 1) throw channelErrors.TooManyConnectionHops(`expected 1, got ${hops.length}`);
    const c = this.connections.connection(ctx, hops[0]);
    return c;
  }

  private requireOpen(c: ConnectionEnd): void {
    if (c.state !== ConnState.STATE_OPEN) throw connectionErrors.InvalidConnectionState(`connection state is not OPEN (got ${connStateToJSON(c.state)})`);
  }

  private checkOrdering(c: ConnectionEnd, order: Order): void {
    if (c.versions.length !== 1) throw connectionErrors.InvalidVersion(`single version must be negotiated on connection before opening channel, got: ${c.versions.length}`);
    if (!versionSupportsOrdering(c.versions[0], orderToJSON(order))) throw connectionErrors.InvalidVersion(`connection version ${c.versions[0].identifier} does not support channel ordering: ${orderToJSON(order)}`);
  }

  private initSequences(ctx: Context, portId: string, channelId: string): void {
    const s = IbcStore.of(ctx);
    s.setNextSequenceSend(portId, channelId, 1n);
    s.setNextSequenceRecv(portId, channelId, 1n);
    s.setNextSequenceAck(portId, channelId, 1n);
  }

  // --- handshake -------------------------------------------------------------------------

  openInit(ctx: Context, portId: string, ch: Channel): { channelId: string; version: string } {
    validatePortId(portId);
    if (ch.state !== State.STATE_INIT) throw channelErrors.InvalidChannelState(`channel state must be INIT, got ${stateToJSON(ch.state)}`);
    if (ch.counterparty?.channelId) throw channelErrors.InvalidCounterparty('counterparty channel identifier must be empty');
    const app = this.ports.route(portId);
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.checkOrdering(conn, ch.ordering);
    this.clients.assertActive(ctx, conn.clientId, 'open channel');
    const store = IbcStore.of(ctx);
    const channelId = `channel-${store.nextSequence('nextChannelSequence')}`;
    const version = app.onChanOpenInit(ctx, ch.ordering, ch.connectionHops, portId, channelId, Counterparty.fromPartial({ portId: ch.counterparty?.portId ?? '' }), ch.version);
    const stored = Channel.fromPartial({ state: State.STATE_INIT, ordering: ch.ordering, counterparty: { portId: ch.counterparty?.portId ?? '', channelId: '' }, connectionHops: ch.connectionHops, version });
    store.setChannel(portId, channelId, stored);
    this.initSequences(ctx, portId, channelId);
    this.emit(ctx, 'channel_open_init', portId, channelId, stored);
    return { channelId, version };
  }

  openTry(ctx: Context, portId: string, ch: Channel, counterpartyVersion: string, proofInit: Uint8Array, proofHeight: Height): { channelId: string; version: string } {
    validatePortId(portId);
    if (ch.state !== State.STATE_TRYOPEN) throw channelErrors.InvalidChannelState(`channel state must be TRYOPEN, got ${stateToJSON(ch.state)}`);
    const counterparty = ch.counterparty ?? Counterparty.fromPartial({});
    validateChannelId(counterparty.channelId);
    const app = this.ports.route(portId);
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.requireOpen(conn);
    this.checkOrdering(conn, ch.ordering);
    const expected = Channel.fromPartial({
      state: State.STATE_INIT,
      ordering: ch.ordering,
      counterparty: { portId, channelId: '' },
      connectionHops: [conn.counterparty!.connectionId],
      version: counterpartyVersion,
    });
    this.connections.verifyChannelState(ctx, conn, proofHeight, proofInit, counterparty.portId, counterparty.channelId, expected);
    const store = IbcStore.of(ctx);
    const channelId = `channel-${store.nextSequence('nextChannelSequence')}`;
    const version = app.onChanOpenTry(ctx, ch.ordering, ch.connectionHops, portId, channelId, counterparty, counterpartyVersion);
    const stored = Channel.fromPartial({ state: State.STATE_TRYOPEN, ordering: ch.ordering, counterparty, connectionHops: ch.connectionHops, version });
    store.setChannel(portId, channelId, stored);
    this.initSequences(ctx, portId, channelId);
    this.emit(ctx, 'channel_open_try', portId, channelId, stored);
    return { channelId, version };
  }

  openAck(ctx: Context, portId: string, channelId: string, counterpartyChannelId: string, counterpartyVersion: string, proofTry: Uint8Array, proofHeight: Height): void {
    validateChannelId(counterpartyChannelId);
    const ch = this.channel(ctx, portId, channelId);
    if (ch.state !== State.STATE_INIT) throw channelErrors.InvalidChannelState(`channel state should be INIT (got ${stateToJSON(ch.state)})`);
    const app = this.ports.route(portId);
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.requireOpen(conn);
    const expected = Channel.fromPartial({
      state: State.STATE_TRYOPEN,
      ordering: ch.ordering,
      counterparty: { portId, channelId },
      connectionHops: [conn.counterparty!.connectionId],
      version: counterpartyVersion,
    });
    this.connections.verifyChannelState(ctx, conn, proofHeight, proofTry, ch.counterparty!.portId, counterpartyChannelId, expected);
    app.onChanOpenAck(ctx, portId, channelId, counterpartyChannelId, counterpartyVersion);
    ch.state = State.STATE_OPEN;
    ch.version = counterpartyVersion;
    ch.counterparty = Counterparty.fromPartial({ portId: ch.counterparty!.portId, channelId: counterpartyChannelId });
    IbcStore.of(ctx).setChannel(portId, channelId, ch);
    this.emit(ctx, 'channel_open_ack', portId, channelId, ch);
  }

  openConfirm(ctx: Context, portId: string, channelId: string, proofAck: Uint8Array, proofHeight: Height): void {
    const ch = this.channel(ctx, portId, channelId);
    if (ch.state !== State.STATE_TRYOPEN) throw channelErrors.InvalidChannelState(`channel state is not TRYOPEN (got ${stateToJSON(ch.state)})`);
    const app = this.ports.route(portId);
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.requireOpen(conn);
    const expected = Channel.fromPartial({
      state: State.STATE_OPEN,
      ordering: ch.ordering,
      counterparty: { portId, channelId },
      connectionHops: [conn.counterparty!.connectionId],
      version: ch.version,
    });
    this.connections.verifyChannelState(ctx, conn, proofHeight, proofAck, ch.counterparty!.portId, ch.counterparty!.channelId, expected);
    app.onChanOpenConfirm(ctx, portId, channelId);
    ch.state = State.STATE_OPEN;
    IbcStore.of(ctx).setChannel(portId, channelId, ch);
    this.emit(ctx, 'channel_open_confirm', portId, channelId, ch);
  }

  closeInit(ctx: Context, portId: string, channelId: string): void {
    const app = this.ports.route(portId);
    app.onChanCloseInit(ctx, portId, channelId);
    const ch = this.channel(ctx, portId, channelId);
    if (ch.state === State.STATE_CLOSED) throw channelErrors.InvalidChannelState('channel is already CLOSED');
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.requireOpen(conn);
    this.clients.assertActive(ctx, conn.clientId, 'close channel');
    ch.state = State.STATE_CLOSED;
    IbcStore.of(ctx).setChannel(portId, channelId, ch);
    this.emit(ctx, 'channel_close_init', portId, channelId, ch);
  }

  closeConfirm(ctx: Context, portId: string, channelId: string, proofInit: Uint8Array, proofHeight: Height): void {
    const ch = this.channel(ctx, portId, channelId);
    if (ch.state === State.STATE_CLOSED) throw channelErrors.InvalidChannelState('channel is already CLOSED');
    const app = this.ports.route(portId);
    const conn = this.openConnection(ctx, ch.connectionHops);
    this.requireOpen(conn);
    const expected = Channel.fromPartial({
      state: State.STATE_CLOSED,
      ordering: ch.ordering,
      counterparty: { portId, channelId },
      connectionHops: [conn.counterparty!.connectionId],
      version: ch.version,
    });
    this.connections.verifyChannelState(ctx, conn, proofHeight, proofInit, ch.counterparty!.portId, ch.counterparty!.channelId, expected);
    app.onChanCloseConfirm(ctx, portId, channelId);
    ch.state = State.STATE_CLOSED;
    IbcStore.of(ctx).setChannel(portId, channelId, ch);
    this.emit(ctx, 'channel_close_confirm', portId, channelId, ch);
  }

  // --- packets -----------------------------------------------------------------------------

  /** SendPacket: assigns the next sequence, stores the commitment, emits send_packet. */
  sendPacket(ctx: Context, sourcePort: string, sourceChannel: string, timeoutHeight: Height, timeoutTimestamp: bigint, data: Uint8Array): bigint {
    const ch = this.channel(ctx, sourcePort, sourceChannel);
    if (ch.state !== State.STATE_OPEN) throw channelErrors.InvalidChannelState(`channel is not OPEN (got ${stateToJSON(ch.state)})`);
    const store = IbcStore.of(ctx);
    const sequence = store.nextSequenceSend(sourcePort, sourceChannel);
    if (sequence === undefined) throw channelErrors.SequenceSendNotFound(`source port: ${sourcePort}, source channel: ${sourceChannel}`);
    const packet = Packet.fromPartial({
      sequence,
      sourcePort,
      sourceChannel,
      destinationPort: ch.counterparty!.portId,
      destinationChannel: ch.counterparty!.channelId,
      data,
      timeoutHeight,
      timeoutTimestamp,
    });
    validatePacket(packet);
    const conn = this.connections.connection(ctx, ch.connectionHops[0]);
    this.clients.assertActive(ctx, conn.clientId, 'send packet');
    const client = this.clients.existing(ctx, conn.clientId);
    const latest = client.clientState()!.latestHeight;
    if (!isZeroHeight(timeoutHeight) && compareHeights(latest, timeoutHeight) >= 0) {
      throw channelErrors.TimeoutElapsed(`latest height ${heightString(latest)} >= packet timeout height ${heightString(timeoutHeight)}`);
    }
    const latestTs = client.timestampAt(latest);
    if (timeoutTimestamp !== 0n && latestTs >= timeoutTimestamp) {
      throw channelErrors.TimeoutElapsed(`latest timestamp ${latestTs} >= packet timeout timestamp ${timeoutTimestamp}`);
    }
    store.setNextSequenceSend(sourcePort, sourceChannel, sequence + 1n);
    store.setPacketCommitment(sourcePort, sourceChannel, sequence, commitPacket(packet));
    for (const e of packetEvent('send_packet', packet, ch)) ctx.events.emit(e);
    return sequence;
  }

  /** RecvPacket: verifies the counterparty's commitment and applies replay protection. Throws channel/23 on a redundant relay. */
  recvPacket(ctx: Context, packet: Packet, proof: Uint8Array, proofHeight: Height): Channel {
    const ch = this.channel(ctx, packet.destinationPort, packet.destinationChannel);
    if (ch.state !== State.STATE_OPEN) throw channelErrors.InvalidChannelState(`channel state is not OPEN (got ${stateToJSON(ch.state)})`);
    if (packet.sourcePort !== ch.counterparty!.portId) throw channelErrors.InvalidPacket(`packet source port doesn't match the counterparty's port (${packet.sourcePort} ≠ ${ch.counterparty!.portId})`);
    if (packet.sourceChannel !== ch.counterparty!.channelId) throw channelErrors.InvalidPacket(`packet source channel doesn't match the counterparty's channel (${packet.sourceChannel} ≠ ${ch.counterparty!.channelId})`);
    const conn = this.connections.connection(ctx, ch.connectionHops[0]);
    this.requireOpen(conn);
    const self = this.clients.selfHeight(ctx);
    const th = packet.timeoutHeight ?? ZERO_HEIGHT;
    if (!isZeroHeight(th) && compareHeights(self, th) >= 0) throw channelErrors.TimeoutElapsed(`block height >= packet timeout height (${heightString(self)} >= ${heightString(th)})`);
    if (packet.timeoutTimestamp !== 0n && ctx.block.timeNs >= packet.timeoutTimestamp) throw channelErrors.TimeoutElapsed(`block timestamp >= packet timeout timestamp (${ctx.block.timeNs} >= ${packet.timeoutTimestamp})`);
    this.connections.verifyPacketCommitment(ctx, conn, proofHeight, proof, packet.sourcePort, packet.sourceChannel, packet.sequence, commitPacket(packet));
    const store = IbcStore.of(ctx);
    if (ch.ordering === Order.ORDER_ORDERED) {
      const next = store.nextSequenceRecv(packet.destinationPort, packet.destinationChannel);
      if (next === undefined) throw channelErrors.SequenceReceiveNotFound(`destination port: ${packet.destinationPort}, destination channel: ${packet.destinationChannel}`);
      if (packet.sequence < next) throw channelErrors.NoOpMsg(`packet sequence ${packet.sequence} already received`);
      if (packet.sequence !== next) throw channelErrors.PacketSequenceOutOfOrder(`packet sequence ≠ next receive sequence (${packet.sequence} ≠ ${next})`);
      store.setNextSequenceRecv(packet.destinationPort, packet.destinationChannel, next + 1n);
    } else {
      if (store.hasPacketReceipt(packet.destinationPort, packet.destinationChannel, packet.sequence)) throw channelErrors.NoOpMsg(`packet ${packet.sequence} already received`);
      store.setPacketReceipt(packet.destinationPort, packet.destinationChannel, packet.sequence);
    }
    for (const e of packetEvent('recv_packet', packet, ch)) ctx.events.emit(e);
    return ch;
  }

  writeAcknowledgement(ctx: Context, packet: Packet, ack: Uint8Array): void {
    const ch = this.channel(ctx, packet.destinationPort, packet.destinationChannel);
    const store = IbcStore.of(ctx);
    if (store.packetAck(packet.destinationPort, packet.destinationChannel, packet.sequence)) throw channelErrors.AcknowledgementExists(`sequence ${packet.sequence}`);
    if (ack.length === 0) throw channelErrors.InvalidAcknowledgement('acknowledgement cannot be empty');
    store.setPacketAck(packet.destinationPort, packet.destinationChannel, packet.sequence, commitAcknowledgement(ack));
    for (const e of packetEvent('write_acknowledgement', packet, ch, ack)) ctx.events.emit(e);
  }

  /** AcknowledgePacket: verifies the counterparty's ack, deletes our commitment. channel/23 when already acknowledged. */
  acknowledgePacket(ctx: Context, packet: Packet, ack: Uint8Array, proof: Uint8Array, proofHeight: Height): Channel {
    const ch = this.channel(ctx, packet.sourcePort, packet.sourceChannel);
    if (ch.state !== State.STATE_OPEN) throw channelErrors.InvalidChannelState(`channel state is not OPEN (got ${stateToJSON(ch.state)})`);
    this.checkDestination(packet, ch);
    const conn = this.connections.connection(ctx, ch.connectionHops[0]);
    this.requireOpen(conn);
    const store = IbcStore.of(ctx);
    const commitment = store.packetCommitment(packet.sourcePort, packet.sourceChannel, packet.sequence);
    if (!commitment) {
      for (const e of packetEvent('acknowledge_packet', packet, ch)) ctx.events.emit(e);
      throw channelErrors.NoOpMsg(`no commitment for packet ${packet.sequence}: already acknowledged, timed out, or never sent`);
    }
    if (!equalBytes(commitment, commitPacket(packet))) throw channelErrors.InvalidPacket('commitment bytes are not equal: the packet is not the one sent');
    this.connections.verifyPacketAcknowledgement(ctx, conn, proofHeight, proof, packet.destinationPort, packet.destinationChannel, packet.sequence, commitAcknowledgement(ack));
    if (ch.ordering === Order.ORDER_ORDERED) {
      const next = store.nextSequenceAck(packet.sourcePort, packet.sourceChannel);
      if (next === undefined) throw channelErrors.SequenceAckNotFound(`source port: ${packet.sourcePort}, source channel: ${packet.sourceChannel}`);
      if (packet.sequence !== next) throw channelErrors.PacketSequenceOutOfOrder(`packet sequence ≠ next ack sequence (${packet.sequence} ≠ ${next})`);
      store.setNextSequenceAck(packet.sourcePort, packet.sourceChannel, next + 1n);
    }
    store.deletePacketCommitment(packet.sourcePort, packet.sourceChannel, packet.sequence);
    for (const e of packetEvent('acknowledge_packet', packet, ch)) ctx.events.emit(e);
    return ch;
  }

  private checkDestination(packet: Packet, ch: Channel): void {
    if (packet.destinationPort !== ch.counterparty!.portId) throw channelErrors.InvalidPacket(`packet destination port doesn't match the counterparty's port (${packet.destinationPort} ≠ ${ch.counterparty!.portId})`);
    if (packet.destinationChannel !== ch.counterparty!.channelId) throw channelErrors.InvalidPacket(`packet destination channel doesn't match the counterparty's channel (${packet.destinationChannel} ≠ ${ch.counterparty!.channelId})`);
  }

  /**
   * TimeoutPacket / TimeoutOnClose: the counterparty never received the packet (receipt absent,
   * or its next receive sequence is not past it) and its timeout passed there, or its channel is
   * closed (`closed` carries the proof). Deletes the commitment; an ordered channel closes.
   */
  timeoutPacket(ctx: Context, packet: Packet, proof: Uint8Array, proofHeight: Height, nextSequenceRecv: bigint, closed?: { proofClose: Uint8Array }): Channel {
    const ch = this.channel(ctx, packet.sourcePort, packet.sourceChannel);
    this.checkDestination(packet, ch);
    const conn = this.connections.connection(ctx, ch.connectionHops[0]);
    if (!closed) {
      const proofTs = this.connections.timestampAtHeight(ctx, conn, proofHeight);
      const th = packet.timeoutHeight ?? ZERO_HEIGHT;
      const heightPassed = !isZeroHeight(th) && compareHeights(proofHeight, th) >= 0;
      const timePassed = packet.timeoutTimestamp !== 0n && proofTs >= packet.timeoutTimestamp;
      if (!heightPassed && !timePassed) throw channelErrors.TimeoutNotReached(`packet timeout has not been reached for height or timestamp (proof height ${heightString(proofHeight)}, proof timestamp ${proofTs})`);
    }
    const store = IbcStore.of(ctx);
    const commitment = store.packetCommitment(packet.sourcePort, packet.sourceChannel, packet.sequence);
    if (!commitment) {
      for (const e of packetEvent('timeout_packet', packet, ch)) ctx.events.emit(e);
      throw channelErrors.NoOpMsg(`no commitment for packet ${packet.sequence}: already acknowledged or timed out`);
    }
    if (!closed && ch.state !== State.STATE_OPEN) throw channelErrors.InvalidChannelState(`channel state is not OPEN (got ${stateToJSON(ch.state)})`);
    if (!equalBytes(commitment, commitPacket(packet))) throw channelErrors.InvalidPacket('packet commitment bytes are not equal');
    if (closed) {
      const expected = Channel.fromPartial({
        state: State.STATE_CLOSED,
        ordering: ch.ordering,
        counterparty: { portId: packet.sourcePort, channelId: packet.sourceChannel },
        connectionHops: [conn.counterparty!.connectionId],
        version: ch.version,
      });
      this.connections.verifyChannelState(ctx, conn, proofHeight, closed.proofClose, ch.counterparty!.portId, ch.counterparty!.channelId, expected);
    }
    if (ch.ordering === Order.ORDER_ORDERED) {
      if (nextSequenceRecv > packet.sequence) throw channelErrors.PacketReceived(`packet already received, next sequence receive > packet sequence (${nextSequenceRecv} > ${packet.sequence})`);
      this.connections.verifyNextSequenceRecv(ctx, conn, proofHeight, proof, packet.destinationPort, packet.destinationChannel, nextSequenceRecv);
    } else {
      this.connections.verifyPacketReceiptAbsence(ctx, conn, proofHeight, proof, packet.destinationPort, packet.destinationChannel, packet.sequence);
    }
    store.deletePacketCommitment(packet.sourcePort, packet.sourceChannel, packet.sequence);
    if (ch.ordering === Order.ORDER_ORDERED && ch.state !== State.STATE_CLOSED) {
      ch.state = State.STATE_CLOSED;
      store.setChannel(packet.sourcePort, packet.sourceChannel, ch);
      this.emit(ctx, 'channel_closed', packet.sourcePort, packet.sourceChannel, ch);
    }
    for (const e of packetEvent('timeout_packet', packet, ch)) ctx.events.emit(e);
    return ch;
  }
}

/** Packet.ValidateBasic. */
export function validatePacket(p: Packet): void {
  validatePortId(p.sourcePort);
  validateChannelId(p.sourceChannel);
  validatePortId(p.destinationPort);
  validateChannelId(p.destinationChannel);
  if (p.sequence === 0n) throw channelErrors.InvalidPacket('packet sequence cannot be 0');
  if (isZeroHeight(p.timeoutHeight) && p.timeoutTimestamp === 0n) throw channelErrors.InvalidPacket('packet timeout height and packet timeout timestamp cannot both be 0');
  if (p.data.length === 0) throw channelErrors.InvalidPacket('packet data bytes cannot be empty');
}
