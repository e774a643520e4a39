/**
 * The `resource` genesis section. InitChain also creates the module account, gives the four
 * resource tokens bank metadata when the bank section has none for them, and opens the first
 * liveness window when the section has none. Indexes are rebuilt from the records.
 */
import { GenesisState } from '../../src/gen/hypermesh/resource/v1/genesis';
import { LeaseStatus, ProviderStatus, ResourceTransaction } from '../../src/gen/hypermesh/resource/v1/resource';
import type { ModuleGenesis } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import type { ResourceKeeper } from './keeper';
import { secondsOf } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_PARAMS, validateParams } from './params';
import { parseNodeId, transactionId } from './sign_bytes';
import { RESOURCE_METADATA } from './units';
import { windowAt } from './window';

export function resourceGenesis(k: ResourceKeeper, addrs: AddressCodec): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, nextLeaseId: 1n }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS, addrs);
      const providers = new Set<string>();
      for (const p of g.providers) {
        addrs.decode(p.address);
        if (providers.has(p.address)) throw sdk.InvalidRequest(`genesis: provider ${p.address} listed twice`);
        providers.add(p.address);
      }
      const nodes = new Set<string>();
      for (const n of g.nodes) {
        parseNodeId(n.nodeId);
        if (nodes.has(n.nodeId)) throw sdk.InvalidRequest(`genesis: node ${n.nodeId} listed twice`);
        if (!providers.has(n.provider)) throw sdk.InvalidRequest(`genesis: node ${n.nodeId} of unknown provider ${n.provider}`);
        nodes.add(n.nodeId);
      }
      for (const t of g.transactions) {
        const id = Buffer.from(transactionId(ResourceTransaction.fromPartial(t.record ?? {}))).toString('hex');
        if (id !== t.id) throw sdk.InvalidRequest(`genesis: transaction ${t.id} has content id ${id}`);
      }
    },
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
      for (const m of RESOURCE_METADATA) if (!k.deps.bank.getDenomMetadata(ctx, m.base)) k.deps.bank.setDenomMetadata(ctx, m);
      k.state.window.set(ctx, g.window ?? windowAt(ctx, k.params(ctx).heartbeatIntervalSeconds, 1n));
      for (const p of g.providers) {
        const a = addrs.decode(p.address);
        k.state.providers.set(ctx, a, p);
        if (p.status === ProviderStatus.PROVIDER_STATUS_UNBONDING) k.state.unbondingQueue.set(ctx, [secondsOf(p.unbondingCompletion), a], undefined);
      }
      for (const l of g.liabilities) k.setLiability(ctx, addrs.decode(l.provider), l);
      for (const r of g.reputations) k.state.reputations.set(ctx, addrs.decode(r.provider), r);
      for (const n of g.nodes) {
        const key = parseNodeId(n.nodeId);
        k.state.nodes.set(ctx, key, n);
        k.state.nodesByProvider.set(ctx, [addrs.decode(n.provider), key], undefined);
      }
      for (const a of g.audits) k.state.audits.set(ctx, [parseNodeId(a.nodeId), addrs.decode(a.auditor)], a);
      for (const l of g.leases) {
        k.state.leases.set(ctx, l.id, l);
        k.state.leasesByConsumer.set(ctx, [addrs.decode(l.consumer), l.id], undefined);
        k.state.leasesByProvider.set(ctx, [addrs.decode(l.provider), l.id], undefined);
        k.state.leasesByNode.set(ctx, [parseNodeId(l.nodeId), l.id], undefined);
        if (l.status === LeaseStatus.LEASE_STATUS_ACTIVE) k.state.activeLeases.set(ctx, l.id, undefined);
      }
      k.state.nextLeaseId.set(ctx, g.nextLeaseId > 0n ? g.nextLeaseId : 1n);
      for (const t of g.transactions) {
        const id = new Uint8Array(Buffer.from(t.id, 'hex'));
        const r = t.record!;
        const time = secondsOf(r.timestamp);
        k.state.transactions.set(ctx, id, r);
        k.state.txByNode.set(ctx, [parseNodeId(r.nodeId), time, id], undefined);
        k.state.txByProvider.set(ctx, [addrs.decode(r.provider), time, id], undefined);
        k.state.txByConsumer.set(ctx, [addrs.decode(r.consumer), time, id], undefined);
        k.state.txByTime.set(ctx, [time, id], undefined);
      }
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        providers: [...k.state.providers.iterate(ctx)].map(([, p]) => p),
        liabilities: [...k.state.liabilities.iterate(ctx)].map(([, l]) => l),
        reputations: [...k.state.reputations.iterate(ctx)].map(([, r]) => r),
        nodes: [...k.state.nodes.iterate(ctx)].map(([, n]) => n),
        audits: [...k.state.audits.iterate(ctx)].map(([, a]) => a),
        leases: [...k.state.leases.iterate(ctx)].map(([, l]) => l),
        nextLeaseId: k.state.nextLeaseId.peek(ctx),
        transactions: [...k.state.txByTime.iterate(ctx)].map(([[, id]]) => ({ id: Buffer.from(id).toString('hex'), record: k.state.transactions.get(ctx, id)! })),
        window: k.state.window.get(ctx),
      }),
  };
}
