/**
 * Workload auctions (reverse auctions; README, "Auctions"). A consumer's MsgCreateRequest escrows
 * floor(Σ max_price × amount) uhyper (its priority fee is burned) and opens bidding until the
 * EndBlock of created height + bidding_blocks. Providers bid a node of theirs and a price per
 * requested denom (each ≤ the max); the node must be eligible (below) when the bid is placed.
 *
 * Eligible: the provider is ACTIVE with reputation ≥ min_reputation; the node is the provider's,
 * in the requested region (if any), has every requested attribute among its AUDITED attributes,
 * is live (x/resource: a heartbeat in the current or previous window) and has free capacity for
 * the rate of every requested resource (x/resource's rule over duration_blocks × block_seconds).
 *
 * At the close, requests closing in that block are taken by priority fee (highest first), then id;
 * each request's bids are ranked by (total ascending, reputation descending, arrival ascending)
 * and the first bid still eligible wins: its lease is opened with `total` of the escrow and the
 * rest is refunded. No eligible bid: the request is UNMATCHED and the escrow refunded.
 */
import { EventAuctionClosed, EventBidCanceled, EventBidPlaced, EventRequestCanceled, EventRequestCreated } from '../../src/gen/hypermesh/market/v1/events';
import { Bid, Request, RequestStatus, type ResourceAmount } from '../../src/gen/hypermesh/market/v1/market';
import type { Attribute, Node, Price } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgBid, MsgCancelBid, MsgCancelRequest, MsgCreateRequest } from '../../src/gen/hypermesh/market/v1/tx';
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk, type CodedError } from '../../src/types/errors';
import { marketErrors } from './errors';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { ModuleName, QUOTE_DENOM } from './keys';
import { openMarketLease } from './leases';
import { validateSla } from './sla';
import { decField, intField, MAX_QUANTITY, priceField } from './validation';

const ONE = Dec.ONE.raw;
export const MAX_RESOURCES = 4;
export const MAX_ATTRIBUTES = 32;
export const MAX_LABEL = 64;

/** floor(Σ price × amount), uhyper. */
export function totalCost(resources: readonly ResourceAmount[], prices: readonly Price[]): bigint {
  let raw = 0n;
  for (const r of resources) raw += Dec.fromProto(prices.find((p) => p.denom === r.denom)!.price).raw * BigInt(r.amount);
  return raw / ONE;
}

/** Stateless checks of a request (the msg server's validate and the keeper share them). */
export function validateRequestShape(m: MsgCreateRequest): void {
  if (m.resources.length === 0) throw marketErrors.InvalidWorkload('no resources requested');
  if (m.resources.length > MAX_RESOURCES) throw marketErrors.InvalidWorkload(`at most ${MAX_RESOURCES} resources`);
  const denoms = new Set<string>();
  for (const r of m.resources) {
    if (denoms.has(r.denom)) throw marketErrors.InvalidWorkload(`${r.denom} requested twice`);
    denoms.add(r.denom);
    if (intField(r.amount, `amount of ${r.denom}`, marketErrors.InvalidWorkload, MAX_QUANTITY) === 0n) throw marketErrors.InvalidWorkload(`amount of ${r.denom} must be positive`);
  }
  validatePrices(m.maxPrices, denoms, 'max price');
  if (m.durationBlocks === 0n) throw marketErrors.InvalidWorkload('duration_blocks must be positive');
  if (m.biddingBlocks === 0n) throw marketErrors.InvalidWorkload('bidding_blocks must be positive');
  if (m.region.length > MAX_LABEL) throw marketErrors.InvalidWorkload(`region longer than ${MAX_LABEL} characters`);
  if (m.attributes.length > MAX_ATTRIBUTES) throw marketErrors.InvalidWorkload(`more than ${MAX_ATTRIBUTES} attributes`);
  const keysSeen = new Set<string>();
  for (const a of m.attributes) {
    if (a.key === '' || a.key.length > MAX_LABEL || a.value.length > 256) throw marketErrors.InvalidWorkload(`attribute ${JSON.stringify(a.key)} is empty or too long`);
    if (keysSeen.has(a.key)) throw marketErrors.InvalidWorkload(`attribute ${a.key} given twice`);
    keysSeen.add(a.key);
  }
  const rep = decField(m.minReputation, 'min reputation', marketErrors.InvalidWorkload);
  if (rep.gt(Dec.ONE)) throw marketErrors.InvalidWorkload('min reputation must be in [0, 1]');
  intField(m.priorityFee, 'priority fee', marketErrors.InvalidFee);
  validateSla(m.sla);
}

/** One price per denom of `denoms`, each positive and below the price limit. */
export function validatePrices(prices: readonly Price[], denoms: ReadonlySet<string>, what: string): void {
  const seen = new Set<string>();
  for (const p of prices) {
    if (!denoms.has(p.denom)) throw marketErrors.InvalidWorkload(`${what} for ${JSON.stringify(p.denom)}, which is not requested`);
    if (seen.has(p.denom)) throw marketErrors.InvalidWorkload(`two ${what}s for ${p.denom}`);
    seen.add(p.denom);
    priceField(p.price);
  }
  for (const d of denoms) if (!seen.has(d)) throw marketErrors.InvalidWorkload(`no ${what} for ${d}`);
}

export function createRequest(k: MarketKeeper, ctx: Context, m: MsgCreateRequest): bigint {
  validateRequestShape(m);
  const consumer = k.addrs.decode(m.consumer);
  const params = k.params(ctx);
  for (const r of m.resources) if (k.deps.resource.resourceType(r.denom) === undefined) throw marketErrors.InvalidWorkload(`${r.denom} is not a resource token`);
  if (m.durationBlocks < params.minLeaseBlocks || m.durationBlocks > params.maxLeaseBlocks) {
    throw marketErrors.InvalidWorkload(`duration ${m.durationBlocks} blocks is outside [${params.minLeaseBlocks}, ${params.maxLeaseBlocks}]`);
  }
  if (m.biddingBlocks < params.minBiddingBlocks || m.biddingBlocks > params.maxBiddingBlocks) {
    throw marketErrors.InvalidWorkload(`bidding window ${m.biddingBlocks} blocks is outside [${params.minBiddingBlocks}, ${params.maxBiddingBlocks}]`);
  }
  const interval = k.deps.resource.heartbeatIntervalSeconds(ctx);
  if (m.sla!.heartbeatIntervalSeconds !== 0n && m.sla!.heartbeatIntervalSeconds !== interval) {
    throw marketErrors.InvalidSla(`heartbeat interval must be 0 or the chain's liveness window, ${interval}s`);
  }
  const end = BigInt(ctx.block.height) + m.biddingBlocks;
  const closing = [...k.state.closingRequests.iterate(ctx, { prefix: CMap.prefixOf(keys.uint64, end) })].length;
  if (closing >= params.maxRequestsPerBlock) throw marketErrors.TooManyRequests(`${closing} auctions already close at height ${end}; choose another bidding window`);
  const escrow = totalCost(m.resources, m.maxPrices);
  if (escrow === 0n) throw marketErrors.InvalidWorkload('max prices × amounts is less than 1uhyper');
  const priorityFee = intField(m.priorityFee, 'priority fee', marketErrors.InvalidFee);
  k.deps.bank.sendFromAccountToModule(ctx, consumer, ModuleName, [{ denom: QUOTE_DENOM, amount: escrow + priorityFee }]);
  if (priorityFee > 0n) k.deps.bank.burnCoins(ctx, ModuleName, [{ denom: QUOTE_DENOM, amount: priorityFee }]);

  const id = k.state.nextRequestId.next(ctx);
  const request = Request.fromPartial({
    id,
    consumer: m.consumer,
    resources: [...m.resources].sort((a, b) => (a.denom < b.denom ? -1 : 1)).map((r) => ({ denom: r.denom, amount: BigInt(r.amount).toString() })),
    maxPrices: [...m.maxPrices].sort((a, b) => (a.denom < b.denom ? -1 : 1)).map((p) => ({ denom: p.denom, price: Dec.fromProto(p.price).toProto() })),
    durationBlocks: m.durationBlocks,
    region: m.region,
    attributes: [...m.attributes].sort((a, b) => (a.key < b.key ? -1 : 1)),
    minReputation: decField(m.minReputation, 'min reputation', marketErrors.InvalidWorkload).toProto(),
    sla: { ...m.sla!, heartbeatIntervalSeconds: interval, penalty: intField(m.sla!.penalty, 'penalty', marketErrors.InvalidSla).toString(), penaltyBondFraction: Dec.fromProto(m.sla!.penaltyBondFraction).toProto() },
    createdHeight: BigInt(ctx.block.height),
    biddingEndHeight: end,
    escrow: escrow.toString(),
    priorityFee: priorityFee.toString(),
    status: RequestStatus.REQUEST_STATUS_OPEN,
  });
  k.state.requests.set(ctx, id, request);
  k.state.requestsByConsumer.set(ctx, [consumer, id], undefined);
  k.state.closingRequests.set(ctx, [end, id], undefined);
  emitTyped(ctx, EventRequestCreated, { requestId: id, consumer: m.consumer, escrow: escrow.toString(), biddingEndHeight: end });
  return id;
}

function openRequest(k: MarketKeeper, ctx: Context, id: bigint): Request {
  const r = k.state.requests.get(ctx, id);
  if (!r) throw marketErrors.RequestNotFound(`no request ${id}`);
  if (r.status !== RequestStatus.REQUEST_STATUS_OPEN) throw marketErrors.RequestNotOpen(`request ${id} is ${RequestStatus[r.status]}`);
  return r;
}

function bidsOf(k: MarketKeeper, ctx: Context, requestId: bigint): Bid[] {
  return [...k.state.bids.iterate(ctx, { prefix: CMap.prefixOf(keys.uint64, requestId) })].map(([, b]) => b);
}

function dropBids(k: MarketKeeper, ctx: Context, requestId: bigint): void {
  for (const b of bidsOf(k, ctx, requestId)) k.state.bids.delete(ctx, [requestId, k.addrs.decode(b.provider)]);
}

export function cancelRequest(k: MarketKeeper, ctx: Context, m: MsgCancelRequest): void {
  const r = openRequest(k, ctx, m.requestId);
  if (r.consumer !== m.consumer) throw sdk.Unauthorized(`request ${r.id} belongs to ${r.consumer}`);
  dropBids(k, ctx, r.id);
  k.state.closingRequests.delete(ctx, [r.biddingEndHeight, r.id]);
  const escrow = BigInt(r.escrow);
  k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(r.consumer), [{ denom: QUOTE_DENOM, amount: escrow }]);
  k.state.requests.set(ctx, r.id, { ...r, status: RequestStatus.REQUEST_STATUS_CANCELED });
  emitTyped(ctx, EventRequestCanceled, { requestId: r.id, refunded: escrow.toString() });
}

const hasAttribute = (list: readonly Attribute[], a: Attribute) => list.some((x) => x.key === a.key && x.value === a.value);

/** Why `provider`'s `nodeId` cannot serve the request now, or undefined when it can. */
export function ineligibility(k: MarketKeeper, ctx: Context, r: Request, provider: string, nodeId: string): CodedError | undefined {
  const res = k.deps.resource;
  const p = res.getProvider(ctx, provider);
  if (!p) return marketErrors.NodeMismatch(`${provider} is not a provider`);
  if (!res.isActiveProvider(p)) return marketErrors.NodeUnavailable(`provider ${provider} is unbonding`);
  const score = res.reputation(ctx, provider);
  const min = Dec.fromProto(r.minReputation);
  if (score.lt(min)) return marketErrors.ReputationTooLow(`reputation of ${provider} is ${score}, the request asks at least ${min}`);
  const node: Node | undefined = res.getNode(ctx, nodeId);
  if (!node || node.provider !== provider) return marketErrors.NodeMismatch(`node ${nodeId} is not a node of ${provider}`);
  if (r.region !== '' && node.region !== r.region) return marketErrors.NodeMismatch(`node ${nodeId} is in region ${JSON.stringify(node.region)}, the request asks ${JSON.stringify(r.region)}`);
  const missing = r.attributes.filter((a) => !hasAttribute(node.auditedAttributes, a));
  if (missing.length > 0) {
    return marketErrors.NodeMismatch(`node ${nodeId} lacks the audited attribute(s) ${missing.map((a) => `${a.key}=${a.value}`).join(', ')}${node.auditedAttributes.length === 0 ? ' (it has no audit)' : ''}`);
  }
  if (!res.isLive(ctx, node)) return marketErrors.NodeUnavailable(`node ${nodeId} has no heartbeat in the current or the previous liveness window`);
  const seconds = r.durationBlocks * k.params(ctx).blockSeconds;
  for (const x of r.resources) {
    const rate = res.leaseRate(x.denom, BigInt(x.amount), seconds);
    const free = res.freeCapacity(ctx, node, x.denom);
    if (free < rate) return marketErrors.NodeUnavailable(`node ${nodeId} has ${free} units of ${x.denom}'s resource free; the lease holds ${rate}`);
  }
  return undefined;
}

export function placeBid(k: MarketKeeper, ctx: Context, m: MsgBid): void {
  const r = openRequest(k, ctx, m.requestId);
  const provider = k.addrs.decode(m.provider);
  if (k.state.bids.has(ctx, [r.id, provider])) throw marketErrors.BidExists(`${m.provider} already bid on request ${r.id}; cancel it to bid again`);
  const params = k.params(ctx);
  if (bidsOf(k, ctx, r.id).length >= params.maxBidsPerRequest) throw marketErrors.TooManyBids(`request ${r.id} has ${params.maxBidsPerRequest} bids`);
  validatePrices(m.prices, new Set(r.resources.map((x) => x.denom)), 'price');
  for (const p of m.prices) {
    const max = Dec.fromProto(r.maxPrices.find((x) => x.denom === p.denom)!.price);
    if (Dec.fromProto(p.price).gt(max)) throw marketErrors.BidAboveMax(`price ${Dec.fromProto(p.price)} for ${p.denom} is above the request's ${max}`);
  }
  const why = ineligibility(k, ctx, r, m.provider, m.nodeId);
  if (why) throw why;
  const prices = [...m.prices].sort((a, b) => (a.denom < b.denom ? -1 : 1)).map((p) => ({ denom: p.denom, price: Dec.fromProto(p.price).toProto() }));
  const bid = Bid.fromPartial({
    requestId: r.id,
    provider: m.provider,
    nodeId: m.nodeId,
    prices,
    total: totalCost(r.resources, prices).toString(),
    sequence: k.state.nextBidSequence.next(ctx),
    createdHeight: BigInt(ctx.block.height),
  });
  k.state.bids.set(ctx, [r.id, provider], bid);
  emitTyped(ctx, EventBidPlaced, { bid });
}

export function cancelBid(k: MarketKeeper, ctx: Context, m: MsgCancelBid): void {
  openRequest(k, ctx, m.requestId);
  const provider = k.addrs.decode(m.provider);
  if (!k.state.bids.has(ctx, [m.requestId, provider])) throw marketErrors.BidNotFound(`${m.provider} has no bid on request ${m.requestId}`);
  k.state.bids.delete(ctx, [m.requestId, provider]);
  emitTyped(ctx, EventBidCanceled, { requestId: m.requestId, provider: m.provider });
}

/** Bids in winning order: total ascending, reputation descending, arrival ascending. */
export function rankBids(k: MarketKeeper, ctx: Context, bids: readonly Bid[]): Bid[] {
  const score = new Map(bids.map((b) => [b.provider, k.deps.resource.reputation(ctx, b.provider)]));
  return [...bids].sort((a, b) => {
    const ta = BigInt(a.total);
    const tb = BigInt(b.total);
    if (ta !== tb) return ta < tb ? -1 : 1;
    const c = score.get(b.provider)!.cmp(score.get(a.provider)!);
    if (c !== 0) return c;
    return a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0;
  });
}

export function requestBids(k: MarketKeeper, ctx: Context, requestId: bigint): Bid[] {
  return rankBids(k, ctx, bidsOf(k, ctx, requestId));
}

/** EndBlock: closes the auctions whose window ends at this height (or before). */
export function closeAuctions(k: MarketKeeper, ctx: Context): void {
  const height = BigInt(ctx.block.height);
  const end = k.state.closingRequests.key([height + 1n, 0n]).subarray(k.state.closingRequests.prefix.length);
  const due = [...k.state.closingRequests.iterate(ctx, { end })].map(([[h, id]]) => ({ h, r: k.state.requests.get(ctx, id)! }));
  due.sort((a, b) => {
    const fa = BigInt(a.r.priorityFee);
    const fb = BigInt(b.r.priorityFee);
    return fa > fb ? -1 : fa < fb ? 1 : a.r.id < b.r.id ? -1 : 1;
  });
  for (const { h, r } of due) {
    k.state.closingRequests.delete(ctx, [h, r.id]);
    closeAuction(k, ctx, r);
  }
}

function closeAuction(k: MarketKeeper, ctx: Context, r: Request): void {
  const ranked = requestBids(k, ctx, r.id);
  dropBids(k, ctx, r.id);
  const consumer = k.addrs.decode(r.consumer);
  const escrow = BigInt(r.escrow);
  let skipped = 0;
  for (const bid of ranked) {
    if (ineligibility(k, ctx, r, bid.provider, bid.nodeId)) {
      skipped++;
      continue;
    }
    const lease = openMarketLease(k, ctx, r, bid);
    const total = BigInt(bid.total);
    const refund = escrow - total;
    if (refund > 0n) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, consumer, [{ denom: QUOTE_DENOM, amount: refund }]);
    k.state.requests.set(ctx, r.id, { ...r, status: RequestStatus.REQUEST_STATUS_MATCHED, leaseId: lease.id, winner: bid.provider });
    emitTyped(ctx, EventAuctionClosed, {
      requestId: r.id,
      status: RequestStatus.REQUEST_STATUS_MATCHED,
      winner: bid.provider,
      nodeId: bid.nodeId,
      total: total.toString(),
      refunded: refund.toString(),
      leaseId: lease.id,
      bids: ranked.length,
      skipped,
    });
    return;
  }
  k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, consumer, [{ denom: QUOTE_DENOM, amount: escrow }]);
  k.state.requests.set(ctx, r.id, { ...r, status: RequestStatus.REQUEST_STATUS_UNMATCHED });
  emitTyped(ctx, EventAuctionClosed, { requestId: r.id, status: RequestStatus.REQUEST_STATUS_UNMATCHED, winner: '', nodeId: '', total: '0', refunded: escrow.toString(), leaseId: 0n, bids: ranked.length, skipped });
}
