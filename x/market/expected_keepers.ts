/**
 * What x/market needs from other modules, as narrow interfaces; app.ts passes the keepers (and,
 * for x/resource, the adapter of x/resource/market_api.ts). Nothing here names a keeper class.
 */
import type { Lease as ResourceLease, Node, Provider, ResourceType } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Heartbeat } from '../../src/gen/hypermesh/resource/v1/resource';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

/** The parts of x/bank x/market calls. */
export interface BankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
}

/** The parts of x/auth x/market calls. */
export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  moduleAddress(name: string): Uint8Array;
  getModuleAccount(ctx: Context, name: string): unknown;
}

/** Where the pool share of trading fees goes (x/distribution). */
export interface CommunityPool {
  fundCommunityPool(ctx: Context, amount: Coins, sender: Uint8Array): void;
}

/** What the market opens on x/resource: a lease on a named provider and node, paid by the market. */
export interface OpenResourceLease {
  consumer: string;
  provider: string;
  nodeId: string;
  resource: ResourceType;
  /** token units delivered over the lease */
  amount: bigint;
  durationSeconds: bigint;
  pricePerUnit: Dec;
}

/**
 * x/resource as the market sees it (adapter: x/resource/market_api.ts). Node capacity, liveness,
 * reputation, the usage records and the provider bonds stay x/resource's.
 */
export interface ResourceLedger {
  /** uhyper per token unit: the param, when no market price exists (the x/resource fallback). */
  paramReferencePrice(ctx: Context, denom: string): Dec | undefined;
  /** x/resource's liveness window length and the window open now. */
  heartbeatIntervalSeconds(ctx: Context): bigint;
  maxMissedWindows(ctx: Context): bigint;
  currentWindow(ctx: Context): bigint;
  getNode(ctx: Context, nodeId: string): Node | undefined;
  /** Live: an accepted heartbeat in the current or the previous window. */
  isLive(ctx: Context, node: Node): boolean;
  /** Node units of the token's resource the node has free (effective capacity − allocated). */
  freeCapacity(ctx: Context, node: Node, denom: string): bigint;
  /** Node units a lease of `amount` tokens over `seconds` holds (x/resource's rate rule). */
  leaseRate(denom: string, amount: bigint, seconds: bigint): bigint;
  resourceType(denom: string): ResourceType | undefined;
  getProvider(ctx: Context, address: string): Provider | undefined;
  isActiveProvider(p: Provider): boolean;
  reputation(ctx: Context, provider: string): Dec;
  getLease(ctx: Context, id: bigint): ResourceLease | undefined;
  openLease(ctx: Context, r: OpenResourceLease): ResourceLease;
  /** Ends an active x/resource lease early (status CLOSED). */
  endLease(ctx: Context, id: bigint): void;
  /** x/resource's reputation input from SLA outcomes. */
  recordSlaOutcome(ctx: Context, provider: string, met: boolean): void;
  /** Takes up to `amount` uhyper of the provider's bond and pays it to `to`; returns what was taken. */
  slashBondTo(ctx: Context, provider: string, amount: bigint, to: string): bigint;
  /** The provider's bond, uhyper. */
  bondOf(ctx: Context, provider: string): bigint;
  /** True when the heartbeat is the node key's signature for this chain (gas charged by x/resource). */
  verifyHeartbeat(ctx: Context, hb: Heartbeat): boolean;
  /** The node's attested capacity (declared, capped by the audit) as [field, units] per resource denom. */
  exceedsAttested(node: Node, hb: Heartbeat): boolean;
}
