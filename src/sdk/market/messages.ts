/**
 * x/market Msgs for cosmjs: type URLs (declared once; the chain's router uses the same codecs),
 * Registry entries, EncodeObject types.
 */
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import {
  MsgBid,
  MsgCancelBid,
  MsgCancelOrder,
  MsgCancelRequest,
  MsgCloseLease,
  MsgCreateRequest,
  MsgDepositLease,
  MsgPlaceOrder,
  MsgReportBreach,
  MsgUpdateParams,
} from '../../gen/hypermesh/market/v1/tx';

export const MSG_PLACE_ORDER = '/hypermesh.market.v1.MsgPlaceOrder' as const;
export const MSG_CANCEL_ORDER = '/hypermesh.market.v1.MsgCancelOrder' as const;
export const MSG_CREATE_REQUEST = '/hypermesh.market.v1.MsgCreateRequest' as const;
export const MSG_CANCEL_REQUEST = '/hypermesh.market.v1.MsgCancelRequest' as const;
export const MSG_BID = '/hypermesh.market.v1.MsgBid' as const;
export const MSG_CANCEL_BID = '/hypermesh.market.v1.MsgCancelBid' as const;
export const MSG_DEPOSIT_LEASE = '/hypermesh.market.v1.MsgDepositLease' as const;
export const MSG_CLOSE_LEASE = '/hypermesh.market.v1.MsgCloseLease' as const;
export const MSG_REPORT_BREACH = '/hypermesh.market.v1.MsgReportBreach' as const;
export const MSG_MARKET_UPDATE_PARAMS = '/hypermesh.market.v1.MsgUpdateParams' as const;

export const marketTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MSG_PLACE_ORDER, MsgPlaceOrder],
  [MSG_CANCEL_ORDER, MsgCancelOrder],
  [MSG_CREATE_REQUEST, MsgCreateRequest],
  [MSG_CANCEL_REQUEST, MsgCancelRequest],
  [MSG_BID, MsgBid],
  [MSG_CANCEL_BID, MsgCancelBid],
  [MSG_DEPOSIT_LEASE, MsgDepositLease],
  [MSG_CLOSE_LEASE, MsgCloseLease],
  [MSG_REPORT_BREACH, MsgReportBreach],
  [MSG_MARKET_UPDATE_PARAMS, MsgUpdateParams],
];

export interface MsgPlaceOrderEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_PLACE_ORDER;
  readonly value: Partial<MsgPlaceOrder>;
}
export interface MsgCancelOrderEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_CANCEL_ORDER;
  readonly value: Partial<MsgCancelOrder>;
}
export interface MsgCreateRequestEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_CREATE_REQUEST;
  readonly value: Partial<MsgCreateRequest>;
}
export interface MsgBidEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_BID;
  readonly value: Partial<MsgBid>;
}
export interface MsgCloseLeaseEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_CLOSE_LEASE;
  readonly value: Partial<MsgCloseLease>;
}
export interface MsgReportBreachEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_REPORT_BREACH;
  readonly value: Partial<MsgReportBreach>;
}

export function isMsgPlaceOrderEncodeObject(o: EncodeObject): o is MsgPlaceOrderEncodeObject {
  return o.typeUrl === MSG_PLACE_ORDER;
}

