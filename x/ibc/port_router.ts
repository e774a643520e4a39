/**
 * The port layer: an application binds a port ("transfer") and receives the channel handshake and
 * packet callbacks of every channel on it (ibc-go 05-port IBCModule). Ports are bound once, when
 * app.ts wires the modules; a channel belongs to the module bound to its port, which stands in
 * for ibc-go's capability objects (x/capability is not part of this chain).
 */
import type { Counterparty, Order, Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { Context } from '../../src/types/context';
import { portErrors } from './errors';
import { validatePortId } from './host';

export interface Acknowledgement {
  success: boolean;
  /** The bytes written as the acknowledgement (JSON {"result":...} or {"error":...}). */
  bytes: Uint8Array;
}

export interface IBCModule {
  onChanOpenInit(ctx: Context, order: Order, connectionHops: string[], portId: string, channelId: string, counterparty: Counterparty, version: string): string;
  onChanOpenTry(ctx: Context, order: Order, connectionHops: string[], portId: string, channelId: string, counterparty: Counterparty, counterpartyVersion: string): string;
  onChanOpenAck(ctx: Context, portId: string, channelId: string, counterpartyChannelId: string, counterpartyVersion: string): void;
  onChanOpenConfirm(ctx: Context, portId: string, channelId: string): void;
  onChanCloseInit(ctx: Context, portId: string, channelId: string): void;
  onChanCloseConfirm(ctx: Context, portId: string, channelId: string): void;
  /** Returns the acknowledgement; state written by a failed (error) acknowledgement is discarded. */
  onRecvPacket(ctx: Context, packet: Packet, relayer: string): Acknowledgement;
  onAcknowledgementPacket(ctx: Context, packet: Packet, acknowledgement: Uint8Array, relayer: string): void;
  onTimeoutPacket(ctx: Context, packet: Packet, relayer: string): void;
}

export class PortRouter {
  private readonly routes = new Map<string, IBCModule>();

  bind(portId: string, module: IBCModule): void {
    validatePortId(portId);
    if (this.routes.has(portId)) throw portErrors.PortExists(`port ${portId} is already bound`);
    this.routes.set(portId, module);
  }

  route(portId: string): IBCModule {
    const m = this.routes.get(portId);
    if (!m) throw portErrors.InvalidPort(`no module bound to port ${portId}`);
    return m;
  }

  get ports(): string[] {
    return [...this.routes.keys()].sort();
  }
}
