/**
 * The IBC core query services (ibc.core.{client,connection,channel}.v1.Query) at their gRPC
 * paths over ABCI query, as ibc-go answers them: values from the committed height asked for,
 * `proof_height` = this chain's height, empty proofs (relayers prove through /store/ibc/key),
 * NotFound errors for absent states, pagination by key or offset.
 */
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import * as clientQ from 'cosmjs-types/ibc/core/client/v1/query';
import * as connQ from 'cosmjs-types/ibc/core/connection/v1/query';
import * as chanQ from 'cosmjs-types/ibc/core/channel/v1/query';
import { Order } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { QueryRoute } from '../../src/app/module';
import type { Context } from '../../src/types/context';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import { sdk } from '../../src/types/errors';
import { ALLOWED_CLIENTS, type ClientKeeper } from './client_keeper';
import type { ChannelKeeper } from './channel_keeper';
import { MAX_EXPECTED_TIME_PER_BLOCK_NS, type ConnectionKeeper } from './connection_keeper';
import { heightString, type Height } from './host';
import { clientStateAnyBytes, consensusStateAnyBytes, CLIENT_TYPE } from './lightclient/tendermint';
import { IbcStore } from './store';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Pages a key-sorted list: `key` is the sort key of the first item of the page. */
export function pageList<T>(items: [string, T][], req: PageRequest | undefined): { items: T[]; pagination: PageResponse } {
  const sorted = [...items].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const key = req?.key && req.key.length > 0 ? dec.decode(req.key) : undefined;
  if (key !== undefined && (req?.offset ?? 0n) > 0n) throw sdk.InvalidRequest('invalid request, either offset or key is expected, got both');
  let limit = Number(req?.limit ?? 0n);
  if (limit === 0) limit = 100;
  if (limit > 1000) throw sdk.InvalidRequest(`pagination limit ${limit} exceeds the maximum of 1000`);
  let list = req?.reverse ? sorted.reverse() : sorted;
  if (key !== undefined) {
    const i = list.findIndex(([k]) => (req?.reverse ? k <= key : k >= key));
    list = i < 0 ? [] : list.slice(i);
  } else {
    list = list.slice(Number(req?.offset ?? 0n));
  }
  const page = list.slice(0, limit);
  const next = list[limit];
  return {
    items: page.map(([, v]) => v),
    pagination: { nextKey: next ? enc.encode(next[0]) : new Uint8Array(), total: req?.countTotal ? BigInt(sorted.length) : 0n },
  };
}

const clientAny = (b: Uint8Array) => Any.decode(b);

export function ibcQueries(k: { clients: ClientKeeper; connections: ConnectionKeeper; channels: ChannelKeeper }): QueryRoute[] {
  const { clients } = k;
  const selfHeight = (ctx: Context): Height => clients.selfHeight(ctx);
  const proof = (ctx: Context) => ({ proof: new Uint8Array(), proofHeight: selfHeight(ctx) });

  const clientStateAny = (ctx: Context, clientId: string): Any => {
    const cs = clients.client(ctx, clientId).clientState();
    if (!cs) throw notFound(`client ${clientId}: light client not found`);
    return clientAny(clientStateAnyBytes(cs));
  };
  const consensusAny = (ctx: Context, clientId: string, h: Height): Any => {
    const cs = clients.client(ctx, clientId).consensusState(h);
    if (!cs) throw notFound(`client-id: ${clientId}, height: ${heightString(h)}: consensus state not found`);
    return clientAny(consensusStateAnyBytes(cs));
  };
  const allClientIds = (ctx: Context): string[] => {
    const n = IbcStore.of(ctx).peekSequence('nextClientSequence');
    const ids: string[] = [];
    for (let i = 0n; i < n; i++) ids.push(`${CLIENT_TYPE}-${i}`);
    return ids;
  };
  const connectionOf = (ctx: Context, id: string) => {
    const c = IbcStore.of(ctx).connection(id);
    if (!c) throw notFound(`connection-id: ${id}: connection not found`);
    return c;
  };
  const channelOf = (ctx: Context, port: string, ch: string) => {
    const c = IbcStore.of(ctx).channel(port, ch);
    if (!c) throw notFound(`port-id: ${port}, channel-id ${ch}: channel not found`);
    return c;
  };
  const requireIds = (...ids: string[]) => {
    for (const id of ids) if (id.trim() === '') throw invalidArgument('identifier cannot be blank');
  };
  const identifiedChannel = (port: string, id: string, c: ReturnType<typeof channelOf>) => ({ ...c, portId: port, channelId: id, upgradeSequence: 0n });

  const routes: QueryRoute[] = [
    // --- client ---
    q('/ibc.core.client.v1.Query/ClientState', clientQ.QueryClientStateRequest, clientQ.QueryClientStateResponse, (ctx, r) => {
      requireIds(r.clientId);
      return { clientState: clientStateAny(ctx, r.clientId), ...proof(ctx) };
    }),
    q('/ibc.core.client.v1.Query/ClientStates', clientQ.QueryClientStatesRequest, clientQ.QueryClientStatesResponse, (ctx, r) => {
      const list = allClientIds(ctx).flatMap((id): [string, { clientId: string; clientState: Any }][] => {
        const cs = clients.client(ctx, id).clientState();
        return cs ? [[id, { clientId: id, clientState: clientAny(clientStateAnyBytes(cs)) }]] : [];
      });
      const { items, pagination } = pageList(list, r.pagination);
      return { clientStates: items, pagination };
    }),
    q('/ibc.core.client.v1.Query/ConsensusState', clientQ.QueryConsensusStateRequest, clientQ.QueryConsensusStateResponse, (ctx, r) => {
      requireIds(r.clientId);
      let h: Height = { revisionNumber: r.revisionNumber, revisionHeight: r.revisionHeight };
      if (r.latestHeight) {
        const cs = clients.client(ctx, r.clientId).clientState();
        if (!cs) throw notFound(`client ${r.clientId}: light client not found`);
        h = cs.latestHeight;
      } else if (r.revisionHeight === 0n) {
        throw invalidArgument('consensus state height cannot be 0');
      }
      return { consensusState: consensusAny(ctx, r.clientId, h), ...proof(ctx) };
    }),
    q('/ibc.core.client.v1.Query/ConsensusStates', clientQ.QueryConsensusStatesRequest, clientQ.QueryConsensusStatesResponse, (ctx, r) => {
      requireIds(r.clientId);
      const c = clients.client(ctx, r.clientId);
      const list = [...c.consensusHeights()].map((h): [string, { height: Height; consensusState: Any }] => [sortKey(h), { height: h, consensusState: consensusAny(ctx, r.clientId, h) }]);
      const { items, pagination } = pageList(list, r.pagination);
      return { consensusStates: items, pagination };
    }),
    q('/ibc.core.client.v1.Query/ConsensusStateHeights', clientQ.QueryConsensusStateHeightsRequest, clientQ.QueryConsensusStateHeightsResponse, (ctx, r) => {
      requireIds(r.clientId);
      const list = [...clients.client(ctx, r.clientId).consensusHeights()].map((h): [string, Height] => [sortKey(h), h]);
      const { items, pagination } = pageList(list, r.pagination);
      return { consensusStateHeights: items, pagination };
    }),
    q('/ibc.core.client.v1.Query/ClientStatus', clientQ.QueryClientStatusRequest, clientQ.QueryClientStatusResponse, (ctx, r) => {
      requireIds(r.clientId);
      return { status: clients.status(ctx, r.clientId) };
    }),
    q('/ibc.core.client.v1.Query/ClientParams', clientQ.QueryClientParamsRequest, clientQ.QueryClientParamsResponse, () => ({ params: { allowedClients: ALLOWED_CLIENTS } })),
    q('/ibc.core.client.v1.Query/UpgradedClientState', clientQ.QueryUpgradedClientStateRequest, clientQ.QueryUpgradedClientStateResponse, () => {
      throw notFound('upgraded client not found: no upgrade is planned');
    }),
    q('/ibc.core.client.v1.Query/UpgradedConsensusState', clientQ.QueryUpgradedConsensusStateRequest, clientQ.QueryUpgradedConsensusStateResponse, () => {
      throw notFound('upgraded consensus state not found: no upgrade is planned');
    }),
    // --- connection ---
    q('/ibc.core.connection.v1.Query/Connection', connQ.QueryConnectionRequest, connQ.QueryConnectionResponse, (ctx, r) => {
      requireIds(r.connectionId);
      return { connection: connectionOf(ctx, r.connectionId), ...proof(ctx) };
    }),
    q('/ibc.core.connection.v1.Query/Connections', connQ.QueryConnectionsRequest, connQ.QueryConnectionsResponse, (ctx, r) => {
      const list = [...IbcStore.of(ctx).connections()].map(([id, c]): [string, typeof c & { id: string }] => [id, { ...c, id }]);
      const { items, pagination } = pageList(list, r.pagination);
      return { connections: items, pagination, height: selfHeight(ctx) };
    }),
    q('/ibc.core.connection.v1.Query/ClientConnections', connQ.QueryClientConnectionsRequest, connQ.QueryClientConnectionsResponse, (ctx, r) => {
      requireIds(r.clientId);
      const list = IbcStore.of(ctx).clientConnections(r.clientId);
      if (list.length === 0) throw notFound(`client id: ${r.clientId}: light client connection paths not found`);
      return { connectionPaths: list, ...proof(ctx) };
    }),
    q('/ibc.core.connection.v1.Query/ConnectionClientState', connQ.QueryConnectionClientStateRequest, connQ.QueryConnectionClientStateResponse, (ctx, r) => {
      requireIds(r.connectionId);
      const c = connectionOf(ctx, r.connectionId);
      return { identifiedClientState: { clientId: c.clientId, clientState: clientStateAny(ctx, c.clientId) }, ...proof(ctx) };
    }),
    q('/ibc.core.connection.v1.Query/ConnectionConsensusState', connQ.QueryConnectionConsensusStateRequest, connQ.QueryConnectionConsensusStateResponse, (ctx, r) => {
      requireIds(r.connectionId);
      const c = connectionOf(ctx, r.connectionId);
      return { consensusState: consensusAny(ctx, c.clientId, { revisionNumber: r.revisionNumber, revisionHeight: r.revisionHeight }), clientId: c.clientId, ...proof(ctx) };
    }),
    q('/ibc.core.connection.v1.Query/ConnectionParams', connQ.QueryConnectionParamsRequest, connQ.QueryConnectionParamsResponse, () => ({ params: { maxExpectedTimePerBlock: MAX_EXPECTED_TIME_PER_BLOCK_NS } })),
    // --- channel ---
    q('/ibc.core.channel.v1.Query/Channel', chanQ.QueryChannelRequest, chanQ.QueryChannelResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      return { channel: channelOf(ctx, r.portId, r.channelId), ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/Channels', chanQ.QueryChannelsRequest, chanQ.QueryChannelsResponse, (ctx, r) => {
      const list = [...IbcStore.of(ctx).channels()].map(([p, id, c]): [string, ReturnType<typeof identifiedChannel>] => [`${p}/${id}`, identifiedChannel(p, id, c)]);
      const { items, pagination } = pageList(list, r.pagination);
      return { channels: items, pagination, height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/ConnectionChannels', chanQ.QueryConnectionChannelsRequest, chanQ.QueryConnectionChannelsResponse, (ctx, r) => {
      requireIds(r.connection);
      const list = [...IbcStore.of(ctx).channels()]
        .filter(([, , c]) => c.connectionHops[0] === r.connection)
        .map(([p, id, c]): [string, ReturnType<typeof identifiedChannel>] => [`${p}/${id}`, identifiedChannel(p, id, c)]);
      const { items, pagination } = pageList(list, r.pagination);
      return { channels: items, pagination, height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/ChannelClientState', chanQ.QueryChannelClientStateRequest, chanQ.QueryChannelClientStateResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const c = connectionOf(ctx, channelOf(ctx, r.portId, r.channelId).connectionHops[0]);
      return { identifiedClientState: { clientId: c.clientId, clientState: clientStateAny(ctx, c.clientId) }, ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/ChannelConsensusState', chanQ.QueryChannelConsensusStateRequest, chanQ.QueryChannelConsensusStateResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const c = connectionOf(ctx, channelOf(ctx, r.portId, r.channelId).connectionHops[0]);
      return { consensusState: consensusAny(ctx, c.clientId, { revisionNumber: r.revisionNumber, revisionHeight: r.revisionHeight }), clientId: c.clientId, ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/PacketCommitment', chanQ.QueryPacketCommitmentRequest, chanQ.QueryPacketCommitmentResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      if (r.sequence === 0n) throw invalidArgument('packet sequence cannot be 0');
      const c = IbcStore.of(ctx).packetCommitment(r.portId, r.channelId, r.sequence);
      if (!c || c.length === 0) throw notFound('packet commitment hash not found');
      return { commitment: c, ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/PacketCommitments', chanQ.QueryPacketCommitmentsRequest, chanQ.QueryPacketCommitmentsResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const list = [...IbcStore.of(ctx).packetCommitments(r.portId, r.channelId)].map(([s, data]): [string, { portId: string; channelId: string; sequence: bigint; data: Uint8Array }] => [seqKey(s), { portId: r.portId, channelId: r.channelId, sequence: s, data }]);
      const { items, pagination } = pageList(list, r.pagination);
      return { commitments: items, pagination, height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/PacketReceipt', chanQ.QueryPacketReceiptRequest, chanQ.QueryPacketReceiptResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      return { received: IbcStore.of(ctx).hasPacketReceipt(r.portId, r.channelId, r.sequence), ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/PacketAcknowledgement', chanQ.QueryPacketAcknowledgementRequest, chanQ.QueryPacketAcknowledgementResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const a = IbcStore.of(ctx).packetAck(r.portId, r.channelId, r.sequence);
      if (!a || a.length === 0) throw notFound('packet acknowledgement hash not found');
      return { acknowledgement: a, ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/PacketAcknowledgements', chanQ.QueryPacketAcknowledgementsRequest, chanQ.QueryPacketAcknowledgementsResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const store = IbcStore.of(ctx);
      let list: [bigint, Uint8Array][];
      if (r.packetCommitmentSequences.length > 0) {
        list = r.packetCommitmentSequences.flatMap((s): [bigint, Uint8Array][] => {
          const a = store.packetAck(r.portId, r.channelId, s);
          return a ? [[s, a]] : [];
        });
      } else {
        list = [...store.packetAcks(r.portId, r.channelId)];
      }
      const { items, pagination } = pageList(list.map(([s, data]) => [seqKey(s), { portId: r.portId, channelId: r.channelId, sequence: s, data }]), r.packetCommitmentSequences.length > 0 ? undefined : r.pagination);
      return { acknowledgements: items, pagination, height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/UnreceivedPackets', chanQ.QueryUnreceivedPacketsRequest, chanQ.QueryUnreceivedPacketsResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const ch = channelOf(ctx, r.portId, r.channelId);
      const store = IbcStore.of(ctx);
      for (const s of r.packetCommitmentSequences) if (s === 0n) throw invalidArgument('packet sequence cannot be 0');
      let sequences: bigint[];
      if (ch.ordering === Order.ORDER_ORDERED) {
        const next = store.nextSequenceRecv(r.portId, r.channelId);
        if (next === undefined) throw notFound(`destination port: ${r.portId}, destination channel: ${r.channelId}: sequence receive not found`);
        sequences = r.packetCommitmentSequences.filter((s) => s >= next);
      } else {
        sequences = r.packetCommitmentSequences.filter((s) => !store.hasPacketReceipt(r.portId, r.channelId, s));
      }
      return { sequences, height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/UnreceivedAcks', chanQ.QueryUnreceivedAcksRequest, chanQ.QueryUnreceivedAcksResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      channelOf(ctx, r.portId, r.channelId);
      const store = IbcStore.of(ctx);
      for (const s of r.packetAckSequences) if (s === 0n) throw invalidArgument('packet sequence cannot be 0');
      return { sequences: r.packetAckSequences.filter((s) => store.packetCommitment(r.portId, r.channelId, s) !== undefined), height: selfHeight(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/NextSequenceReceive', chanQ.QueryNextSequenceReceiveRequest, chanQ.QueryNextSequenceReceiveResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      channelOf(ctx, r.portId, r.channelId);
      const n = IbcStore.of(ctx).nextSequenceRecv(r.portId, r.channelId);
      if (n === undefined) throw notFound('sequence receive not found');
      return { nextSequenceReceive: n, ...proof(ctx) };
    }),
    q('/ibc.core.channel.v1.Query/NextSequenceSend', chanQ.QueryNextSequenceSendRequest, chanQ.QueryNextSequenceSendResponse, (ctx, r) => {
      requireIds(r.portId, r.channelId);
      const n = IbcStore.of(ctx).nextSequenceSend(r.portId, r.channelId);
      if (n === undefined) throw notFound('sequence send not found');
      return { nextSequenceSend: n, ...proof(ctx) };
    }),
  ];
  return routes;
}

/** Sorts heights numerically as strings. */
function sortKey(h: Height): string {
  return `${h.revisionNumber.toString().padStart(20, '0')}-${h.revisionHeight.toString().padStart(20, '0')}`;
}
function seqKey(s: bigint): string {
  return s.toString().padStart(20, '0');
}

function q<Q, R>(path: string, request: QueryRoute<Q, R>['request'], response: { encode(m: R): { finish(): Uint8Array }; decode(b: Uint8Array): R; fromPartial(o: any): R; typeUrl: string }, handle: (ctx: Context, req: Q) => any): QueryRoute<Q, R> {
  return { path, request, response: response as QueryRoute<Q, R>['response'], handle: (ctx, req) => response.fromPartial(handle(ctx, req)) };
}
