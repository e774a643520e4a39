/** Stateless checks of message fields (the SDK's ValidateBasic), shared by msg_server and the keeper. */
import { OrderType, Side, TimeInForce } from '../../src/gen/hypermesh/market/v1/market';
import type { MsgPlaceOrder } from '../../src/gen/hypermesh/market/v1/tx';
import { MAX_AMOUNT } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import type { ErrorKind } from '../../src/types/errors';
import { PRICE_LIMIT_RAW } from './book';
import { marketErrors } from './errors';

/** Quantities are at most 2^64 − 1 token units. */
export const MAX_QUANTITY = (1n << 64n) - 1n;

/** A non-negative integer field ("" is 0, as gogoproto writes an unset Int). */
export function intField(s: string, what: string, error: ErrorKind = marketErrors.InvalidQuantity, max = MAX_AMOUNT): bigint {
  if (s === '') return 0n;
  if (!/^[0-9]+$/.test(s)) throw error(`${what} must be a non-negative integer, got ${JSON.stringify(s.slice(0, 80))}`);
  const n = BigInt(s);
  if (n > max) throw error(`${what} ${s.length > 80 ? s.slice(0, 80) + '…' : s} is above the maximum ${max}`);
  return n;
}

/** A non-negative Dec field on the wire ("" is 0). */
export function decField(s: string, what: string, error: ErrorKind): Dec {
  if (s !== '' && !/^[0-9]+$/.test(s)) throw error(`${what} must be a non-negative decimal, got ${JSON.stringify(s.slice(0, 80))}`);
  if (s.length > 80) throw error(`${what} overflows`);
  return Dec.fromProto(s);
}

/** A price: positive and below the price limit (tick size is checked against the market). */
export function priceField(s: string): Dec {
  const p = decField(s, 'price', marketErrors.InvalidPrice);
  if (!p.isPositive()) throw marketErrors.InvalidPrice('price must be positive');
  if (p.raw >= PRICE_LIMIT_RAW) throw marketErrors.InvalidPrice(`price ${p} overflows: at most ${Dec.fromRaw(PRICE_LIMIT_RAW - 1n)} uhyper per unit`);
  return p;
}

/** The shape of an order: side, type, time in force, price and quantity present where they must be. */
export function validateOrderShape(m: MsgPlaceOrder): void {
  if (m.side !== Side.SIDE_BUY && m.side !== Side.SIDE_SELL) throw marketErrors.InvalidOrder('side must be buy or sell');
  const q = intField(m.quantity, 'quantity', marketErrors.InvalidQuantity, MAX_QUANTITY);
  if (q === 0n) throw marketErrors.InvalidQuantity('quantity must be positive');
  intField(m.priorityFee, 'priority fee', marketErrors.InvalidFee);
  switch (m.orderType) {
    case OrderType.ORDER_TYPE_LIMIT:
      priceField(m.price);
      if (![TimeInForce.TIME_IN_FORCE_GTC, TimeInForce.TIME_IN_FORCE_IOC, TimeInForce.TIME_IN_FORCE_FOK].includes(m.timeInForce)) {
        throw marketErrors.InvalidOrder('time in force must be GTC, IOC or FOK');
      }
      if (m.postOnly && m.timeInForce !== TimeInForce.TIME_IN_FORCE_GTC) throw marketErrors.InvalidOrder('a post-only order must be GTC');
      if (intField(m.maxQuote, 'max quote', marketErrors.InvalidOrder) !== 0n) throw marketErrors.InvalidOrder('max quote is for market buys only');
      break;
    case OrderType.ORDER_TYPE_MARKET: {
      if (decField(m.price, 'price', marketErrors.InvalidPrice).isPositive()) throw marketErrors.InvalidOrder('a market order has no price');
      if (m.timeInForce !== TimeInForce.TIME_IN_FORCE_IOC && m.timeInForce !== TimeInForce.TIME_IN_FORCE_FOK) {
        throw marketErrors.InvalidOrder('a market order must be IOC or FOK');
      }
      if (m.postOnly) throw marketErrors.InvalidOrder('a market order cannot be post-only');
      const budget = intField(m.maxQuote, 'max quote', marketErrors.InvalidOrder);
      if (m.side === Side.SIDE_BUY && budget === 0n) throw marketErrors.InvalidOrder('a market buy needs max_quote, its uhyper budget');
      if (m.side === Side.SIDE_SELL && budget !== 0n) throw marketErrors.InvalidOrder('max quote is for market buys only');
      break;
    }
    default:
      throw marketErrors.InvalidOrder('order type must be limit or market');
  }
}
