/**
 * ibc.core.{client,connection,channel}.v1.Msg: decode, validate, one keeper call. Packet messages
 * follow ibc-go v8's msg server: the core check runs in a branch, a redundant relay is a no-op
 * (result NOOP, no state change, no events), the application's receive callback runs in its own
 * branch that is discarded when it returns an error acknowledgement.
 */
import {
  MsgCreateClient, MsgCreateClientResponse, MsgSubmitMisbehaviour, MsgSubmitMisbehaviourResponse, MsgUpdateClient, MsgUpdateClientResponse,
} from 'cosmjs-types/ibc/core/client/v1/tx';
import {
  MsgConnectionOpenAck, MsgConnectionOpenAckResponse, MsgConnectionOpenConfirm, MsgConnectionOpenConfirmResponse,
  MsgConnectionOpenInit, MsgConnectionOpenInitResponse, MsgConnectionOpenTry, MsgConnectionOpenTryResponse,
} from 'cosmjs-types/ibc/core/connection/v1/tx';
import {
  MsgAcknowledgement, MsgAcknowledgementResponse, MsgChannelCloseConfirm, MsgChannelCloseConfirmResponse, MsgChannelCloseInit,
  MsgChannelCloseInitResponse, MsgChannelOpenAck, MsgChannelOpenAckResponse, MsgChannelOpenConfirm, MsgChannelOpenConfirmResponse,
  MsgChannelOpenInit, MsgChannelOpenInitResponse, MsgChannelOpenTry, MsgChannelOpenTryResponse, MsgRecvPacket, MsgRecvPacketResponse,
  MsgTimeout, MsgTimeoutOnClose, MsgTimeoutOnCloseResponse, MsgTimeoutResponse, ResponseResultType,
} from 'cosmjs-types/ibc/core/channel/v1/tx';
import type { Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import type { Context } from '../../src/types/context';
import type { ChannelKeeper } from './channel_keeper';
import { validatePacket } from './channel_keeper';
import type { ClientKeeper } from './client_keeper';
import type { ConnectionKeeper } from './connection_keeper';
import { validateVersion } from './connection_keeper';
import { channelErrors, clientErrors, commitmentErrors, connectionErrors } from './errors';
import { isZeroHeight, validateClientId, validateConnectionId, validateChannelId, validatePortId } from './host';

export interface IbcKeepers {
  clients: ClientKeeper;
  connections: ConnectionKeeper;
  channels: ChannelKeeper;
}

const NOOP = ResponseResultType.RESPONSE_RESULT_TYPE_NOOP;
const SUCCESS = ResponseResultType.RESPONSE_RESULT_TYPE_SUCCESS;

function route<M extends { signer: string }, R>(type: MsgRoute<M, R>['type'], response: MsgRoute<M, R>['response'], addrs: AddressCodec, validate: ((m: M) => void) | undefined, handle: (ctx: Context, m: M) => R): MsgRoute<M, R> {
  return {
    type,
    response,
    signers: (m) => [m.signer],
    validate: (m) => {
      addrs.decode(m.signer);
      validate?.(m);
    },
    handle,
  };
}

function requireProof(p: Uint8Array, what: string): void {
  if (p.length === 0) throw commitmentErrors.InvalidProof(`cannot submit an empty ${what} proof`);
}

function requireHeight(h: { revisionHeight: bigint; revisionNumber: bigint } | undefined, what = 'proof height'): void {
  if (isZeroHeight(h)) throw clientErrors.InvalidHeight(`${what} must be non-zero`);
}

/** Runs `f` in a branch kept only when it succeeds; a channel/23 no-op keeps nothing and returns false. */
function core(ctx: Context, f: (c: Context) => void): boolean {
  const b = ctx.branch();
  try {
    f(b.ctx);
  } catch (e) {
    if (channelErrors.NoOpMsg.is(e)) return false;
    throw e;
  }
  b.write();
  return true;
}

export function ibcMsgs(k: IbcKeepers, addrs: AddressCodec): MsgRoute[] {
  const { clients, connections, channels } = k;
  const packetOf = (p: Packet | undefined): Packet => {
    if (!p) throw channelErrors.InvalidPacket('packet cannot be nil');
    validatePacket(p);
    return p;
  };
  return [
    // --- 02-client ---
    route(MsgCreateClient, MsgCreateClientResponse, addrs, undefined, (ctx, m) => ({ clientId: clients.create(ctx, m.clientState, m.consensusState) })),
    route(MsgUpdateClient, MsgUpdateClientResponse, addrs, (m) => validateClientId(m.clientId), (ctx, m) => {
      clients.update(ctx, m.clientId, m.clientMessage);
      return {};
    }),
    route(MsgSubmitMisbehaviour, MsgSubmitMisbehaviourResponse, addrs, (m) => validateClientId(m.clientId), (ctx, m) => {
      if (!m.misbehaviour) throw clientErrors.InvalidMisbehaviour('misbehaviour cannot be nil');
      clients.update(ctx, m.clientId, Any.fromPartial(m.misbehaviour));
      return {};
    }),
    // --- 03-connection ---
    route(MsgConnectionOpenInit, MsgConnectionOpenInitResponse, addrs, (m) => {
      validateClientId(m.clientId);
      if (m.counterparty.connectionId !== '') throw connectionErrors.InvalidCounterparty('counterparty connection identifier must be empty');
      if ((m.counterparty.prefix?.keyPrefix.length ?? 0) === 0) throw commitmentErrors.InvalidPrefix('counterparty prefix cannot be empty');
      if (m.version) validateVersion(m.version);
    }, (ctx, m) => {
      connections.openInit(ctx, m.clientId, m.counterparty, m.version, m.delayPeriod);
      return {};
    }),
    route(MsgConnectionOpenTry, MsgConnectionOpenTryResponse, addrs, (m) => {
      validateClientId(m.clientId);
      validateConnectionId(m.counterparty.connectionId);
      if (m.counterpartyVersions.length === 0) throw connectionErrors.InvalidVersion('empty counterparty versions');
      m.counterpartyVersions.forEach(validateVersion);
      for (const [p, w] of [[m.proofInit, 'init'], [m.proofClient, 'client state'], [m.proofConsensus, 'consensus state']] as const) requireProof(p, w);
      requireHeight(m.proofHeight);
      requireHeight(m.consensusHeight, 'consensus height');
    }, (ctx, m) => {
      connections.openTry(ctx, m);
      return {};
    }),
    route(MsgConnectionOpenAck, MsgConnectionOpenAckResponse, addrs, (m) => {
      validateConnectionId(m.connectionId);
      validateConnectionId(m.counterpartyConnectionId);
      validateVersion(m.version);
      for (const [p, w] of [[m.proofTry, 'try'], [m.proofClient, 'client state'], [m.proofConsensus, 'consensus state']] as const) requireProof(p, w);
      requireHeight(m.proofHeight);
      requireHeight(m.consensusHeight, 'consensus height');
    }, (ctx, m) => {
      connections.openAck(ctx, m);
      return {};
    }),
    route(MsgConnectionOpenConfirm, MsgConnectionOpenConfirmResponse, addrs, (m) => {
      validateConnectionId(m.connectionId);
      requireProof(m.proofAck, 'ack');
      requireHeight(m.proofHeight);
    }, (ctx, m) => {
      connections.openConfirm(ctx, m);
      return {};
    }),
    // --- 04-channel handshake ---
    route(MsgChannelOpenInit, MsgChannelOpenInitResponse, addrs, (m) => validatePortId(m.portId), (ctx, m) => channels.openInit(ctx, m.portId, m.channel)),
    route(MsgChannelOpenTry, MsgChannelOpenTryResponse, addrs, (m) => {
      validatePortId(m.portId);
      requireProof(m.proofInit, 'init');
      requireHeight(m.proofHeight);
    }, (ctx, m) => channels.openTry(ctx, m.portId, m.channel, m.counterpartyVersion, m.proofInit, m.proofHeight)),
    route(MsgChannelOpenAck, MsgChannelOpenAckResponse, addrs, (m) => {
      validatePortId(m.portId);
      validateChannelId(m.channelId);
      requireProof(m.proofTry, 'try');
      requireHeight(m.proofHeight);
    }, (ctx, m) => {
      channels.openAck(ctx, m.portId, m.channelId, m.counterpartyChannelId, m.counterpartyVersion, m.proofTry, m.proofHeight);
      return {};
    }),
    route(MsgChannelOpenConfirm, MsgChannelOpenConfirmResponse, addrs, (m) => {
      validatePortId(m.portId);
      validateChannelId(m.channelId);
      requireProof(m.proofAck, 'ack');
      requireHeight(m.proofHeight);
    }, (ctx, m) => {
      channels.openConfirm(ctx, m.portId, m.channelId, m.proofAck, m.proofHeight);
      return {};
    }),
    route(MsgChannelCloseInit, MsgChannelCloseInitResponse, addrs, (m) => {
      validatePortId(m.portId);
      validateChannelId(m.channelId);
    }, (ctx, m) => {
      channels.closeInit(ctx, m.portId, m.channelId);
      return {};
    }),
    route(MsgChannelCloseConfirm, MsgChannelCloseConfirmResponse, addrs, (m) => {
      validatePortId(m.portId);
      validateChannelId(m.channelId);
      requireProof(m.proofInit, 'init');
      requireHeight(m.proofHeight);
    }, (ctx, m) => {
      channels.closeConfirm(ctx, m.portId, m.channelId, m.proofInit, m.proofHeight);
      return {};
    }),
    // --- 04-channel packets ---
    route(MsgRecvPacket, MsgRecvPacketResponse, addrs, (m) => {
      packetOf(m.packet);
      requireProof(m.proofCommitment, 'commitment');
      requireHeight(m.proofHeight);
    }, (ctx, m) => {
      const packet = m.packet;
      if (!core(ctx, (c) => channels.recvPacket(c, packet, m.proofCommitment, m.proofHeight))) return { result: NOOP };
      const app = channels.ports.route(packet.destinationPort);
      const b = ctx.branch();
      const ack = app.onRecvPacket(b.ctx, packet, m.signer);
      if (ack.success) b.write();
      channels.writeAcknowledgement(ctx, packet, ack.bytes);
      return { result: SUCCESS };
    }),
    route(MsgAcknowledgement, MsgAcknowledgementResponse, addrs, (m) => {
      packetOf(m.packet);
      requireProof(m.proofAcked, 'acknowledgement');
      requireHeight(m.proofHeight);
      if (m.acknowledgement.length === 0) throw channelErrors.InvalidAcknowledgement('ack bytes cannot be empty');
    }, (ctx, m) => {
      if (!core(ctx, (c) => channels.acknowledgePacket(c, m.packet, m.acknowledgement, m.proofAcked, m.proofHeight))) return { result: NOOP };
      channels.ports.route(m.packet.sourcePort).onAcknowledgementPacket(ctx, m.packet, m.acknowledgement, m.signer);
      return { result: SUCCESS };
    }),
    route(MsgTimeout, MsgTimeoutResponse, addrs, (m) => {
      packetOf(m.packet);
      requireProof(m.proofUnreceived, 'unreceived');
      requireHeight(m.proofHeight);
      if (m.nextSequenceRecv === 0n) throw channelErrors.InvalidPacket('next sequence receive cannot be 0');
    }, (ctx, m) => {
      if (!core(ctx, (c) => channels.timeoutPacket(c, m.packet, m.proofUnreceived, m.proofHeight, m.nextSequenceRecv))) return { result: NOOP };
      channels.ports.route(m.packet.sourcePort).onTimeoutPacket(ctx, m.packet, m.signer);
      return { result: SUCCESS };
    }),
    route(MsgTimeoutOnClose, MsgTimeoutOnCloseResponse, addrs, (m) => {
      packetOf(m.packet);
      requireProof(m.proofUnreceived, 'unreceived');
      requireProof(m.proofClose, 'close');
      requireHeight(m.proofHeight);
      if (m.nextSequenceRecv === 0n) throw channelErrors.InvalidPacket('next sequence receive cannot be 0');
    }, (ctx, m) => {
      if (!core(ctx, (c) => channels.timeoutPacket(c, m.packet, m.proofUnreceived, m.proofHeight, m.nextSequenceRecv, { proofClose: m.proofClose }))) return { result: NOOP };
      channels.ports.route(m.packet.sourcePort).onTimeoutPacket(ctx, m.packet, m.signer);
      return { result: SUCCESS };
    }),
  ] as MsgRoute[];
}


