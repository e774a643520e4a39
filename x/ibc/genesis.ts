/**
 * x/ibc genesis: clients (with consensus states and their metadata), connections, channels,
 * packet commitments, receipts, acknowledgements and sequences, in ibc-go's GenesisState
 * (cosmjs-types 0.11's shape, whose IBC v2 sections stay empty). Export then import restores
 * the `ibc` store key for key.
 */
import { GenesisState } from 'cosmjs-types/ibc/core/types/v1/genesis';
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { ModuleGenesis } from '../../src/app/module';
import type { Context } from '../../src/types/context';
import { ALLOWED_CLIENTS } from './client_keeper';
import { MAX_EXPECTED_TIME_PER_BLOCK_NS } from './connection_keeper';
import { hostErrors } from './errors';
import { key, validateClientId, type Height } from './host';
import { CLIENT_TYPE, clientStateAnyBytes, consensusStateAnyBytes, TendermintClient, unpackClientState, unpackConsensusState } from './lightclient/tendermint';
import { StoreKey } from './keys';
import { IbcStore } from './store';

const u64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
};
const enc = new TextEncoder();
const dec = new TextDecoder();

export function ibcGenesis(): ModuleGenesis<GenesisState> {
  const defaults = () =>
    GenesisState.fromPartial({
      clientGenesis: { clients: [], clientsConsensus: [], clientsMetadata: [], params: { allowedClients: ALLOWED_CLIENTS }, createLocalhost: false, nextClientSequence: 0n },
      connectionGenesis: { connections: [], clientConnectionPaths: [], nextConnectionSequence: 0n, params: { maxExpectedTimePerBlock: MAX_EXPECTED_TIME_PER_BLOCK_NS } },
      channelGenesis: { channels: [], acknowledgements: [], commitments: [], receipts: [], sendSequences: [], recvSequences: [], ackSequences: [], nextChannelSequence: 0n },
    });
  return {
    type: GenesisState,
    default: defaults,
    validate: (g) => {
      for (const c of g.clientGenesis?.clients ?? []) {
        validateClientId(c.clientId);
        unpackClientState(c.clientState);
      }
      for (const c of g.clientGenesis?.clientsConsensus ?? []) for (const cs of c.consensusStates) unpackConsensusState(cs.consensusState);
      for (const ch of g.channelGenesis?.channels ?? []) if (!ch.portId || !ch.channelId) throw hostErrors.InvalidID('genesis channel without port or channel id');
    },
    init: (ctx, g) => initGenesis(ctx, g),
    export: (ctx) => exportGenesis(ctx, defaults()),
  };
}

function initGenesis(ctx: Context, g: GenesisState): void {
  const store = IbcStore.of(ctx);
  const kv = ctx.kv(StoreKey);
  const cg = g.clientGenesis;
  for (const c of cg?.clients ?? []) kv.set(key(`clients/${c.clientId}/clientState`), clientStateAnyBytes(unpackClientState(c.clientState)));
  for (const c of cg?.clientsConsensus ?? []) {
    for (const cs of c.consensusStates) kv.set(key(`clients/${c.clientId}/consensusStates/${cs.height.revisionNumber}-${cs.height.revisionHeight}`), consensusStateAnyBytes(unpackConsensusState(cs.consensusState)));
  }
  for (const m of cg?.clientsMetadata ?? []) for (const kvp of m.clientMetadata) kv.set(concat(enc.encode(`clients/${m.clientId}/`), kvp.key), kvp.value);
  kv.set(key('nextClientSequence'), u64(cg?.nextClientSequence ?? 0n));

  const kg = g.connectionGenesis;
  for (const c of kg?.connections ?? []) store.setConnection(c.id, { clientId: c.clientId, versions: c.versions, state: c.state, counterparty: c.counterparty, delayPeriod: c.delayPeriod });
  for (const p of kg?.clientConnectionPaths ?? []) for (const id of p.paths) store.addClientConnection(p.clientId, id);
  kv.set(key('nextConnectionSequence'), u64(kg?.nextConnectionSequence ?? 0n));

  const hg = g.channelGenesis;
  for (const c of hg?.channels ?? []) store.setChannel(c.portId, c.channelId, { state: c.state, ordering: c.ordering, counterparty: c.counterparty, connectionHops: c.connectionHops, version: c.version });
  for (const p of hg?.commitments ?? []) store.setPacketCommitment(p.portId, p.channelId, p.sequence, p.data);
  for (const p of hg?.acknowledgements ?? []) store.setPacketAck(p.portId, p.channelId, p.sequence, p.data);
  for (const p of hg?.receipts ?? []) store.setPacketReceipt(p.portId, p.channelId, p.sequence);
  for (const s of hg?.sendSequences ?? []) store.setNextSequenceSend(s.portId, s.channelId, s.sequence);
  for (const s of hg?.recvSequences ?? []) store.setNextSequenceRecv(s.portId, s.channelId, s.sequence);
  for (const s of hg?.ackSequences ?? []) store.setNextSequenceAck(s.portId, s.channelId, s.sequence);
  kv.set(key('nextChannelSequence'), u64(hg?.nextChannelSequence ?? 0n));
}

function exportGenesis(ctx: Context, g: GenesisState): GenesisState {
  const store = IbcStore.of(ctx);
  const kv = ctx.kv(StoreKey);
  const cg = g.clientGenesis;
  cg.nextClientSequence = store.peekSequence('nextClientSequence');
  for (let i = 0n; i < cg.nextClientSequence; i++) {
    const clientId = `${CLIENT_TYPE}-${i}`;
    const client = new TendermintClient(kv, clientId);
    const cs = client.clientState();
    if (!cs) continue;
    cg.clients.push({ clientId, clientState: Any.decode(clientStateAnyBytes(cs)) });
    const heights: Height[] = [...client.consensusHeights()];
    cg.clientsConsensus.push({
      clientId,
      consensusStates: heights.map((h) => ({ height: h, consensusState: Any.decode(consensusStateAnyBytes(client.consensusState(h)!)) })),
    });
    // metadata: everything in the client store but the client and consensus states themselves
    const prefix = `clients/${clientId}/`;
    const metadata = [];
    for (const [k, v] of store.rawUnder(prefix)) {
      const rel = k.subarray(prefix.length);
      const s = dec.decode(rel);
      if (s === 'clientState' || s === 'connections' || /^consensusStates\/[0-9]+-[0-9]+$/.test(s)) continue;
      metadata.push({ key: Uint8Array.from(rel), value: Uint8Array.from(v) });
    }
    if (metadata.length > 0) cg.clientsMetadata.push({ clientId, clientMetadata: metadata });
    const paths = store.clientConnections(clientId);
    if (paths.length > 0) g.connectionGenesis.clientConnectionPaths.push({ clientId, paths });
  }
  const kg = g.connectionGenesis;
  for (const [id, c] of store.connections()) kg.connections.push({ ...c, id });
  kg.nextConnectionSequence = store.peekSequence('nextConnectionSequence');
  const hg = g.channelGenesis;
  for (const [portId, channelId, c] of store.channels()) {
    hg.channels.push({ ...c, portId, channelId });
    for (const [sequence, data] of store.packetCommitments(portId, channelId)) hg.commitments.push({ portId, channelId, sequence, data });
    for (const [sequence, data] of store.packetAcks(portId, channelId)) hg.acknowledgements.push({ portId, channelId, sequence, data });
    for (const [sequence, data] of store.packetReceipts(portId, channelId)) hg.receipts.push({ portId, channelId, sequence, data });
    const send = store.nextSequenceSend(portId, channelId);
    const recv = store.nextSequenceRecv(portId, channelId);
    const ack = store.nextSequenceAck(portId, channelId);
    if (send !== undefined) hg.sendSequences.push({ portId, channelId, sequence: send });
    if (recv !== undefined) hg.recvSequences.push({ portId, channelId, sequence: recv });
    if (ack !== undefined) hg.ackSequences.push({ portId, channelId, sequence: ack });
  }
  hg.nextChannelSequence = store.peekSequence('nextChannelSequence');
  return g;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
