/** hypermesh.market.v1.Msg: decode, validate, authorize, one keeper call. */
import {
  MsgBid,
  MsgBidResponse,
  MsgCancelBid,
  MsgCancelBidResponse,
  MsgCancelOrder,
  MsgCancelOrderResponse,
  MsgCancelRequest,
  MsgCancelRequestResponse,
  MsgCloseLease,
  MsgCloseLeaseResponse,
  MsgCreateRequest,
  MsgCreateRequestResponse,
  MsgDepositLease,
  MsgDepositLeaseResponse,
  MsgPlaceOrder,
  MsgPlaceOrderResponse,
  MsgReportBreach,
  MsgReportBreachResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from '../../src/gen/hypermesh/market/v1/tx';
import { EventParamsUpdated } from '../../src/gen/hypermesh/market/v1/events';
import { BreachKind } from '../../src/gen/hypermesh/market/v1/market';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import { cancelBid, cancelRequest, createRequest, placeBid, validateRequestShape } from './auctions';
import { marketErrors } from './errors';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { closeLeaseByParty, depositLease } from './leases';
import { cancelOrder, placeOrder } from './orders';
import { validateParams } from './params';
import { reportBreach } from './sla';
import { validateOrderShape } from './validation';

export function marketMsgs(k: MarketKeeper, addrs: AddressCodec, authority: string): MsgRoute[] {
  const placeOrderRoute: MsgRoute<MsgPlaceOrder, MsgPlaceOrderResponse> = {
    type: MsgPlaceOrder,
    response: MsgPlaceOrderResponse,
    signers: (m) => [m.owner],
    validate: (m) => {
      addrs.decode(m.owner);
      validateOrderShape(m);
    },
    handle: (ctx, m) => ({ orderId: placeOrder(k, ctx, m) }),
  };

  const cancelOrderRoute: MsgRoute<MsgCancelOrder, MsgCancelOrderResponse> = {
    type: MsgCancelOrder,
    response: MsgCancelOrderResponse,
    signers: (m) => [m.owner],
    validate: (m) => {
      addrs.decode(m.owner);
      if (m.orderId === 0n) throw marketErrors.OrderNotFound('order_id is required');
    },
    handle: (ctx, m) => {
      const r = cancelOrder(k, ctx, m);
      return { refunded: { denom: r.denom, amount: r.amount.toString() } };
    },
  };

  const createRequestRoute: MsgRoute<MsgCreateRequest, MsgCreateRequestResponse> = {
    type: MsgCreateRequest,
    response: MsgCreateRequestResponse,
    signers: (m) => [m.consumer],
    validate: (m) => {
      addrs.decode(m.consumer);
      validateRequestShape(m);
    },
    handle: (ctx, m) => ({ requestId: createRequest(k, ctx, m) }),
  };

  const cancelRequestRoute: MsgRoute<MsgCancelRequest, MsgCancelRequestResponse> = {
    type: MsgCancelRequest,
    response: MsgCancelRequestResponse,
    signers: (m) => [m.consumer],
    validate: (m) => void addrs.decode(m.consumer),
    handle: (ctx, m) => {
      cancelRequest(k, ctx, m);
      return {};
    },
  };

  const bidRoute: MsgRoute<MsgBid, MsgBidResponse> = {
    type: MsgBid,
    response: MsgBidResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      if (m.prices.length === 0) throw marketErrors.InvalidWorkload('a bid needs a price per requested denom');
    },
    handle: (ctx, m) => {
      placeBid(k, ctx, m);
      return {};
    },
  };

  const cancelBidRoute: MsgRoute<MsgCancelBid, MsgCancelBidResponse> = {
    type: MsgCancelBid,
    response: MsgCancelBidResponse,
    signers: (m) => [m.provider],
    validate: (m) => void addrs.decode(m.provider),
    handle: (ctx, m) => {
      cancelBid(k, ctx, m);
      return {};
    },
  };

  const depositRoute: MsgRoute<MsgDepositLease, MsgDepositLeaseResponse> = {
    type: MsgDepositLease,
    response: MsgDepositLeaseResponse,
    signers: (m) => [m.consumer],
    validate: (m) => {
      addrs.decode(m.consumer);
      if (!m.amount || !/^[0-9]+$/.test(m.amount.amount) || BigInt(m.amount.amount) === 0n) throw sdk.InvalidCoins('deposit amount must be a positive integer');
    },
    handle: (ctx, m) => {
      depositLease(k, ctx, m);
      return {};
    },
  };

  const closeLeaseRoute: MsgRoute<MsgCloseLease, MsgCloseLeaseResponse> = {
    type: MsgCloseLease,
    response: MsgCloseLeaseResponse,
    signers: (m) => [m.sender],
    validate: (m) => void addrs.decode(m.sender),
    handle: (ctx, m) => {
      const l = closeLeaseByParty(k, ctx, m);
      return { paid: l.paid, refunded: l.refunded };
    },
  };

  const reportBreachRoute: MsgRoute<MsgReportBreach, MsgReportBreachResponse> = {
    type: MsgReportBreach,
    response: MsgReportBreachResponse,
    signers: (m) => [m.consumer],
    validate: (m) => {
      addrs.decode(m.consumer);
      if (m.kind !== BreachKind.BREACH_KIND_MISSED_HEARTBEATS && m.kind !== BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT) throw marketErrors.InvalidEvidence(`unknown breach kind ${m.kind}`);
      if (m.kind === BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT && !m.heartbeat) throw marketErrors.InvalidEvidence('the evidence needs the signed heartbeat');
    },
    handle: (ctx, m) => ({ penalty: reportBreach(k, ctx, m).toString() }),
  };

  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.authority);
      if (!m.params) throw sdk.InvalidRequest('params are required');
      validateParams(m.params);
    },
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setParams(ctx, m.params!);
      emitTyped(ctx, EventParamsUpdated, { authority: m.authority });
      return {};
    },
  };

  return [placeOrderRoute, cancelOrderRoute, createRequestRoute, cancelRequestRoute, bidRoute, cancelBidRoute, depositRoute, closeLeaseRoute, reportBreachRoute, updateParams];
}
