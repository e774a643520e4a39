/**
 * Bad input to the order book is refused with its registered code and changes no state: the
 * market genesis export (orders, book, queue, prices, ...) and every balance except the fee of
 * the failed tx are the same before and after.
 */
import { GenesisState } from '../../src/gen/hypermesh/market/v1/genesis';
import { OrderType, Side, TimeInForce } from '../../src/gen/hypermesh/market/v1/market';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { accountAddresses } from '../../src/crypto/address';
import { marketGenesis } from './genesis';
import { balance, cancel, invariants, mmsg, order, setupMarket, type MarketSetup } from './test_helpers';

jest.setTimeout(60_000);
const FEE = 4000n;

/** The market state and every balance but the payer's uhyper (which pays the fee of a refused tx, or not). */
function fingerprint(x: MarketSetup, payer: number): string {
  const g = marketGenesis(x.k, accountAddresses).export(x.ctx());
  const bal = [0, 1, 2].map((i) => `${i === payer ? '-' : balance(x.t, x.addr(i), 'uhyper')}/${balance(x.t, x.addr(i), 'rcpu')}`);
  return Buffer.from(GenesisState.encode(g).finish()).toString('hex') + bal.join(',');
}

const raw = (x: MarketSetup, who: number, f: Record<string, unknown>): EncodeObject =>
  mmsg('MsgPlaceOrder', { owner: x.addr(who), denom: 'rcpu', side: Side.SIDE_BUY, orderType: OrderType.ORDER_TYPE_LIMIT, timeInForce: TimeInForce.TIME_IN_FORCE_GTC, price: '10000000000000000000000', quantity: '1', ...f });

describe('order book bad input', () => {
  let x: MarketSetup;
  beforeAll(async () => {
    x = await setupMarket({ tokens: { rcpu: 100n } });
    // trader 0: a resting ask at 10000; trader 1: a resting bid at 9000
    await x.block([
      [0, [order({ owner: x.addr(0), denom: 'rcpu', side: 'sell', price: '10000', quantity: 5n })]],
      [1, [order({ owner: x.addr(1), denom: 'rcpu', side: 'buy', price: '9000', quantity: 5n })]],
    ]);
  });
  afterAll(async () => {
    await x?.t.close();
  });

  const cases: [string, () => [number, EncodeObject], string, number][] = [
    ['self-trade: a bid at the owner’s own ask', () => [0, order({ owner: x.addr(0), denom: 'rcpu', side: 'buy', price: '10000', quantity: 1n })], 'market', 6],
    ['self-trade: a market sell into the owner’s own bid', () => [1, order({ owner: x.addr(1), denom: 'rcpu', side: 'sell', quantity: 1n })], 'market', 6],
    ['a post-only bid that crosses the best ask', () => [2, order({ owner: x.addr(2), denom: 'rcpu', side: 'buy', price: '10000', quantity: 1n, postOnly: true })], 'market', 7],
    ['a zero price', () => [2, raw(x, 2, { price: '0' })], 'market', 3],
    ['an empty price on a limit order', () => [2, raw(x, 2, { price: '' })], 'market', 3],
    ['a price overflowing 2^128 (raw)', () => [2, raw(x, 2, { price: (1n << 128n).toString() })], 'market', 3],
    ['a price of 10^100', () => [2, raw(x, 2, { price: '1' + '0'.repeat(118) })], 'market', 3],
    ['a price off the tick size', () => [2, order({ owner: x.addr(2), denom: 'rcpu', side: 'buy', price: '9999.5', quantity: 1n })], 'market', 3],
    ['a zero quantity', () => [2, raw(x, 2, { quantity: '0' })], 'market', 4],
    ['a quantity overflowing uint64', () => [2, raw(x, 2, { quantity: (1n << 64n).toString() })], 'market', 4],
    ['a negative quantity', () => [2, raw(x, 2, { quantity: '-1' })], 'market', 4],
    ['a pair that is not listed', () => [2, raw(x, 2, { denom: 'uatom' })], 'market', 2],
    ['a market order that is GTC', () => [2, raw(x, 2, { orderType: OrderType.ORDER_TYPE_MARKET, price: '', maxQuote: '100' })], 'market', 5],
    ['a market buy without a budget', () => [2, raw(x, 2, { orderType: OrderType.ORDER_TYPE_MARKET, price: '', timeInForce: TimeInForce.TIME_IN_FORCE_IOC })], 'market', 5],
    ['a post-only IOC order', () => [2, raw(x, 2, { postOnly: true, timeInForce: TimeInForce.TIME_IN_FORCE_IOC })], 'market', 5],
    ['an unspecified side', () => [2, raw(x, 2, { side: Side.SIDE_UNSPECIFIED })], 'market', 5],
    ['a buy the owner cannot pay for', () => [2, order({ owner: x.addr(2), denom: 'rcpu', side: 'buy', price: '9500', quantity: 1_000_000_000n })], 'sdk', 5],
    ['a sell of more tokens than held', () => [2, order({ owner: x.addr(2), denom: 'rcpu', side: 'sell', price: '11000', quantity: 101n })], 'sdk', 5],
    ['a cancel of another owner’s order', () => [2, cancel(x.addr(2), 1n)], 'sdk', 4],
    ['a cancel of an order that does not exist', () => [2, cancel(x.addr(2), 99n)], 'market', 8],
    ['params changed by a non-authority', () => [2, mmsg('MsgUpdateParams', { authority: x.addr(2), params: x.marketParams })], 'sdk', 4],
  ];

  test.each(cases)('%s', async (_name, build, codespace, code) => {
    const [who, m] = build();
    const before = fingerprint(x, who);
    const paid = balance(x.t, x.addr(who), 'uhyper');
    const r = await x.result(who, [m]);
    expect({ codespace: r.codespace, code: r.code }).toEqual({ codespace, code });
    expect(fingerprint(x, who)).toBe(before);
    expect([0n, FEE]).toContain(paid - balance(x.t, x.addr(who), 'uhyper'));
  });

  test('the book is as it was and the invariants hold', () => {
    expect(invariants(x)).toEqual([]);
    expect([...x.k.state.book.iterate(x.ctx())]).toHaveLength(2);
  });
});
