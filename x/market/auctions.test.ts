/**
 * Workload auctions and escrow streams on the in-process app: three providers bid, the documented
 * winner (lowest total, then highest reputation, then earliest) becomes a lease, the difference to
 * the max escrow is refunded, the lease streams floor(total × b / D) − floor(total × (b − 1) / D)
 * to the provider every block and closes EXHAUSTED with the total paid exactly; the x/resource
 * lease holding the capacity is ended with it. Bad bids are refused with their codes.
 */
import { LeaseState, RequestStatus } from '../../src/gen/hypermesh/market/v1/market';
import { LeaseOrigin, LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import { accountAddresses } from '../../src/crypto/address';
import { Dec } from '../../src/types/dec';
import { INTERVAL } from '../resource/test_helpers';
import { rankBids, requestBids } from './auctions';
import { dueAfter } from './leases';
import { balance, bidMsg, createRequestMsg, heartbeatsMsg, invariants, mmsg, nodeKey, provider, setupMarket, type MarketSetup } from './test_helpers';

jest.setTimeout(120_000);

describe('auction → lease → stream', () => {
  let x: MarketSetup;
  const [P0, P1, P2, P3, C] = [0, 1, 2, 3, 4];
  const nodes = [nodeKey(0), nodeKey(1), nodeKey(2), nodeKey(3)];
  let seq = 0n;
  const beat = (advance = 1n) => x.run(C, [heartbeatsMsg(x.t, x.addr(C), nodes.map((key) => ({ key, seq })))], advance);

  beforeAll(async () => {
    x = await setupMarket({ n: 6, market: { blockSeconds: 600n } });
    // P2 registers first (oldest: the highest reputation among equals), P3's node is not audited
    for (const i of [P2, P0, P1]) await provider(x, i, nodes[i]);
    await provider(x, P3, nodes[P3], { audited: false });
    seq++;
    await beat();
    seq++;
    await beat(INTERVAL); // window 1 (the nodes' registration window) closes; heartbeats in window 2
    seq++;
    await beat(INTERVAL); // window 2 closes with every node on time: reputations become positive
  });
  afterAll(async () => {
    await x?.t.close();
  });

  test('three bids; the winner is the lowest total, then the highest reputation, then the earliest', async () => {
    const before = balance(x.t, x.addr(C), 'uhyper');
    const r = await x.run(C, [createRequestMsg({ consumer: x.addr(C), resources: [['rcpu', 2n]], maxPrices: [['rcpu', '10000']], durationBlocks: 7n, biddingBlocks: 10n, attributes: [['tier', 'audited']] })]);
    expect(r.code).toBe(0);
    const request = x.k.state.requests.get(x.ctx(), 1n)!;
    expect(request).toMatchObject({ status: RequestStatus.REQUEST_STATUS_OPEN, escrow: '20000' });
    expect(before - balance(x.t, x.addr(C), 'uhyper')).toBe(20_000n + 4000n);

    // bad bids: a node without the audited attribute, a price above the max, another's node, a second bid
    const unaudited = await x.result(P3, [bidMsg(x.addr(P3), 1n, nodes[P3], [['rcpu', '5000']])]);
    expect([unaudited.codespace, unaudited.code]).toEqual(['market', 17]);
    const tooHigh = await x.result(P1, [bidMsg(x.addr(P1), 1n, nodes[P1], [['rcpu', '10001']])]);
    expect([tooHigh.codespace, tooHigh.code]).toEqual(['market', 16]);
    const notMine = await x.result(P1, [bidMsg(x.addr(P1), 1n, nodes[P0], [['rcpu', '8000']])]);
    expect([notMine.codespace, notMine.code]).toEqual(['market', 17]);

    await x.run(P1, [bidMsg(x.addr(P1), 1n, nodes[P1], [['rcpu', '8000']])]);
    const again = await x.result(P1, [bidMsg(x.addr(P1), 1n, nodes[P1], [['rcpu', '7000']])]);
    expect([again.codespace, again.code]).toEqual(['market', 15]);
    expect(x.k.state.requests.get(x.ctx(), 1n)!.status).toBe(RequestStatus.REQUEST_STATUS_OPEN);
    // P2 (same price, higher reputation) and P0 (higher price) bid in the last block of the window
    await x.block([
      [P2, [bidMsg(x.addr(P2), 1n, nodes[P2], [['rcpu', '8000']])]],
      [P0, [bidMsg(x.addr(P0), 1n, nodes[P0], [['rcpu', '9000']])]],
    ]);
    const score = (i: number) => Dec.fromProto(x.rk.getReputation(x.ctx(), accountAddresses.decode(x.addr(i))).score);
    expect(score(P2).gt(score(P1))).toBe(true);
    expect(score(P1).isPositive()).toBe(true);
    // the ranking, recomputed here from the documented rule
    const bids = requestBids(x.k, x.ctx(), 1n);
    expect(bids.map((b) => b.provider)).toEqual([x.addr(P2), x.addr(P1), x.addr(P0)]);
    expect(rankBids(x.k, x.ctx(), [...bids].reverse()).map((b) => b.provider)).toEqual(bids.map((b) => b.provider));

    const consumerBefore = balance(x.t, x.addr(C), 'uhyper');
    while (BigInt(x.t.height) < request.biddingEndHeight - 1n) await x.tick();
    expect(x.k.state.requests.get(x.ctx(), 1n)!.status).toBe(RequestStatus.REQUEST_STATUS_OPEN);
    await x.tick(); // the EndBlock of bidding_end_height closes the auction
    const closed = x.k.state.requests.get(x.ctx(), 1n)!;
    expect(closed).toMatchObject({ status: RequestStatus.REQUEST_STATUS_MATCHED, winner: x.addr(P2), leaseId: 1n });
    expect(balance(x.t, x.addr(C), 'uhyper') - consumerBefore).toBe(4000n); // 20000 escrow − 16000 total
    expect([...x.k.state.bids.iterate(x.ctx())]).toEqual([]);
    expect(invariants(x)).toEqual([]);
  });

  test('the lease streams its share every block, the provider gets exactly the total, the lease closes EXHAUSTED', async () => {
    const lease = x.k.state.leases.get(x.ctx(), 1n)!;
    expect(lease).toMatchObject({ consumer: x.addr(C), provider: x.addr(P2), nodeId: nodes[P2].nodeId, total: '16000', deposited: '16000', paid: '0', durationBlocks: 7n, state: LeaseState.LEASE_STATE_ACTIVE });
    const rl = x.rk.state.leases.get(x.ctx(), lease.resources[0].resourceLeaseId)!;
    expect(rl).toMatchObject({ origin: LeaseOrigin.LEASE_ORIGIN_MARKET, status: LeaseStatus.LEASE_STATUS_ACTIVE, amount: '2', durationSeconds: 7n * 600n, rate: 1715n }); // ceil(2 × 3.6e6 / 4200)
    const provider0 = balance(x.t, x.addr(P2), 'uhyper');
    let paid = 0n;
    for (let b = 1n; b <= 7n; b++) {
      const before = balance(x.t, x.addr(P2), 'uhyper');
      const escrowBefore = BigInt(x.k.state.leases.get(x.ctx(), 1n)!.deposited) - BigInt(x.k.state.leases.get(x.ctx(), 1n)!.paid);
      await x.tick();
      const share = dueAfter(16_000n, 7n, b) - dueAfter(16_000n, 7n, b - 1n);
      expect(share).toBe((16_000n * b) / 7n - (16_000n * (b - 1n)) / 7n);
      expect(balance(x.t, x.addr(P2), 'uhyper') - before).toBe(share);
      const l = x.k.state.leases.get(x.ctx(), 1n)!;
      // the consumer's escrow falls by what the provider got
      expect(escrowBefore - (BigInt(l.deposited) - BigInt(l.paid))).toBe(share);
      paid += share;
      expect(invariants(x)).toEqual([]);
    }
    expect(paid).toBe(16_000n);
    expect(balance(x.t, x.addr(P2), 'uhyper') - provider0).toBe(16_000n);
    const l = x.k.state.leases.get(x.ctx(), 1n)!;
    expect(l).toMatchObject({ state: LeaseState.LEASE_STATE_EXHAUSTED, paid: '16000', refunded: '0', blocksPaid: 7n });
    expect(x.rk.state.leases.get(x.ctx(), l.resources[0].resourceLeaseId)!.status).toBe(LeaseStatus.LEASE_STATUS_CLOSED);
    expect(x.rk.getNode(x.ctx(), Buffer.from(nodes[P2].nodeId, 'hex'))!.allocated!.cpuMillicores).toBe(0n);
    expect([...x.k.state.activeLeases.iterate(x.ctx())]).toEqual([]);
  });

  test('a request without a valid bid closes UNMATCHED and refunds everything', async () => {
    const before = balance(x.t, x.addr(C), 'uhyper');
    await x.run(C, [createRequestMsg({ consumer: x.addr(C), resources: [['rcpu', 1n]], maxPrices: [['rcpu', '5000']], durationBlocks: 5n, biddingBlocks: 1n, region: 'mars' })]);
    const noRegion = await x.result(P0, [bidMsg(x.addr(P0), 2n, nodes[P0], [['rcpu', '4000']])]);
    expect([noRegion.codespace, noRegion.code]).toEqual(['market', 17]); // the node is not in region mars
    const late = await x.result(P0, [bidMsg(x.addr(P0), 2n, nodes[P0], [['rcpu', '4000']])]);
    expect([late.codespace, late.code]).toEqual(['market', 12]); // the window (1 block) has closed
    expect(x.k.state.requests.get(x.ctx(), 2n)!.status).toBe(RequestStatus.REQUEST_STATUS_UNMATCHED);
    expect(before - balance(x.t, x.addr(C), 'uhyper')).toBe(4000n); // its fee only
    expect(invariants(x)).toEqual([]);
  });

  test('close by the consumer mid-stream: paid through the block, the rest refunded', async () => {
    seq++;
    await beat();
    await x.run(C, [createRequestMsg({ consumer: x.addr(C), resources: [['rcpu', 1n]], maxPrices: [['rcpu', '7000']], durationBlocks: 10n, biddingBlocks: 1n })]);
    await x.run(P0, [bidMsg(x.addr(P0), 3n, nodes[P0], [['rcpu', '7000']])]);
    const lease = x.k.state.requests.get(x.ctx(), 3n)!;
    expect(lease.status).toBe(RequestStatus.REQUEST_STATUS_MATCHED);
    await x.tick();
    await x.tick();
    const consumer = balance(x.t, x.addr(C), 'uhyper');
    const provider = balance(x.t, x.addr(P0), 'uhyper');
    const r = await x.run(C, [mmsg('MsgCloseLease', { sender: x.addr(C), leaseId: lease.leaseId })]);
    expect(r.code).toBe(0);
    const l = x.k.state.leases.get(x.ctx(), lease.leaseId)!;
    // the close is in the lease's 3rd block: 3 × 700 streamed in all
    expect(l).toMatchObject({ state: LeaseState.LEASE_STATE_CLOSED, paid: '2100', refunded: '4900' });
    expect(balance(x.t, x.addr(P0), 'uhyper') - provider).toBe(700n);
    expect(balance(x.t, x.addr(C), 'uhyper') - consumer).toBe(4900n - 4000n);
    const stranger = await x.result(P1, [mmsg('MsgCloseLease', { sender: x.addr(P1), leaseId: lease.leaseId })]);
    expect([stranger.codespace, stranger.code]).toEqual(['market', 22]);
    expect(invariants(x)).toEqual([]);
  });
});
