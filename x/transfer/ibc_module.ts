/**
 * The transfer application's IBC callbacks (ibc-go transfer/ibc_module.go): unordered channels
 * with version "ics20-1" on port "transfer" only; users cannot close channels; receive
 * returns a result or error acknowledgement; ack errors and timeouts refund.
 */
import { Order, orderToJSON, type Counterparty, type Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { Context } from '../../src/types/context';
import { channelErrors, ibcErrors, portErrors } from '../ibc/errors';
import type { Acknowledgement, IBCModule } from '../ibc/port_router';
import { VERSION } from './denom';
import { transferErrors } from './errors';
import { transferEvents } from './events';
import { abciCodeOf, type TransferKeeper } from './keeper';
import { PortId } from './keys';
import { decodePacketData, errorAck, parseAck, SUCCESS_ACK, validatePacketData } from './packet';

export function transferIbcModule(k: TransferKeeper): IBCModule {
  const validateChannel = (order: Order, portId: string) => {
    if (order !== Order.ORDER_UNORDERED) throw channelErrors.InvalidChannelOrdering(`expected ${orderToJSON(Order.ORDER_UNORDERED)} channel, got ${orderToJSON(order)}`);
    if (portId !== PortId) throw portErrors.InvalidPort(`invalid port: ${portId}, expected ${PortId}`);
  };
  const packetAttrs = (d: ReturnType<typeof decodePacketData>) => ({ sender: d.sender, receiver: d.receiver, denom: d.denom, amount: d.amount, memo: d.memo });

  return {
    onChanOpenInit(_ctx, order, _hops, portId, _channelId, _cp: Counterparty, version) {
      validateChannel(order, portId);
      if (version.trim() === '') return VERSION;
      if (version !== VERSION) throw transferErrors.InvalidVersion(`expected ${VERSION}, got ${version}`);
      return version;
    },
    onChanOpenTry(_ctx, order, _hops, portId, _channelId, _cp, counterpartyVersion) {
      validateChannel(order, portId);
      if (counterpartyVersion !== VERSION) throw transferErrors.InvalidVersion(`invalid counterparty version: expected ${VERSION}, got ${counterpartyVersion}`);
      return VERSION;
    },
    onChanOpenAck(_ctx, _port, _channel, _cpChannel, counterpartyVersion) {
      if (counterpartyVersion !== VERSION) throw transferErrors.InvalidVersion(`invalid counterparty version: expected ${VERSION}, got ${counterpartyVersion}`);
    },
    onChanOpenConfirm() {},
    onChanCloseInit() {
      throw ibcErrors.InvalidRequest('user cannot close channel');
    },
    onChanCloseConfirm() {},
    onRecvPacket(ctx: Context, packet: Packet): Acknowledgement {
      let ack: Acknowledgement = { success: true, bytes: SUCCESS_ACK };
      let data: ReturnType<typeof decodePacketData> | undefined;
      let error: unknown;
      try {
        data = decodePacketData(packet.data);
        const amount = validatePacketData(data);
        k.onRecvPacket(ctx, packet, data, amount);
      } catch (e) {
        error = e;
        ack = { success: false, bytes: errorAck(abciCodeOf(e)) };
      }
      const attrs: Record<string, string> = { ...(data ? packetAttrs(data) : {}), success: String(ack.success) };
      if (error) attrs.error = error instanceof Error ? error.message : String(error);
      ctx.events.emit(transferEvents.packet(attrs));
      return ack;
    },
    onAcknowledgementPacket(ctx: Context, packet: Packet, acknowledgement: Uint8Array) {
      const ack = parseAck(acknowledgement);
      const data = decodePacketData(packet.data);
      const amount = validatePacketData(data);
      if (!ack.success) k.refund(ctx, packet, data, amount);
      ctx.events.emit(transferEvents.packet({ ...packetAttrs(data), acknowledgement: new TextDecoder().decode(acknowledgement) }));
      ctx.events.emit(transferEvents.packet(ack.success ? { success: '\u0001' } : { error: ack.text }));
    },
    onTimeoutPacket(ctx: Context, packet: Packet) {
      const data = decodePacketData(packet.data);
      const amount = validatePacketData(data);
      k.refund(ctx, packet, data, amount);
      ctx.events.emit(transferEvents.timeout({ refundReceiver: data.sender, refundDenom: data.denom, refundAmount: data.amount, memo: data.memo }));
    },
  };
}
