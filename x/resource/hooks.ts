/**
 * Hooks for a module that extends leases with payment terms (x/market: escrow streams, SLA). It
 * keeps its terms in its own store keyed by lease id and learns of each settled period and of the
 * close here; it reports SLA outcomes back with `ResourceKeeper.recordSlaOutcome`.
 */
import type { Lease } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';

export interface ResourceHooks {
  /** After a period of `lease` settled: `amount` token units served (or missed when !served). */
  afterLeaseSettled?(ctx: Context, lease: Lease, served: boolean, amount: bigint): void;
  /** After `lease` completed, failed or was closed. */
  afterLeaseClosed?(ctx: Context, lease: Lease): void;
}
