/**
 * SLA on the in-process app. A provider stops heartbeating: at the close of the first window
 * without a heartbeat the breach slashes its bond by the penalty and pays the CONSUMER, x/resource
 * records an SLA breach in its reputation; when x/resource fails the node's lease the market lease
 * closes FAILED and the rest of the escrow goes back to the consumer. MsgReportBreach with a node-
 * signed heartbeat above the audited capacity is a breach; replays, forgeries, other nodes' and
 * windows that are not missed are refused with their codes and change nothing.
 */
import { EventSlaBreach } from '../../src/gen/hypermesh/market/v1/events';
import { BreachKind, LeaseState, RequestStatus } from '../../src/gen/hypermesh/market/v1/market';
import { LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import { parseTypedEventOf } from '../../src/codec/typed_event';
import { accountAddresses } from '../../src/crypto/address';
import { signHeartbeat } from '../../src/sdk/resource';
import { Dec } from '../../src/types/dec';
import { CHAIN_ID, HYPER, INTERVAL } from '../resource/test_helpers';
import { balance, bidMsg, createRequestMsg, heartbeatsMsg, invariants, mmsg, nodeKey, provider, setupMarket, type MarketSetup } from './test_helpers';

jest.setTimeout(120_000);
const PENALTY = 5n * HYPER;

async function leaseWithSla(x: MarketSetup, P: number, C: number, node: ReturnType<typeof nodeKey>, requestId: bigint, sla: object, durationBlocks = 20n) {
  await x.run(C, [createRequestMsg({ consumer: x.addr(C), resources: [['rcpu', 1n]], maxPrices: [['rcpu', '100000']], durationBlocks, biddingBlocks: 1n, sla })]);
  await x.run(P, [bidMsg(x.addr(P), requestId, node, [['rcpu', '100000']])]);
  const r = x.k.state.requests.get(x.ctx(), requestId)!;
  expect(r.status).toBe(RequestStatus.REQUEST_STATUS_MATCHED);
  return r.leaseId;
}

/** The SLA breaches of a list of events (default: the last block's Begin/EndBlock events). */
const breaches = (x: MarketSetup, events = x.t.lastBlock!.events ?? []) =>
  events.filter((e) => e.type === 'hypermesh.market.v1.EventSlaBreach').map((e) => parseTypedEventOf(EventSlaBreach, e));

describe('a provider stops heartbeats', () => {
  test('the breach slashes its bond, the consumer receives the penalty, its reputation drops; x/resource’s failure closes the lease FAILED with a refund', async () => {
    const x = await setupMarket({ market: { blockSeconds: 600n } });
    try {
      const [P, C] = [0, 1];
      const node = nodeKey(10);
      await provider(x, P, node);
      let seq = 0n;
      const beat = (advance = 1n) => x.run(C, [heartbeatsMsg(x.t, x.addr(C), [{ key: node, seq: ++seq }])], advance);
      await beat();
      await beat(INTERVAL);
      await beat(INTERVAL);
      const leaseId = await leaseWithSla(x, P, C, node, 1n, { maxMissedWindows: 1, penalty: PENALTY.toString(), uptimeBps: 9000 });
      const providerAddr = accountAddresses.decode(x.addr(P));
      // a served window
      await beat(INTERVAL);
      expect(x.k.state.leases.get(x.ctx(), leaseId)!).toMatchObject({ windowsServed: 1n, windowsMissed: 0n, breaches: 0 });

      const bond0 = BigInt(x.rk.getProvider(x.ctx(), providerAddr)!.bond);
      const consumer0 = balance(x.t, x.addr(C), 'uhyper');
      const rep0 = x.rk.getReputation(x.ctx(), providerAddr);
      // silence: the window in which the last heartbeat came closes served, the next one missed
      await x.tick(INTERVAL);
      await x.tick(INTERVAL);
      const [b] = breaches(x);
      expect(b).toMatchObject({ leaseId, provider: x.addr(P), consumer: x.addr(C), cause: 'missed_heartbeats', penalty: PENALTY.toString(), breaches: 1, reportedBy: '' });
      expect(BigInt(x.rk.getProvider(x.ctx(), providerAddr)!.bond)).toBe(bond0 - PENALTY);
      expect(balance(x.t, x.addr(C), 'uhyper') - consumer0).toBe(PENALTY);
      const rep1 = x.rk.getReputation(x.ctx(), providerAddr);
      expect(Dec.fromProto(rep1.slaBreached).gt(Dec.fromProto(rep0.slaBreached))).toBe(true);
      expect(Dec.fromProto(rep1.score).lt(Dec.fromProto(rep0.score))).toBe(true);
      expect(x.k.state.leases.get(x.ctx(), leaseId)!.state).toBe(LeaseState.LEASE_STATE_ACTIVE);
      expect(invariants(x)).toEqual([]);

      // the next missed window: a second streak breach, and x/resource fails the node's lease
      // (max_missed_windows 2): one more breach for the failure, then the lease closes FAILED
      const lease = x.k.state.leases.get(x.ctx(), leaseId)!;
      const escrowLeft = BigInt(lease.deposited) - BigInt(lease.paid);
      const consumer1 = balance(x.t, x.addr(C), 'uhyper');
      await x.tick(INTERVAL);
      expect(breaches(x).map((e) => e.cause)).toEqual(['missed_heartbeats', 'node_failed']);
      const closed = x.k.state.leases.get(x.ctx(), leaseId)!;
      expect(closed).toMatchObject({ state: LeaseState.LEASE_STATE_FAILED, breaches: 3, penaltiesPaid: (3n * PENALTY).toString() });
      // this block streamed one more share before the close; the rest came back
      const streamed = BigInt(closed.paid) - BigInt(lease.paid);
      expect(BigInt(closed.refunded)).toBe(escrowLeft - streamed);
      expect(balance(x.t, x.addr(C), 'uhyper') - consumer1).toBe(2n * PENALTY + BigInt(closed.refunded));
      expect(x.rk.state.leases.get(x.ctx(), closed.resources[0].resourceLeaseId)!.status).toBe(LeaseStatus.LEASE_STATUS_FAILED);
      expect(invariants(x)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});

describe('MsgReportBreach', () => {
  let x: MarketSetup;
  const [P, C, Q] = [0, 1, 2];
  const node = nodeKey(20);
  const other = nodeKey(21);
  let leaseId: bigint;
  beforeAll(async () => {
    x = await setupMarket({ market: { blockSeconds: 600n } });
    await provider(x, P, node, { cpu: 8000n });
    await provider(x, Q, other);
    await x.run(C, [heartbeatsMsg(x.t, x.addr(C), [{ key: node, seq: 1n }, { key: other, seq: 1n }])]);
    leaseId = await leaseWithSla(x, P, C, node, 1n, { maxMissedWindows: 2, penaltyBondFraction: Dec.fromString('0.01').toProto() });
  });
  afterAll(async () => {
    await x?.t.close();
  });

  const report = (hb?: ReturnType<typeof signHeartbeat>, kind = BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT) => mmsg('MsgReportBreach', { consumer: x.addr(C), leaseId, kind, heartbeat: hb });
  const overclaim = (seq: bigint, signer = node) => ({ ...signHeartbeat(signer, CHAIN_ID, { sequence: seq, height: BigInt(x.t.height), used: { cpuMillicores: 8001n } }), nodeId: node.nodeId });

  test.each([
    ['a heartbeat within the audited capacity', () => report(signHeartbeat(node, CHAIN_ID, { sequence: 5n, height: BigInt(x.t.height), used: { cpuMillicores: 8000n } })), 24],
    ['a heartbeat signed by another key', () => report(overclaim(5n, other)), 24],
    ['a heartbeat of another node', () => report(signHeartbeat(other, CHAIN_ID, { sequence: 5n, height: BigInt(x.t.height), used: { cpuMillicores: 99_000n } })), 24],
    ['a heartbeat signed for another chain', () => report({ ...signHeartbeat(node, 'other-chain', { sequence: 5n, height: BigInt(x.t.height), used: { cpuMillicores: 8001n } }) }), 24],
    ['missed heartbeats when none were missed', () => report(undefined, BreachKind.BREACH_KIND_MISSED_HEARTBEATS), 24],
  ])('refused: %s, nothing changes', async (_n, build, code) => {
    // the SLA record of the lease (its stream advances every block regardless)
    const sla = () => {
      const l = x.k.state.leases.get(x.ctx(), leaseId)!;
      return [l.breaches, l.penaltiesPaid, l.evidenceSequence, l.missedPenalizedThrough, l.state, l.closing];
    };
    const before = [balance(x.t, x.addr(C), 'uhyper'), x.rk.getProvider(x.ctx(), accountAddresses.decode(x.addr(P)))!.bond, sla()];
    const r = await x.result(C, [build()]);
    expect([r.codespace, r.code]).toEqual(['market', code]);
    const after = [balance(x.t, x.addr(C), 'uhyper') + 4000n, x.rk.getProvider(x.ctx(), accountAddresses.decode(x.addr(P)))!.bond, sla()];
    expect(after).toEqual(before);
  });

  test('a node-signed heartbeat above the audited capacity is a breach: 1% of the bond to the consumer; its replay is refused', async () => {
    const providerAddr = accountAddresses.decode(x.addr(P));
    const bond = BigInt(x.rk.getProvider(x.ctx(), providerAddr)!.bond);
    const consumer = balance(x.t, x.addr(C), 'uhyper');
    const r = await x.run(C, [report(overclaim(7n))]);
    expect(r.code).toBe(0);
    const penalty = bond / 100n;
    expect(BigInt(x.rk.getProvider(x.ctx(), providerAddr)!.bond)).toBe(bond - penalty);
    expect(balance(x.t, x.addr(C), 'uhyper') - consumer).toBe(penalty - 4000n);
    expect(breaches(x, r.events)).toEqual([expect.objectContaining({ cause: 'overclaimed_heartbeat', reportedBy: x.addr(C), penalty: penalty.toString(), breaches: 1 })]);
    const replay = await x.result(C, [report(overclaim(7n))]);
    expect([replay.codespace, replay.code]).toEqual(['market', 25]);
    const stranger = await x.result(Q, [mmsg('MsgReportBreach', { consumer: x.addr(Q), leaseId, kind: BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT, heartbeat: overclaim(8n) })]);
    expect([stranger.codespace, stranger.code]).toEqual(['sdk', 4]);
    expect(invariants(x)).toEqual([]);
  });
});
