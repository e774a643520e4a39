/**
 * Lease life beyond the first term, and what the market gives the rest of the chain:
 *  - MsgDepositLease tops a lease up; it streams on at the same rate, and when x/resource's term
 *    (duration_blocks × block_seconds) ends first (blocks slower than block_seconds) the next
 *    EndBlock renews the capacity hold for the blocks the escrow still pays;
 *  - auctions closing in one block are matched by priority fee: the higher fee gets the node;
 *  - the TWAP of trades is x/resource's reference price (collateral for minting), with the param
 *    as fallback before any trade;
 *  - genesis export → import → export is the identity.
 */
import { GenesisState } from '../../src/gen/hypermesh/market/v1/genesis';
import { LeaseState, RequestStatus } from '../../src/gen/hypermesh/market/v1/market';
import { QueryPriceRequest, QueryPriceResponse } from '../../src/gen/hypermesh/market/v1/query';
import { LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import { accountAddresses } from '../../src/crypto/address';
import { Dec } from '../../src/types/dec';
import { query } from '../../test/helpers/test_app';
import { mint } from '../resource/test_helpers';
import { marketGenesis } from './genesis';
import { balance, bidMsg, createRequestMsg, heartbeatsMsg, invariants, mmsg, nodeKey, order, provider, setupMarket } from './test_helpers';

jest.setTimeout(120_000);

describe('top-up and renewal of the capacity hold', () => {
  test('a deposit extends the stream; the x/resource term is renewed when it ends first; Σ paid = deposits', async () => {
    const x = await setupMarket({ market: { blockSeconds: 600n } });
    try {
      const [P, C] = [0, 1];
      const node = nodeKey(30);
      await provider(x, P, node);
      let seq = 0n;
      // blocks 1200 s apart: twice the nominal block time, so x/resource's terms end early
      const beat = (advance = 1200n) => x.run(C, [heartbeatsMsg(x.t, x.addr(C), [{ key: node, seq: ++seq }])], advance);
      await beat(1n);
      await x.run(C, [createRequestMsg({ consumer: x.addr(C), resources: [['rcpu', 4n]], maxPrices: [['rcpu', '1000']], durationBlocks: 4n, biddingBlocks: 1n })]);
      await x.run(P, [bidMsg(x.addr(P), 1n, node, [['rcpu', '1000']])]);
      expect(x.k.state.requests.get(x.ctx(), 1n)!.status).toBe(RequestStatus.REQUEST_STATUS_MATCHED);
      const first = x.k.state.leases.get(x.ctx(), 1n)!.resources[0].resourceLeaseId;
      await x.run(C, [mmsg('MsgDepositLease', { consumer: x.addr(C), leaseId: 1n, amount: { denom: 'uhyper', amount: '2000' } })], 1200n);
      const p0 = balance(x.t, x.addr(P), 'uhyper');
      let blocks = 1;
      while (x.k.state.leases.get(x.ctx(), 1n)!.state === LeaseState.LEASE_STATE_ACTIVE && blocks < 20) {
        await beat();
        blocks++;
        expect(invariants(x)).toEqual([]);
      }
      const l = x.k.state.leases.get(x.ctx(), 1n)!;
      expect(l).toMatchObject({ state: LeaseState.LEASE_STATE_EXHAUSTED, deposited: '6000', paid: '6000', blocksPaid: 6n, refunded: '0' });
      expect(blocks).toBe(6);
      expect(balance(x.t, x.addr(P), 'uhyper') - p0).toBe(6000n - 1000n); // the deposit block streamed 1000 before p0
      // the hold was renewed at least once, and every term is over
      expect(l.resources[0].resourceLeaseIds.length).toBeGreaterThan(1);
      expect(l.resources[0].resourceLeaseIds[0]).toBe(first);
      for (const id of l.resources[0].resourceLeaseIds) expect(x.rk.state.leases.get(x.ctx(), id)!.status).not.toBe(LeaseStatus.LEASE_STATUS_ACTIVE);
      expect(x.rk.getNode(x.ctx(), Buffer.from(node.nodeId, 'hex'))!.allocated!.cpuMillicores).toBe(0n);
      const stranger = await x.result(P, [mmsg('MsgDepositLease', { consumer: x.addr(P), leaseId: 1n, amount: { denom: 'uhyper', amount: '1' } })]);
      expect([stranger.codespace, stranger.code]).toEqual(['market', 22]);
    } finally {
      await x.t.close();
    }
  });
});

describe('auctions closing in one block', () => {
  test('the higher priority fee is matched first and gets the node’s capacity; the other finds none', async () => {
    const x = await setupMarket({ market: { blockSeconds: 3600n } });
    try {
      const [P, C1, C2] = [0, 1, 2];
      const node = nodeKey(40);
      await provider(x, P, node, { cpu: 1500n });
      await x.run(C1, [heartbeatsMsg(x.t, x.addr(C1), [{ key: node, seq: 1n }])]);
      // 2 rcpu over 2 blocks × 3600 s = 1000 millicores: the node holds one such lease, not two
      const req = (c: number, fee: bigint) => createRequestMsg({ consumer: x.addr(c), resources: [['rcpu', 2n]], maxPrices: [['rcpu', '1000']], durationBlocks: 2n, biddingBlocks: 2n, priorityFee: fee });
      await x.block([
        [C1, [req(C1, 0n)]],
        [C2, [req(C2, 500n)]],
      ]);
      await x.run(P, [bidMsg(x.addr(P), 1n, node, [['rcpu', '1000']]), bidMsg(x.addr(P), 2n, node, [['rcpu', '1000']])]);
      await x.tick();
      expect(x.k.state.requests.get(x.ctx(), 2n)!.status).toBe(RequestStatus.REQUEST_STATUS_MATCHED); // fee 500, placed later
      expect(x.k.state.requests.get(x.ctx(), 1n)!.status).toBe(RequestStatus.REQUEST_STATUS_UNMATCHED);
      expect(invariants(x)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});

describe('reference price for x/resource', () => {
  test('before any trade the param answers; after trades the TWAP does, and minting collateral follows it', async () => {
    const x = await setupMarket({ market: { twapWindowSeconds: 100n } });
    try {
      const [P, B] = [0, 1];
      const node = nodeKey(50);
      await provider(x, P, node, { bond: 15n * 1_000_000n, cpu: 200_000n });
      const price = () => query(x.t, '/hypermesh.market.v1.Query/Price', QueryPriceRequest, QueryPriceResponse, { denom: 'rcpu' });
      expect(price()).toMatchObject({ fromTrades: false, referencePrice: Dec.fromInt(10_000).toProto(), lastHeight: 0n });
      // 15 HYPER at ratio 1.5 and the param price 10,000 covers 1,000 rcpu
      await x.run(P, [mint(x.addr(P), 1000n)]);
      const over = await x.result(P, [mint(x.addr(P), 1n)]);
      expect([over.codespace, over.code]).toEqual(['resource', 20]);
      // the provider sells 10 rcpu at 5,000 to B: the reference price halves, collateral allows more
      await x.block([
        [P, [order({ owner: x.addr(P), denom: 'rcpu', side: 'sell', price: '5000', quantity: 10n })]],
        [B, [order({ owner: x.addr(B), denom: 'rcpu', side: 'buy', price: '5000', quantity: 10n })]],
      ]);
      expect(price()).toMatchObject({ fromTrades: true, referencePrice: Dec.fromInt(5000).toProto(), lastPrice: Dec.fromInt(5000).toProto(), windowSeconds: 0n });
      expect(x.rk.referencePrice(x.ctx(), 'rcpu')!.eq(Dec.fromInt(5000))).toBe(true);
      await x.run(P, [mint(x.addr(P), 900n)]);
      // a trade at 8,000 50 s later: the TWAP over [first trade, now] weighs each price by its time
      await x.block([
        [P, [order({ owner: x.addr(P), denom: 'rcpu', side: 'sell', price: '8000', quantity: 1n })]],
        [B, [order({ owner: x.addr(B), denom: 'rcpu', side: 'buy', price: '8000', quantity: 1n })]],
      ], 49n);
      await x.tick(50n);
      const t = price();
      // 50 s at 5,000, then 50 s at 8,000 (the window, 100 s, is now covered exactly)
      expect(t).toMatchObject({ fromTrades: true, windowSeconds: 100n, lastPrice: Dec.fromInt(8000).toProto() });
      expect(Dec.fromProto(t.referencePrice).eq(Dec.fromInt(6500))).toBe(true);
      // 100 s later the window holds only 8,000
      await x.tick(100n);
      expect(Dec.fromProto(price().referencePrice).eq(Dec.fromInt(8000))).toBe(true);
      expect(accountAddresses.isValid(x.addr(P))).toBe(true);
    } finally {
      await x.t.close();
    }
  });
});

describe('genesis', () => {
  test('export → import into a new chain → export is the identity (orders, book, trades, prices, requests, leases)', async () => {
    const x = await setupMarket({ tokens: { rcpu: 100n } });
    try {
      await x.block([
        [0, [order({ owner: x.addr(0), denom: 'rcpu', side: 'sell', price: '10000', quantity: 5n }), order({ owner: x.addr(0), denom: 'rcpu', side: 'sell', price: '10100', quantity: 5n })]],
        [1, [order({ owner: x.addr(1), denom: 'rcpu', side: 'buy', price: '9000', quantity: 3n })]],
      ]);
      await x.block([[2, [order({ owner: x.addr(2), denom: 'rcpu', side: 'buy', price: '10000', quantity: 2n })]]]);
      await x.run(3, [createRequestMsg({ consumer: x.addr(3), resources: [['rcpu', 1n]], maxPrices: [['rcpu', '100']], durationBlocks: 5n, biddingBlocks: 50n })]);
      const g = marketGenesis(x.k, accountAddresses).export(x.ctx());
      expect(g.orders).toHaveLength(3);
      expect(g.trades).toHaveLength(1);
      const y = await setupMarket({ tokens: { rcpu: 100n } });
      try {
        // import into a fresh context of the second app and export again
        const { ctx } = y.ctx().branch();
        marketGenesis(y.k, accountAddresses).init(ctx, g);
        const again = marketGenesis(y.k, accountAddresses).export(ctx);
        expect(Buffer.from(GenesisState.encode(again).finish()).toString('hex')).toBe(Buffer.from(GenesisState.encode(g).finish()).toString('hex'));
        expect([...y.k.state.book.iterate(ctx)]).toHaveLength(3);
      } finally {
        await y.t.close();
      }
    } finally {
      await x.t.close();
    }
  });
});
