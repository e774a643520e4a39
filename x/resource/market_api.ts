/**
 * x/resource as x/market sees it: the adapter app.ts passes to the MarketKeeper (x/market's
 * ResourceLedger interface). It reads nodes, providers, reputation and liveness through the
 * keeper's accessors and the pure rules of selection.ts / units.ts / nodes.ts, opens and ends
 * market leases with the keeper's openLease / endLease, and adds the two operations x/market needs
 * that the keeper has no method for:
 *
 *   slashBondTo — an SLA penalty: up to `amount` uhyper of the provider's bond leaves the resource
 *     module account for the harmed consumer (never burned), the bond falls by it; unbonding
 *     providers are still slashable, as for fraud (fraud.ts). The module-balance invariant (module
 *     account = Σ bonds) holds across it.
 *   verifyHeartbeat / exceedsAttested — the check of fraud.ts's OVERCLAIMED_CAPACITY evidence (the
 *     node key's signature over the heartbeat sign bytes on this chain, gas charged; used capacity
 *     above the attested capacity), for x/market's SLA evidence.
 */
import type { Heartbeat, Node, Provider } from '../../src/gen/hypermesh/resource/v1/resource';
import { ProviderStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { OpenResourceLease, ResourceLedger } from '../market/expected_keepers';
import { paramsReferencePrices, type ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { attestedCapacity, verifyNodeSignature } from './nodes';
import { BOND_DENOM } from './providers';
import { freeCapacity, isLive } from './selection';
import { heartbeatSignBytes, parseNodeId } from './sign_bytes';
import { capacityOf, exceeds, leaseRate, specOfDenom } from './units';

function nodeKeyOf(nodeId: string): Uint8Array | undefined {
  try {
    return parseNodeId(nodeId);
  } catch {
    return undefined;
  }
}

export function resourceMarketApi(k: ResourceKeeper): ResourceLedger {
  const params = paramsReferencePrices((ctx) => k.params(ctx));
  return {
    paramReferencePrice: (ctx, denom) => params.referencePrice(ctx, denom),
    heartbeatIntervalSeconds: (ctx) => k.params(ctx).heartbeatIntervalSeconds,
    maxMissedWindows: (ctx) => k.params(ctx).maxMissedWindows,
    currentWindow: (ctx) => k.window(ctx).number,
    getNode: (ctx, nodeId) => {
      const key = nodeKeyOf(nodeId);
      return key ? k.getNode(ctx, key) : undefined;
    },
    isLive: (ctx, node) => isLive(node, k.window(ctx)),
    freeCapacity: (ctx, node, denom) => {
      const spec = specOfDenom(denom);
      return spec ? freeCapacity(node, spec, k.params(ctx).requireAudit) : 0n;
    },
    leaseRate: (denom, amount, seconds) => leaseRate(amount, seconds, specOfDenom(denom)!),
    resourceType: (denom) => specOfDenom(denom)?.type,
    getProvider: (ctx, address) => {
      try {
        return k.getProvider(ctx, k.addrs.decode(address));
      } catch {
        return undefined;
      }
    },
    isActiveProvider: (p: Provider) => p.status === ProviderStatus.PROVIDER_STATUS_ACTIVE,
    reputation: (ctx, provider) => Dec.fromProto(k.getReputation(ctx, k.addrs.decode(provider)).score),
    getLease: (ctx, id) => k.state.leases.get(ctx, id),
    openLease: (ctx, r: OpenResourceLease) => k.openLease(ctx, r),
    endLease: (ctx, id) => void k.endLease(ctx, id),
    recordSlaOutcome: (ctx, provider, met) => k.recordSlaOutcome(ctx, provider, met),
    bondOf: (ctx, provider) => BigInt(k.getProvider(ctx, k.addrs.decode(provider))?.bond ?? '0'),
    slashBondTo: (ctx: Context, provider: string, amount: bigint, to: string) => {
      const address = k.addrs.decode(provider);
      const p = k.getProvider(ctx, address);
      if (!p || amount <= 0n) return 0n;
      const bond = BigInt(p.bond);
      const slashed = amount < bond ? amount : bond;
      if (slashed === 0n) return 0n;
      k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(to), [{ denom: BOND_DENOM, amount: slashed }]);
      k.setProvider(ctx, { ...p, bond: (bond - slashed).toString() });
      return slashed;
    },
    verifyHeartbeat: (ctx, hb: Heartbeat) => {
      const key = nodeKeyOf(hb.nodeId);
      if (!key) return false;
      const bytes = heartbeatSignBytes(ctx.block.chainId, { nodeId: hb.nodeId, sequence: hb.sequence, height: hb.height, used: hb.used });
      return verifyNodeSignature(k, ctx, key, bytes, hb.signature);
    },
    exceedsAttested: (node: Node, hb: Heartbeat) => exceeds(capacityOf(hb.used), attestedCapacity(node)) !== undefined,
  };
}
