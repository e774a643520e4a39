/**
 * The order book against the independent reference model (book_model.ts), table-driven: limit and
 * market orders, GTC / IOC / FOK, post-only, cancels, priority fees, partial fills, price-time
 * priority, the maker/taker fee split between burn and community pool. After every block the
 * chain's balances, book levels, trades and fee split must equal the model's, and the market
 * invariants must hold.
 */
import { EventFeesCollected, EventOrderMatched } from '../../src/gen/hypermesh/market/v1/events';
import { QueryOrderBookRequest, QueryOrderBookResponse } from '../../src/gen/hypermesh/market/v1/query';
import { parseTypedEventOf } from '../../src/codec/typed_event';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { Dec } from '../../src/types/dec';
import { query } from '../../test/helpers/test_app';
import { BookModel, type ModelOrderSpec, type ModelTrade } from './book_model';
import { affordable } from './matching';
import { balance, cancel, invariants, order, setupMarket, UHYPER_EACH, type MarketSetup } from './test_helpers';

jest.setTimeout(120_000);

const TOKENS = 1000n;
const FEE = 4000n; // the harness's tx fee
const N = 5;

type Action = { who: number; place: ModelOrderSpec } | { who: number; cancel: number /* index of the placed order in the scenario */ } | { who: number; placeAndCancel: ModelOrderSpec };
type Scenario = { name: string; trades: number; blocks: Action[][] };

const sell = (qty: bigint, price?: bigint, o: Partial<ModelOrderSpec> = {}): ModelOrderSpec => ({ side: 'sell', qty, price, ...o });
const buy = (qty: bigint, price?: bigint, o: Partial<ModelOrderSpec> = {}): ModelOrderSpec => ({ side: 'buy', qty, price, ...o });

const SCENARIOS: Scenario[] = [
  { trades: 2, name: 'a taker crosses two makers’ levels and partly fills the second', blocks: [[{ who: 0, place: sell(10n, 10000n) }, { who: 1, place: sell(10n, 10100n) }], [{ who: 2, place: buy(15n, 10100n) }]] },
  { trades: 2, name: 'price-time priority within a level', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 1, place: sell(5n, 10000n) }], [{ who: 2, place: buy(7n, 10000n) }]] },
  { trades: 1, name: 'IOC fills what it can, the rest expires', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 2, place: buy(8n, 10000n, { tif: 'ioc' }) }]] },
  { trades: 1, name: 'FOK without enough liquidity expires whole; with enough it fills', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 2, place: buy(8n, 10000n, { tif: 'fok' }) }], [{ who: 3, place: buy(5n, 10000n, { tif: 'fok' }) }]] },
  {
    trades: 0,
    name: 'priority fee first: a sell rests and then crosses a post-only bid queued in the same block, which expires',
    blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 3, place: buy(5n, 9800n, { postOnly: true }) }, { who: 2, place: sell(5n, 9800n, { priorityFee: 10n }) }]],
  },
  { trades: 1, name: 'post-only rests when it does not cross', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 1, place: buy(5n, 9900n, { postOnly: true }) }], [{ who: 2, place: sell(2n, 9900n) }]] },
  { trades: 1, name: 'priority fee beats arrival within a block', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 1, place: buy(5n, 10000n) }, { who: 2, place: buy(5n, 10000n, { priorityFee: 100n }) }]] },
  { trades: 2, name: 'a market buy spends at most its budget, fee included', blocks: [[{ who: 0, place: sell(3n, 10000n) }, { who: 1, place: sell(3n, 10200n) }], [{ who: 2, place: buy(10n, undefined, { maxQuote: 50000n }) }]] },
  { trades: 2, name: 'a market sell walks the bids', blocks: [[{ who: 0, place: buy(5n, 9900n) }, { who: 1, place: buy(5n, 9800n) }], [{ who: 2, place: sell(7n) }]] },
  { trades: 0, name: 'a FOK market sell that the bids cannot fill expires', blocks: [[{ who: 0, place: buy(5n, 9900n) }], [{ who: 2, place: sell(7n, undefined, { tif: 'fok' }) }]] },
  { trades: 1, name: 'cancel of a resting order, and of an order in the block it was placed', blocks: [[{ who: 0, place: sell(5n, 10000n) }], [{ who: 0, cancel: 0 }, { who: 1, place: buy(5n, 10000n) }, { who: 3, placeAndCancel: sell(4n, 9000n) }], [{ who: 2, place: sell(3n, 10000n) }]] },
  { trades: 3, name: 'a resting maker is filled by several takers across blocks', blocks: [[{ who: 0, place: sell(10n, 10000n) }], [{ who: 1, place: buy(3n, 10000n) }, { who: 2, place: buy(4n, 10000n) }], [{ who: 3, place: buy(5n, 10050n) }]] },
  { trades: 1, name: 'a buy limit above the ask pays the ask and gets the difference back', blocks: [[{ who: 0, place: sell(5n, 9000n) }], [{ who: 2, place: buy(5n, 10000n) }]] },
  { trades: 2, name: 'a resting buy is hit by a sell: the maker pays the maker fee', blocks: [[{ who: 1, place: buy(6n, 10000n) }], [{ who: 0, place: sell(4n, 9500n) }], [{ who: 4, place: sell(4n, 10000n, { tif: 'ioc' }) }]] },
];

function encode(x: MarketSetup, who: number, s: ModelOrderSpec): EncodeObject {
  return order({ owner: x.addr(who), denom: 'rcpu', side: s.side, price: s.price?.toString(), quantity: s.qty, timeInForce: s.tif, postOnly: s.postOnly, maxQuote: s.maxQuote, priorityFee: s.priorityFee });
}

function chainLevels(x: MarketSetup) {
  const r = query(x.t, '/hypermesh.market.v1.Query/OrderBook', QueryOrderBookRequest, QueryOrderBookResponse, QueryOrderBookRequest.fromPartial({ denom: 'rcpu' }));
  const f = (l: { price: string; quantity: string; orders: number }) => [Dec.fromProto(l.price).truncateInt(), BigInt(l.quantity), l.orders];
  return { bids: r.bids.map(f), asks: r.asks.map(f) };
}

function blockTrades(x: MarketSetup): ModelTrade[] {
  const idx = (a: string) => x.s.keys.findIndex((k) => k.address === a);
  return (x.t.lastBlock!.events ?? [])
    .filter((e) => e.type === 'hypermesh.market.v1.EventOrderMatched')
    .map((e) => parseTypedEventOf(EventOrderMatched, e).trade!)
    .map((t) => ({ price: Dec.fromProto(t.price).truncateInt(), qty: BigInt(t.quantity), buyer: idx(t.buyer), seller: idx(t.seller), buyerFee: BigInt(t.buyerFee), sellerFee: BigInt(t.sellerFee) }));
}

function blockFeeSplit(x: MarketSetup): [bigint, bigint] {
  const e = (x.t.lastBlock!.events ?? []).find((e) => e.type === 'hypermesh.market.v1.EventFeesCollected');
  if (!e) return [0n, 0n];
  const f = parseTypedEventOf(EventFeesCollected, e);
  return [BigInt(f.burned), BigInt(f.communityPool)];
}

describe.each(SCENARIOS)('matching vs the reference model: $name', ({ blocks, trades: tradeCount }) => {
  test('balances, book, trades and fees match after every block', async () => {
    const x = await setupMarket({ tokens: { rcpu: TOKENS } });
    try {
      const p = x.marketParams;
      const model = new BookModel(N, UHYPER_EACH, TOKENS, BigInt(p.makerFeeBps), BigInt(p.takerFeeBps), BigInt(p.feeBurnBps));
      const txs = Array(N).fill(0n);
      const placed: bigint[] = [];
      let [burned, pool] = [0n, 0n];
      for (const actions of blocks) {
        const entries: [number, EncodeObject[]][] = [];
        for (const a of actions) {
          if ('place' in a) {
            placed.push(model.place(a.who, a.place));
            entries.push([a.who, [encode(x, a.who, a.place)]]);
          } else if ('cancel' in a) {
            model.cancel(placed[a.cancel]);
            entries.push([a.who, [cancel(x.addr(a.who), placed[a.cancel])]]);
          } else {
            const id = model.place(a.who, a.placeAndCancel);
            model.cancel(id);
            entries.push([a.who, [encode(x, a.who, a.placeAndCancel), cancel(x.addr(a.who), id)]]);
          }
          txs[a.who]++;
        }
        const results = await x.block(entries);
        for (const r of results) expect({ code: r.code, log: r.log }).toEqual({ code: 0, log: '' });
        const trades = model.endBlock();
        expect(blockTrades(x)).toEqual(trades);
        expect(blockFeeSplit(x)).toEqual([model.burned - burned, model.pool - pool]);
        [burned, pool] = [model.burned, model.pool];
        for (let i = 0; i < N; i++) {
          expect({ i, uhyper: balance(x.t, x.addr(i), 'uhyper') + txs[i] * FEE, rcpu: balance(x.t, x.addr(i), 'rcpu') }).toEqual({ i, uhyper: model.uhyper[i], rcpu: model.tokens[i] });
        }
        expect(chainLevels(x)).toEqual({ bids: model.levels('buy'), asks: model.levels('sell') });
        expect(invariants(x)).toEqual([]);
      }
      expect(model.trades.length).toBe(tradeCount);
      // the fee split of the whole scenario: Σ burned and pooled by EndBlocks equals the model's
      expect(model.burned + model.pool).toBe(model.trades.reduce((n, t) => n + t.buyerFee + t.sellerFee, 0n));
    } finally {
      await x.t.close();
    }
  });
});

describe('fee split per block', () => {
  test('burn and community pool shares of the block’s fees (odd total: the pool gets the rounding)', async () => {
    const x = await setupMarket({ tokens: { rcpu: TOKENS }, market: { makerFeeBps: 13, takerFeeBps: 27, feeBurnBps: 3333 } });
    try {
      const model = new BookModel(N, UHYPER_EACH, TOKENS, 13n, 27n, 3333n);
      await x.block([[0, [encode(x, 0, sell(7n, 10001n))]]]);
      model.place(0, sell(7n, 10001n));
      model.endBlock();
      await x.block([[1, [encode(x, 1, buy(7n, 10001n))]]]);
      model.place(1, buy(7n, 10001n));
      const [t] = model.endBlock();
      expect(t).toEqual({ price: 10001n, qty: 7n, buyer: 1, seller: 0, buyerFee: (70007n * 27n) / 10000n, sellerFee: (70007n * 13n) / 10000n });
      expect(blockFeeSplit(x)).toEqual([model.burned, model.pool]);
      expect(model.burned).toBe(((t.buyerFee + t.sellerFee) * 3333n) / 10000n);
      expect(invariants(x)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});

describe('affordable (market buys)', () => {
  const ONE = 10n ** 18n;
  test.each([
    // budget, price, fee bps, lot, cap → units
    [50_000n, 10_000n, 20, 1n, 100n, 4n],
    [5_000n, 1n, 1, 1n, 100_000n, 5000n], // floor(fee) lets the last unit in: 5000 + floor(0.5) ≤ 5000
    [10_000n, 1n, 1, 1n, 100_000n, 9999n], // 10000 + 1 > 10000
    [1_000_000n, 333n, 0, 7n, 1_000_000n, 3003n], // 3003 = 429 lots: 999,999 ≤ 10^6
    [99n, 100n, 0, 1n, 5n, 0n],
  ])('budget %s at %s with %s bps, lot %s, cap %s → %s', (budget, p, bps, lot, cap, want) => {
    expect(affordable(budget, p * ONE, bps, lot, cap)).toBe(want);
  });
});
