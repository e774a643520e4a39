/**
 * The `market` section of genesis.json. InitChain creates the module account; indexes (owner
 * orders, the book, the queue, consumer/provider lease indexes, the active set, closing requests)
 * are rebuilt from the records. Export → import → export is the identity.
 */
import { GenesisState } from '../../src/gen/hypermesh/market/v1/genesis';
import { LeaseState, OrderStatus, RequestStatus } from '../../src/gen/hypermesh/market/v1/market';
import type { ModuleGenesis } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import * as book from './book';
import type { MarketKeeper } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_PARAMS, validateParams } from './params';

export function marketGenesis(k: MarketKeeper, addrs: AddressCodec): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, nextOrderId: 1n, nextTradeId: 1n, nextRequestId: 1n, nextLeaseId: 1n, nextRestSequence: 1n, nextBidSequence: 1n }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      const ids = new Set<bigint>();
      for (const o of g.orders) {
        addrs.decode(o.owner);
        if (ids.has(o.id)) throw sdk.InvalidRequest(`genesis: order ${o.id} listed twice`);
        ids.add(o.id);
        if (o.status !== OrderStatus.ORDER_STATUS_OPEN && o.status !== OrderStatus.ORDER_STATUS_QUEUED) throw sdk.InvalidRequest(`genesis: order ${o.id} is neither queued nor open`);
      }
      for (const l of g.leases) addrs.decode(l.consumer);
    },
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
      for (const o of g.orders) {
        k.state.orders.set(ctx, o.id, o);
        k.state.ordersByOwner.set(ctx, [addrs.decode(o.owner), o.denom, o.id], undefined);
        if (o.status === OrderStatus.ORDER_STATUS_OPEN) book.insert(k, ctx, o);
        else k.state.queue.set(ctx, o.id, undefined);
      }
      for (const t of g.trades) k.state.trades.set(ctx, [t.denom, t.height, t.id], t);
      for (const p of g.prices) k.state.prices.set(ctx, p.denom, p);
      for (const s of g.snapshots) k.state.snapshots.set(ctx, [s.denom, s.time], s);
      for (const r of g.requests) {
        k.state.requests.set(ctx, r.id, r);
        k.state.requestsByConsumer.set(ctx, [addrs.decode(r.consumer), r.id], undefined);
        if (r.status === RequestStatus.REQUEST_STATUS_OPEN) k.state.closingRequests.set(ctx, [r.biddingEndHeight, r.id], undefined);
      }
      for (const b of g.bids) k.state.bids.set(ctx, [b.requestId, addrs.decode(b.provider)], b);
      for (const l of g.leases) {
        k.state.leases.set(ctx, l.id, l);
        k.state.leasesByConsumer.set(ctx, [addrs.decode(l.consumer), l.id], undefined);
        k.state.leasesByProvider.set(ctx, [addrs.decode(l.provider), l.id], undefined);
        for (const r of l.resources) for (const id of r.resourceLeaseIds) k.state.leaseOfResourceLease.set(ctx, id, l.id);
        if (l.state === LeaseState.LEASE_STATE_ACTIVE) {
          k.state.activeLeases.set(ctx, l.id, undefined);
          if (l.closing !== LeaseState.LEASE_STATE_UNSPECIFIED || l.resources.some((r) => r.resourceLeaseId === 0n)) k.state.pendingLeases.set(ctx, l.id, undefined);
        }
      }
      const one = (n: bigint) => (n > 0n ? n : 1n);
      k.state.nextOrderId.set(ctx, one(g.nextOrderId));
      k.state.nextTradeId.set(ctx, one(g.nextTradeId));
      k.state.nextRequestId.set(ctx, one(g.nextRequestId));
      k.state.nextLeaseId.set(ctx, one(g.nextLeaseId));
      k.state.nextRestSequence.set(ctx, one(g.nextRestSequence));
      k.state.nextBidSequence.set(ctx, one(g.nextBidSequence));
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        orders: [...k.state.orders.iterate(ctx)].map(([, o]) => o),
        trades: [...k.state.trades.iterate(ctx)].map(([, t]) => t),
        prices: [...k.state.prices.iterate(ctx)].map(([, p]) => p),
        snapshots: [...k.state.snapshots.iterate(ctx)].map(([, s]) => s),
        requests: [...k.state.requests.iterate(ctx)].map(([, r]) => r),
        bids: [...k.state.bids.iterate(ctx)].map(([, b]) => b),
        leases: [...k.state.leases.iterate(ctx)].map(([, l]) => l),
        nextOrderId: k.state.nextOrderId.peek(ctx),
        nextTradeId: k.state.nextTradeId.peek(ctx),
        nextRequestId: k.state.nextRequestId.peek(ctx),
        nextLeaseId: k.state.nextLeaseId.peek(ctx),
        nextRestSequence: k.state.nextRestSequence.peek(ctx),
        nextBidSequence: k.state.nextBidSequence.peek(ctx),
      }),
  };
}
