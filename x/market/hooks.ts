/**
 * What x/market does when x/resource settles or closes one of its market leases (app.ts installs
 * these with ResourceKeeper.setHooks). They run inside x/resource's window close (BeginBlock), so
 * they never open or end x/resource leases themselves: they count liveness windows, apply SLA
 * breaches (slash and pay) and mark the lease for the next EndBlock (close or renew a term). A
 * failure inside a hook is discarded with its writes rather than halting the chain.
 */
import { LeaseState } from '../../src/gen/hypermesh/market/v1/market';
import { LeaseStatus, type Lease as ResourceLease } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';
import type { MarketKeeper } from './keeper';
import { closingBreach, markClosing, onWindowSettled } from './sla';

/** The hook shape x/resource calls (its ResourceHooks). */
export interface MarketResourceHooks {
  afterLeaseSettled(ctx: Context, lease: ResourceLease, served: boolean, amount: bigint): void;
  afterLeaseClosed(ctx: Context, lease: ResourceLease): void;
}

function guarded(ctx: Context, f: (ctx: Context) => void): void {
  const b = ctx.branch();
  try {
    f(b.ctx);
    b.write();
  } catch {
    // discarded: a market bookkeeping failure must not stop x/resource's window close
  }
}

export function marketResourceHooks(k: MarketKeeper): MarketResourceHooks {
  return {
    afterLeaseSettled(ctx, rl, served) {
      const id = k.state.leaseOfResourceLease.get(ctx, rl.id);
      if (id === undefined) return;
      guarded(ctx, (c) => onWindowSettled(k, c, id, served));
    },
    afterLeaseClosed(ctx, rl) {
      const id = k.state.leaseOfResourceLease.get(ctx, rl.id);
      if (id === undefined) return;
      guarded(ctx, (c) => {
        const l = k.state.leases.get(c, id);
        if (!l || l.state !== LeaseState.LEASE_STATE_ACTIVE || l.closing !== LeaseState.LEASE_STATE_UNSPECIFIED) return;
        if (rl.status === LeaseStatus.LEASE_STATUS_FAILED) {
          closingBreach(k, c, id, 'node_failed');
          markClosing(k, c, k.state.leases.get(c, id)!, LeaseState.LEASE_STATE_FAILED);
        } else if (rl.status === LeaseStatus.LEASE_STATUS_COMPLETED) {
          // the term ended: renew it in EndBlock for the blocks the escrow still pays
          const resources = l.resources.map((r) => (r.resourceLeaseId === rl.id ? { ...r, resourceLeaseId: 0n } : r));
          k.state.leases.set(c, id, { ...l, resources });
          k.state.pendingLeases.set(c, id, undefined);
        }
      });
    },
  };
}
