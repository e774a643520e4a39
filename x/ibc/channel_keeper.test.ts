/**
 * 04-channel packet rules with the light client stubbed out (proof checks pass unless the proof
 * is "bad"): ordered channels (in-order receive and acknowledge, timeout closes the channel),
 * unordered channels (receipts), redundant relays as no-ops, mismatched packets, timeouts not yet
 * reached, handshake state checks. Two channel ends on one store stand for the two chains.
 */
import { Channel, Order, Packet, State } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { ConnectionEnd, State as ConnState } from 'cosmjs-types/ibc/core/connection/v1/connection';
import { MemKVStore } from '../../src/store/mem_store';
import { MultiBranch } from '../../src/store/multi_branch';
import { Context } from '../../src/types/context';
import type { ErrorKind } from '../../src/types/errors';
import { ChannelKeeper } from './channel_keeper';
import type { ClientKeeper } from './client_keeper';
import type { ConnectionKeeper } from './connection_keeper';
import { channelErrors, commitmentErrors, connectionErrors } from './errors';
import { PortRouter, type IBCModule } from './port_router';
import { IbcStore } from './store';

const H = (h: bigint) => ({ revisionNumber: 1n, revisionHeight: h });
const BAD = new TextEncoder().encode('bad');
const PROOF = new TextEncoder().encode('ok');

function setup(ordering: Order, o: { counterpartyTimeNs?: bigint } = {}) {
  const mem = new MemKVStore();
  const stores = new MultiBranch(['ibc'], () => mem);
  const ctx = new Context(stores, { chainId: 'hma-1', height: 100, timeNs: 1_000_000n, proposer: new Uint8Array() }, 'deliver');
  const verify = (p: Uint8Array) => {
    if (Buffer.from(p).equals(Buffer.from(BAD))) throw commitmentErrors.InvalidProof('stub: bad proof');
  };
  const clients = {
    selfHeight: () => H(100n),
    assertActive: () => undefined,
    existing: () => ({ clientState: () => ({ latestHeight: H(50n) }), timestampAt: () => 500n }),
  } as unknown as ClientKeeper;
  const connections = {
    connection: (_c: Context, id: string) => {
      const c = IbcStore.of(ctx).connection(id);
      if (!c) throw connectionErrors.ConnectionNotFound(id);
      return c;
    },
    verifyChannelState: (_c: Context, _conn: unknown, _h: unknown, p: Uint8Array) => verify(p),
    verifyPacketCommitment: (_c: Context, _conn: unknown, _h: unknown, p: Uint8Array) => verify(p),
    verifyPacketAcknowledgement: (_c: Context, _conn: unknown, _h: unknown, p: Uint8Array) => verify(p),
    verifyNextSequenceRecv: (_c: Context, _conn: unknown, _h: unknown, p: Uint8Array) => verify(p),
    verifyPacketReceiptAbsence: (_c: Context, _conn: unknown, _h: unknown, p: Uint8Array) => verify(p),
    timestampAtHeight: () => o.counterpartyTimeNs ?? 0n,
  } as unknown as ConnectionKeeper;
  const ports = new PortRouter();
  const app: IBCModule = {
    onChanOpenInit: (_c, _o, _h, _p, _ch, _cp, v) => v || 'mock-1',
    onChanOpenTry: (_c, _o, _h, _p, _ch, _cp, v) => v,
    onChanOpenAck: () => undefined,
    onChanOpenConfirm: () => undefined,
    onChanCloseInit: () => undefined,
    onChanCloseConfirm: () => undefined,
    onRecvPacket: () => ({ success: true, bytes: new TextEncoder().encode('{"result":"AQ=="}') }),
    onAcknowledgementPacket: () => undefined,
    onTimeoutPacket: () => undefined,
  };
  ports.bind('mock', app);
  const k = new ChannelKeeper(clients, connections, ports);
  const store = IbcStore.of(ctx);
  store.setConnection('connection-0', ConnectionEnd.fromPartial({
    clientId: '07-tendermint-0',
    versions: [{ identifier: '1', features: ['ORDER_ORDERED', 'ORDER_UNORDERED'] }],
    state: ConnState.STATE_OPEN,
    counterparty: { clientId: '07-tendermint-0', connectionId: 'connection-0', prefix: { keyPrefix: new TextEncoder().encode('ibc') } },
  }));
  // channel-0 (sender) and channel-1 (receiver), each the other's counterparty
  for (const [id, cp] of [['channel-0', 'channel-1'], ['channel-1', 'channel-0']]) {
    store.setChannel('mock', id, Channel.fromPartial({ state: State.STATE_OPEN, ordering, counterparty: { portId: 'mock', channelId: cp }, connectionHops: ['connection-0'], version: 'mock-1' }));
    for (const f of ['setNextSequenceSend', 'setNextSequenceRecv', 'setNextSequenceAck'] as const) store[f]('mock', id, 1n);
  }
  const send = (data = 'hello', timeoutHeight = H(200n), timeoutTimestamp = 0n): Packet => {
    const sequence = k.sendPacket(ctx, 'mock', 'channel-0', timeoutHeight, timeoutTimestamp, new TextEncoder().encode(data));
    return Packet.fromPartial({ sequence, sourcePort: 'mock', sourceChannel: 'channel-0', destinationPort: 'mock', destinationChannel: 'channel-1', data: new TextEncoder().encode(data), timeoutHeight, timeoutTimestamp });
  };
  return { ctx, k, store, send };
}

function expectError(kind: ErrorKind, f: () => unknown) {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  if (!kind.is(thrown)) throw new Error(`expected ${kind.codespace}/${kind.code}, got ${String(thrown)}`);
}

const ACK = new TextEncoder().encode('{"result":"AQ=="}');

test('ordered: receive and acknowledge in order only; redundant receive is a no-op', () => {
  const { ctx, k, store, send } = setup(Order.ORDER_ORDERED);
  const p1 = send('one');
  const p2 = send('two');
  expectError(channelErrors.PacketSequenceOutOfOrder, () => k.recvPacket(ctx, p2, PROOF, H(40n)));
  k.recvPacket(ctx, p1, PROOF, H(40n));
  expectError(channelErrors.NoOpMsg, () => k.recvPacket(ctx, p1, PROOF, H(40n)));
  k.recvPacket(ctx, p2, PROOF, H(40n));
  expect(store.nextSequenceRecv('mock', 'channel-1')).toBe(3n);
  expectError(channelErrors.PacketSequenceOutOfOrder, () => k.acknowledgePacket(ctx, p2, ACK, PROOF, H(40n)));
  k.acknowledgePacket(ctx, p1, ACK, PROOF, H(40n));
  k.acknowledgePacket(ctx, p2, ACK, PROOF, H(40n));
  expect(store.nextSequenceAck('mock', 'channel-0')).toBe(3n);
  expectError(channelErrors.NoOpMsg, () => k.acknowledgePacket(ctx, p1, ACK, PROOF, H(40n)));
});

test('ordered: a timeout closes the channel; a packet the counterparty received cannot time out', () => {
  const { ctx, k, store, send } = setup(Order.ORDER_ORDERED);
  const p = send('late', H(60n));
  expectError(channelErrors.PacketReceived, () => k.timeoutPacket(ctx, p, PROOF, H(60n), 2n));
  k.timeoutPacket(ctx, p, PROOF, H(60n), 1n);
  expect(store.channel('mock', 'channel-0')!.state).toBe(State.STATE_CLOSED);
  expect(store.packetCommitment('mock', 'channel-0', 1n)).toBeUndefined();
  expect(ctx.events.events.some((e) => e.type === 'channel_closed')).toBe(true);
  expectError(channelErrors.InvalidChannelState, () => k.sendPacket(ctx, 'mock', 'channel-0', H(500n), 0n, Uint8Array.of(1)));
});

test('unordered: receipts, redundant receive, mismatched or unknown acks, bad proofs', () => {
  const { ctx, k, store, send } = setup(Order.ORDER_UNORDERED);
  const p1 = send('a');
  const p2 = send('b');
  k.recvPacket(ctx, p2, PROOF, H(40n));
  expect(store.hasPacketReceipt('mock', 'channel-1', 2n)).toBe(true);
  expectError(channelErrors.NoOpMsg, () => k.recvPacket(ctx, p2, PROOF, H(40n)));
  expectError(commitmentErrors.InvalidProof, () => k.recvPacket(ctx, p1, BAD, H(40n)));
  expect(store.hasPacketReceipt('mock', 'channel-1', 1n)).toBe(false);
  // an ack for a packet whose data is not what was sent
  expectError(channelErrors.InvalidPacket, () => k.acknowledgePacket(ctx, { ...p1, data: new TextEncoder().encode('forged') }, ACK, PROOF, H(40n)));
  // an ack for a packet never sent: no commitment, a no-op
  expectError(channelErrors.NoOpMsg, () => k.acknowledgePacket(ctx, { ...p1, sequence: 99n }, ACK, PROOF, H(40n)));
  k.writeAcknowledgement(ctx, p2, ACK);
  expectError(channelErrors.AcknowledgementExists, () => k.writeAcknowledgement(ctx, p2, ACK));
  k.acknowledgePacket(ctx, p2, ACK, PROOF, H(40n));
  expect(store.packetCommitment('mock', 'channel-0', 2n)).toBeUndefined();
});

test('timeouts: not reached yet (channel/39), by height, by timestamp; receive after the timeout (channel/40)', () => {
  const { ctx, k, store, send } = setup(Order.ORDER_UNORDERED, { counterpartyTimeNs: 2_000n });
  const p = send('x', H(60n));
  expectError(channelErrors.TimeoutNotReached, () => k.timeoutPacket(ctx, p, PROOF, H(59n), 1n));
  expectError(commitmentErrors.InvalidProof, () => k.timeoutPacket(ctx, p, BAD, H(60n), 1n));
  k.timeoutPacket(ctx, p, PROOF, H(60n), 1n);
  expect(store.packetCommitment('mock', 'channel-0', 1n)).toBeUndefined();
  expect(store.channel('mock', 'channel-0')!.state).toBe(State.STATE_OPEN);
  const q = send('y', { revisionNumber: 0n, revisionHeight: 0n }, 1_500n);
  k.timeoutPacket(ctx, q, PROOF, H(41n), 1n); // the counterparty's time 2000 ≥ 1500
  // our own height (100) is past this packet's timeout height: it cannot be received here
  const r = { ...send('z', H(200n)), timeoutHeight: H(90n) };
  expectError(channelErrors.TimeoutElapsed, () => k.recvPacket(ctx, r, PROOF, H(40n)));
  // sending with a timeout the counterparty (latest height 50) has already passed
  expectError(channelErrors.TimeoutElapsed, () => k.sendPacket(ctx, 'mock', 'channel-0', H(50n), 0n, Uint8Array.of(1)));
});

test('handshake state checks', () => {
  const { ctx, k } = setup(Order.ORDER_UNORDERED);
  const init = k.openInit(ctx, 'mock', Channel.fromPartial({ state: State.STATE_INIT, ordering: Order.ORDER_ORDERED, counterparty: { portId: 'mock' }, connectionHops: ['connection-0'], version: '' }));
  expect(init).toEqual({ channelId: 'channel-0', version: 'mock-1' });
  // channel-0 already existed in the fixture: ids come from the sequence, so the fixture's is overwritten
  expectError(channelErrors.InvalidChannelState, () => k.openConfirm(ctx, 'mock', 'channel-0', PROOF, H(40n)));
  expectError(channelErrors.TooManyConnectionHops, () => k.openInit(ctx, 'mock', Channel.fromPartial({ state: State.STATE_INIT, ordering: Order.ORDER_ORDERED, counterparty: { portId: 'mock' }, connectionHops: ['connection-0', 'connection-1'], version: '' })));
  expectError(channelErrors.InvalidCounterparty, () => k.openInit(ctx, 'mock', Channel.fromPartial({ state: State.STATE_INIT, counterparty: { portId: 'mock', channelId: 'channel-9' }, connectionHops: ['connection-0'] })));
  k.openAck(ctx, 'mock', 'channel-0', 'channel-5', 'mock-1', PROOF, H(40n));
  k.closeInit(ctx, 'mock', 'channel-0');
  expectError(channelErrors.InvalidChannelState, () => k.closeInit(ctx, 'mock', 'channel-0'));
});

test('timeout on close: the counterparty channel proven CLOSED times a packet out before its timeout', () => {
  const { ctx, k, store, send } = setup(Order.ORDER_UNORDERED, { counterpartyTimeNs: 0n });
  const p = send('pending', H(500n));
  // not timed out by height or time: a plain timeout is refused
  expectError(channelErrors.TimeoutNotReached, () => k.timeoutPacket(ctx, p, PROOF, H(40n), 1n));
  // a bad proof of the closed counterparty channel
  expectError(commitmentErrors.InvalidProof, () => k.timeoutPacket(ctx, p, PROOF, H(40n), 1n, { proofClose: BAD }));
  expect(store.packetCommitment('mock', 'channel-0', 1n)).toBeDefined();
  k.timeoutPacket(ctx, p, PROOF, H(40n), 1n, { proofClose: PROOF });
  expect(store.packetCommitment('mock', 'channel-0', 1n)).toBeUndefined();
  expectError(channelErrors.NoOpMsg, () => k.timeoutPacket(ctx, p, PROOF, H(40n), 1n, { proofClose: PROOF }));
});
