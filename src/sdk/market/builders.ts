/**
 * Msg builders that take human values (decimal price strings, bigint quantities) and produce
 * EncodeObjects with the wire forms the chain reads (Dec as its scaled integer).
 */
import { OrderType, Side, TimeInForce } from '../../gen/hypermesh/market/v1/market';
import { MsgPlaceOrder } from '../../gen/hypermesh/market/v1/tx';
import { Dec } from '../../types/dec';
import type { MsgPlaceOrderEncodeObject } from './messages';

export interface PlaceOrderFields {
  owner: string;
  denom: string;
  side: 'buy' | 'sell';
  /** limit price in uhyper per token unit (decimal string); omit for a market order */
  price?: string;
  quantity: bigint;
  timeInForce?: 'gtc' | 'ioc' | 'fok';
  postOnly?: boolean;
  /** market buys: the uhyper budget, fees included */
  maxQuote?: bigint;
  priorityFee?: bigint;
}

const TIF = { gtc: TimeInForce.TIME_IN_FORCE_GTC, ioc: TimeInForce.TIME_IN_FORCE_IOC, fok: TimeInForce.TIME_IN_FORCE_FOK } as const;

export function placeOrderMsg(f: PlaceOrderFields): MsgPlaceOrderEncodeObject {
  const market = f.price === undefined;
  return {
    typeUrl: '/hypermesh.market.v1.MsgPlaceOrder',
    value: MsgPlaceOrder.fromPartial({
      owner: f.owner,
      denom: f.denom,
      side: f.side === 'buy' ? Side.SIDE_BUY : Side.SIDE_SELL,
      orderType: market ? OrderType.ORDER_TYPE_MARKET : OrderType.ORDER_TYPE_LIMIT,
      timeInForce: TIF[f.timeInForce ?? (market ? 'ioc' : 'gtc')],
      price: market ? '' : Dec.fromString(f.price!).toProto(),
      quantity: f.quantity.toString(),
      maxQuote: f.maxQuote ? f.maxQuote.toString() : '',
      postOnly: f.postOnly ?? false,
      priorityFee: f.priorityFee ? f.priorityFee.toString() : '',
    }),
  };
}
