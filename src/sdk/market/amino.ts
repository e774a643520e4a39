/**
 * Amino JSON converters for x/market Msgs (SIGN_MODE_LEGACY_AMINO_JSON). The chain's ante
 * handler uses these same converters to rebuild the sign bytes, so the two agree by construction.
 * Rules, as x/resource's: proto field names, zero values omitted except fields marked
 * dont_omitempty, 64-bit integers and Int/Dec as their wire strings, bytes as base64, enums as
 * numbers. fromAmino(toAmino(m)) = m.
 */
import type { AminoConverters } from '@cosmjs/stargate';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Params } from '../../gen/hypermesh/market/v1/params';
import type { ResourceAmount, SlaTerms, MarketParams } from '../../gen/hypermesh/market/v1/market';
import { Capacity, type Attribute, type Heartbeat, type Price } from '../../gen/hypermesh/resource/v1/resource';
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
import * as urls from './messages';

type Json = Record<string, unknown>;

function obj(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}
const s = (v: string) => (v === '' ? undefined : v);
const u64 = (v: bigint) => (v === 0n ? undefined : v.toString());
const big = (v: unknown) => BigInt((v as string | undefined) ?? '0');
const str = (v: unknown) => (v as string | undefined) ?? '';
const num = (v: number) => (v === 0 ? undefined : v);
const bool = (v: boolean) => (v ? true : undefined);
const list = <T>(v: readonly T[], f: (x: T) => unknown) => (v.length === 0 ? undefined : v.map(f));
const keepList = <T>(v: readonly T[], f: (x: T) => unknown) => v.map(f); // dont_omitempty
const listFrom = <T>(v: unknown, f: (x: Json) => T): T[] => ((v as Json[] | undefined) ?? []).map(f);

const coinTo = (c: Coin | undefined) => ({ denom: c?.denom ?? '', amount: c?.amount ?? '' });
const coinFrom = (a: unknown): Coin => ({ denom: str((a as Json | undefined)?.denom), amount: str((a as Json | undefined)?.amount) });
const priceTo = (p: Price) => obj({ denom: s(p.denom), price: s(p.price) });
const priceFrom = (j: Json): Price => ({ denom: str(j.denom), price: str(j.price) });
const amountTo = (r: ResourceAmount) => obj({ denom: s(r.denom), amount: s(r.amount) });
const amountFrom = (j: Json): ResourceAmount => ({ denom: str(j.denom), amount: str(j.amount) });
const attrTo = (a: Attribute) => obj({ key: s(a.key), value: s(a.value) });
const attrFrom = (j: Json): Attribute => ({ key: str(j.key), value: str(j.value) });
const slaTo = (x: SlaTerms | undefined) =>
  obj({
    uptime_bps: num(x?.uptimeBps ?? 0),
    heartbeat_interval_seconds: u64(x?.heartbeatIntervalSeconds ?? 0n),
    max_missed_windows: num(x?.maxMissedWindows ?? 0),
    penalty: s(x?.penalty ?? ''),
    penalty_bond_fraction: s(x?.penaltyBondFraction ?? ''),
  });
const slaFrom = (j: Json | undefined): SlaTerms => ({
  uptimeBps: Number(j?.uptime_bps ?? 0),
  heartbeatIntervalSeconds: big(j?.heartbeat_interval_seconds),
  maxMissedWindows: Number(j?.max_missed_windows ?? 0),
  penalty: str(j?.penalty),
  penaltyBondFraction: str(j?.penalty_bond_fraction),
});
const capacityTo = (c: Capacity | undefined) => {
  const x = Capacity.fromPartial(c ?? {});
  return obj({ cpu_millicores: u64(x.cpuMillicores), memory_bytes: u64(x.memoryBytes), storage_bytes: u64(x.storageBytes), network_bytes_per_second: u64(x.networkBytesPerSecond) });
};
const capacityFrom = (a: unknown): Capacity => {
  const j = (a as Json | undefined) ?? {};
  return { cpuMillicores: big(j.cpu_millicores), memoryBytes: big(j.memory_bytes), storageBytes: big(j.storage_bytes), networkBytesPerSecond: big(j.network_bytes_per_second) };
};
const heartbeatTo = (h: Heartbeat) =>
  obj({
    node_id: s(h.nodeId),
    sequence: u64(h.sequence),
    height: h.height === 0n ? undefined : h.height.toString(),
    used: capacityTo(h.used),
    signature: h.signature.length === 0 ? undefined : Buffer.from(h.signature).toString('base64'),
  });
const heartbeatFrom = (j: Json): Heartbeat => ({
  nodeId: str(j.node_id),
  sequence: big(j.sequence),
  height: big(j.height),
  used: capacityFrom(j.used),
  signature: j.signature ? new Uint8Array(Buffer.from(j.signature as string, 'base64')) : new Uint8Array(),
});
const marketTo = (m: MarketParams) => obj({ denom: s(m.denom), tick_size: s(m.tickSize), lot_size: s(m.lotSize) });
const marketFrom = (j: Json): MarketParams => ({ denom: str(j.denom), tickSize: str(j.tick_size), lotSize: str(j.lot_size) });

const U32_PARAMS = [
  ['maker_fee_bps', 'makerFeeBps'],
  ['taker_fee_bps', 'takerFeeBps'],
  ['fee_burn_bps', 'feeBurnBps'],
  ['max_open_orders', 'maxOpenOrders'],
  ['max_orders_per_block', 'maxOrdersPerBlock'],
  ['max_bids_per_request', 'maxBidsPerRequest'],
  ['max_breaches', 'maxBreaches'],
  ['max_requests_per_block', 'maxRequestsPerBlock'],
] as const;
const U64_PARAMS = [
  ['twap_window_seconds', 'twapWindowSeconds'],
  ['trade_retention_blocks', 'tradeRetentionBlocks'],
  ['min_bidding_blocks', 'minBiddingBlocks'],
  ['max_bidding_blocks', 'maxBiddingBlocks'],
  ['min_lease_blocks', 'minLeaseBlocks'],
  ['max_lease_blocks', 'maxLeaseBlocks'],
  ['block_seconds', 'blockSeconds'],
] as const;

const paramsTo = (p: Params | undefined) => {
  const x = Params.fromPartial(p ?? {});
  const out: Json = { markets: list(x.markets, marketTo) };
  for (const [a, f] of U32_PARAMS) out[a] = num(x[f]);
  for (const [a, f] of U64_PARAMS) out[a] = u64(x[f]);
  return obj(out);
};
const paramsFrom = (j: Json): Params => {
  const out = Params.fromPartial({});
  out.markets = listFrom(j.markets, marketFrom);
  for (const [a, f] of U32_PARAMS) out[f] = Number(j[a] ?? 0);
  for (const [a, f] of U64_PARAMS) out[f] = big(j[a]);
  return out;
};

export function createMarketAminoConverters(): AminoConverters {
  return {
    [urls.MSG_PLACE_ORDER]: {
      aminoType: 'hypermesh/market/MsgPlaceOrder',
      toAmino: (m: MsgPlaceOrder) =>
        obj({
          owner: s(m.owner),
          denom: s(m.denom),
          side: num(m.side),
          order_type: num(m.orderType),
          time_in_force: num(m.timeInForce),
          price: s(m.price),
          quantity: s(m.quantity),
          max_quote: s(m.maxQuote),
          post_only: bool(m.postOnly),
          priority_fee: s(m.priorityFee),
        }),
      fromAmino: (j: Json): MsgPlaceOrder => ({
        owner: str(j.owner),
        denom: str(j.denom),
        side: Number(j.side ?? 0),
        orderType: Number(j.order_type ?? 0),
        timeInForce: Number(j.time_in_force ?? 0),
        price: str(j.price),
        quantity: str(j.quantity),
        maxQuote: str(j.max_quote),
        postOnly: j.post_only === true,
        priorityFee: str(j.priority_fee),
      }),
    },
    [urls.MSG_CANCEL_ORDER]: {
      aminoType: 'hypermesh/market/MsgCancelOrder',
      toAmino: (m: MsgCancelOrder) => obj({ owner: s(m.owner), order_id: u64(m.orderId) }),
      fromAmino: (j: Json): MsgCancelOrder => ({ owner: str(j.owner), orderId: big(j.order_id) }),
    },
    [urls.MSG_CREATE_REQUEST]: {
      aminoType: 'hypermesh/market/MsgCreateRequest',
      toAmino: (m: MsgCreateRequest) =>
        obj({
          consumer: s(m.consumer),
          resources: keepList(m.resources, amountTo),
          max_prices: keepList(m.maxPrices, priceTo),
          duration_blocks: u64(m.durationBlocks),
          bidding_blocks: u64(m.biddingBlocks),
          region: s(m.region),
          attributes: list(m.attributes, attrTo),
          min_reputation: s(m.minReputation),
          sla: slaTo(m.sla),
          priority_fee: s(m.priorityFee),
        }),
      fromAmino: (j: Json): MsgCreateRequest => ({
        consumer: str(j.consumer),
        resources: listFrom(j.resources, amountFrom),
        maxPrices: listFrom(j.max_prices, priceFrom),
        durationBlocks: big(j.duration_blocks),
        biddingBlocks: big(j.bidding_blocks),
        region: str(j.region),
        attributes: listFrom(j.attributes, attrFrom),
        minReputation: str(j.min_reputation),
        sla: slaFrom(j.sla as Json | undefined),
        priorityFee: str(j.priority_fee),
      }),
    },
    [urls.MSG_CANCEL_REQUEST]: {
      aminoType: 'hypermesh/market/MsgCancelRequest',
      toAmino: (m: MsgCancelRequest) => obj({ consumer: s(m.consumer), request_id: u64(m.requestId) }),
      fromAmino: (j: Json): MsgCancelRequest => ({ consumer: str(j.consumer), requestId: big(j.request_id) }),
    },
    [urls.MSG_BID]: {
      aminoType: 'hypermesh/market/MsgBid',
      toAmino: (m: MsgBid) => obj({ provider: s(m.provider), request_id: u64(m.requestId), node_id: s(m.nodeId), prices: keepList(m.prices, priceTo) }),
      fromAmino: (j: Json): MsgBid => ({ provider: str(j.provider), requestId: big(j.request_id), nodeId: str(j.node_id), prices: listFrom(j.prices, priceFrom) }),
    },
    [urls.MSG_CANCEL_BID]: {
      aminoType: 'hypermesh/market/MsgCancelBid',
      toAmino: (m: MsgCancelBid) => obj({ provider: s(m.provider), request_id: u64(m.requestId) }),
      fromAmino: (j: Json): MsgCancelBid => ({ provider: str(j.provider), requestId: big(j.request_id) }),
    },
    [urls.MSG_DEPOSIT_LEASE]: {
      aminoType: 'hypermesh/market/MsgDepositLease',
      toAmino: (m: MsgDepositLease) => obj({ consumer: s(m.consumer), lease_id: u64(m.leaseId), amount: coinTo(m.amount) }),
      fromAmino: (j: Json): MsgDepositLease => ({ consumer: str(j.consumer), leaseId: big(j.lease_id), amount: coinFrom(j.amount) }),
    },
    [urls.MSG_CLOSE_LEASE]: {
      aminoType: 'hypermesh/market/MsgCloseLease',
      toAmino: (m: MsgCloseLease) => obj({ sender: s(m.sender), lease_id: u64(m.leaseId) }),
      fromAmino: (j: Json): MsgCloseLease => ({ sender: str(j.sender), leaseId: big(j.lease_id) }),
    },
    [urls.MSG_REPORT_BREACH]: {
      aminoType: 'hypermesh/market/MsgReportBreach',
      toAmino: (m: MsgReportBreach) => obj({ consumer: s(m.consumer), lease_id: u64(m.leaseId), kind: num(m.kind), heartbeat: m.heartbeat ? heartbeatTo(m.heartbeat) : undefined }),
      fromAmino: (j: Json): MsgReportBreach => ({
        consumer: str(j.consumer),
        leaseId: big(j.lease_id),
        kind: Number(j.kind ?? 0),
        heartbeat: j.heartbeat ? heartbeatFrom(j.heartbeat as Json) : undefined,
      }),
    },
    [urls.MSG_MARKET_UPDATE_PARAMS]: {
      aminoType: 'hypermesh/market/MsgUpdateParams',
      toAmino: (m: MsgUpdateParams) => obj({ authority: s(m.authority), params: paramsTo(m.params) }),
      fromAmino: (j: Json): MsgUpdateParams => ({ authority: str(j.authority), params: paramsFrom((j.params as Json | undefined) ?? {}) }),
    },
  };
}
