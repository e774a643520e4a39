/**
 * ResourceKeeper: the resource store and its accessors. The operations that change several
 * records at once live beside it, one concept per file (providers.ts, nodes.ts, heartbeats.ts,
 * tokens.ts, leases.ts, selection.ts, window.ts, fraud.ts); the keeper exposes them as methods so
 * other modules reach x/resource through one object and their own narrow interfaces.
 */
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { Params } from '../../src/gen/hypermesh/resource/v1/params';
import { Liability, type Lease, type Node, type Provider, type Reputation, type Window } from '../../src/gen/hypermesh/resource/v1/resource';
import type {
  MsgAddBond,
  MsgChallenge,
  MsgHeartbeat,
  MsgMint,
  MsgRedeem,
  MsgRegisterNode,
  MsgRegisterProvider,
  MsgRetire,
  MsgSignAttributes,
  MsgUnbondProvider,
  MsgUpdateProvider,
} from '../../src/gen/hypermesh/resource/v1/tx';
import type { AddressCodec } from '../../src/crypto/address';
import { defaultVerifier, type SignatureVerifier } from '../../src/crypto/verify';
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { resourceErrors } from './errors';
import type {
  AccountKeeper,
  BankKeeper,
  CommunityPool,
  ReferencePriceProvider,
  ResourceFraudSlasher,
  ValidatorSource,
} from './expected_keepers';
import * as fraud from './fraud';
import * as heartbeats from './heartbeats';
import type { ResourceHooks } from './hooks';
import { resourceState, ModuleName } from './keys';
import * as leases from './leases';
import * as nodes from './nodes';
import * as providers from './providers';
import { emptyReputation, withSlaOutcome } from './reputation';
import * as tokens from './tokens';
import * as window from './window';

export interface ResourceKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  validators: ValidatorSource;
  fraudSlasher: ResourceFraudSlasher;
  communityPool: CommunityPool;
  /** Reference prices from a market module; the `reference_prices` param when absent. */
  prices?: ReferencePriceProvider;
  /** The bech32 account allowed to change params (the gov module account). */
  authority: string;
  /** ed25519 verification of node signatures (default: the process-wide OpenSSL verifier). */
  verifier?: SignatureVerifier;
}

export function tsOf(seconds: bigint): Timestamp {
  return { seconds, nanos: 0 };
}

export function secondsOf(t: Timestamp | undefined): bigint {
  return t ? t.seconds : 0n;
}

/** The reference prices of the `reference_prices` param. */
export function paramsReferencePrices(params: (ctx: Context) => Params): ReferencePriceProvider {
  return {
    referencePrice: (ctx, denom) => {
      const p = params(ctx).referencePrices.find((r) => r.denom === denom);
      return p ? Dec.fromProto(p.price) : undefined;
    },
  };
}

export class ResourceKeeper {
  readonly state = resourceState();
  hooks: ResourceHooks = {};
  private readonly fallbackPrices: ReferencePriceProvider;

  constructor(readonly deps: ResourceKeeperDeps) {
    this.fallbackPrices = paramsReferencePrices((ctx) => this.params(ctx));
  }

  get addrs(): AddressCodec {
    return this.deps.accounts.addressCodec;
  }
  get verifier(): SignatureVerifier {
    return this.deps.verifier ?? defaultVerifier;
  }
  get moduleName(): string {
    return ModuleName;
  }
  get moduleAddress(): Uint8Array {
    return this.deps.accounts.moduleAddress(ModuleName);
  }

  /** Makes a market module the source of reference prices (instead of the param), once. */
  setReferencePriceProvider(prices: ReferencePriceProvider): void {
    if (this.deps.prices) throw new Error('the reference price provider is already set');
    this.deps.prices = prices;
  }

  /** Installs the hooks of a module that extends leases (x/market), once. */
  setHooks(hooks: ResourceHooks): void {
    if (Object.keys(this.hooks).length > 0) throw new Error('resource hooks are already set');
    this.hooks = hooks;
  }

  // --- params and prices --------------------------------------------------------------

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  /** uhyper per token unit: the market's reference price, else the param; undefined when neither has one. */
  referencePrice(ctx: Context, denom: string): Dec | undefined {
    return this.deps.prices?.referencePrice(ctx, denom) ?? this.fallbackPrices.referencePrice(ctx, denom);
  }

  // --- records ------------------------------------------------------------------------

  getProvider(ctx: Context, address: Uint8Array): Provider | undefined {
    return this.state.providers.get(ctx, address);
  }
  mustProvider(ctx: Context, address: Uint8Array): Provider {
    const p = this.getProvider(ctx, address);
    if (!p) throw resourceErrors.ProviderNotFound(`${this.addrs.encode(address)} is not a provider`);
    return p;
  }
  setProvider(ctx: Context, p: Provider): void {
    this.state.providers.set(ctx, this.addrs.decode(p.address), p);
  }

  /** The liability of a provider in a denom (all zero when it never minted it). */
  getLiability(ctx: Context, provider: Uint8Array, denom: string): Liability {
    return (
      this.state.liabilities.get(ctx, [provider, denom]) ??
      Liability.fromPartial({ provider: this.addrs.encode(provider), denom, minted: '0', served: '0', retired: '0', outstanding: '0', reserved: '0' })
    );
  }
  /** Stores a liability and keeps the redeemable index (providers with outstanding − reserved > 0). */
  setLiability(ctx: Context, provider: Uint8Array, l: Liability): void {
    this.state.liabilities.set(ctx, [provider, l.denom], l);
    if (BigInt(l.outstanding) - BigInt(l.reserved) > 0n) this.state.redeemable.set(ctx, [l.denom, provider], undefined);
    else this.state.redeemable.delete(ctx, [l.denom, provider]);
  }
  liabilities(ctx: Context, provider: Uint8Array): Liability[] {
    return [...this.state.liabilities.iterate(ctx, { prefix: CMap.prefixOf(keys.bytes, provider) })].map(([, l]) => l);
  }

  getNode(ctx: Context, key: Uint8Array): Node | undefined {
    return this.state.nodes.get(ctx, key);
  }
  mustNode(ctx: Context, key: Uint8Array, nodeId: string): Node {
    const n = this.getNode(ctx, key);
    if (!n) throw resourceErrors.NodeNotFound(`no node ${nodeId}`);
    return n;
  }
  /** The node keys of a provider, in key order. */
  providerNodeKeys(ctx: Context, provider: Uint8Array): Uint8Array[] {
    return [...this.state.nodesByProvider.iterate(ctx, { prefix: CMap.prefixOf(keys.bytes, provider) })].map(([[, key]]) => Uint8Array.from(key));
  }

  getReputation(ctx: Context, provider: Uint8Array): Reputation {
    return this.state.reputations.get(ctx, provider) ?? emptyReputation(this.addrs.encode(provider));
  }

  /** The liveness window open now (set at InitChain). */
  window(ctx: Context): Window {
    return this.state.window.must(ctx);
  }

  // --- what other modules read ----------------------------------------------------------

  /**
   * x/staking's ResourceScoreProvider: the reputation score of the active provider linked to the
   * validator (the provider account is the validator's operator account); 0 when there is none.
   */
  resourceScore(ctx: Context, valoperAddress: string): Dec {
    let operator: Uint8Array;
    try {
      operator = this.deps.validators.validatorAddressCodec.decode(valoperAddress);
    } catch {
      return Dec.ZERO;
    }
    const p = this.getProvider(ctx, operator);
    if (!p || p.validator !== valoperAddress || p.status !== 1 /* ACTIVE */) return Dec.ZERO;
    return Dec.fromProto(this.getReputation(ctx, operator).score);
  }

  /** For x/market: an SLA outcome of a lease of `provider` counts toward its reputation. */
  recordSlaOutcome(ctx: Context, provider: string, met: boolean): void {
    const key = this.addrs.decode(provider);
    const p = this.mustProvider(ctx, key);
    const r = withSlaOutcome(this.getReputation(ctx, key), met, this.params(ctx), ctx.unixSeconds - secondsOf(p.registeredAt), BigInt(p.bond));
    this.state.reputations.set(ctx, key, r);
  }

  // --- operations (one file each) ----------------------------------------------------------

  registerProvider(ctx: Context, m: MsgRegisterProvider): void {
    providers.registerProvider(this, ctx, m);
  }
  updateProvider(ctx: Context, m: MsgUpdateProvider): void {
    providers.updateProvider(this, ctx, m);
  }
  addBond(ctx: Context, m: MsgAddBond): void {
    providers.addBond(this, ctx, m);
  }
  unbondProvider(ctx: Context, m: MsgUnbondProvider): bigint {
    return providers.unbondProvider(this, ctx, m);
  }
  registerNode(ctx: Context, m: MsgRegisterNode): void {
    nodes.registerNode(this, ctx, m);
  }
  signAttributes(ctx: Context, m: MsgSignAttributes): void {
    nodes.signAttributes(this, ctx, m);
  }
  heartbeat(ctx: Context, m: MsgHeartbeat): void {
    heartbeats.acceptHeartbeats(this, ctx, m);
  }
  mint(ctx: Context, m: MsgMint): void {
    tokens.mint(this, ctx, m);
  }
  retire(ctx: Context, m: MsgRetire): void {
    tokens.retire(this, ctx, m);
  }
  redeem(ctx: Context, m: MsgRedeem): { leaseId: bigint; provider: string; nodeId: string } {
    return leases.redeem(this, ctx, m);
  }
  challenge(ctx: Context, m: MsgChallenge): { slashed: bigint; recipient: string } {
    return fraud.challenge(this, ctx, m);
  }
  /** For x/market: a lease on a named provider whose payment terms the caller keeps (leases.ts). */
  openLease(ctx: Context, r: leases.OpenLeaseRequest): Lease {
    return leases.openLease(this, ctx, r);
  }
  /** For x/market: ends an active lease early (status CLOSED). */
  endLease(ctx: Context, id: bigint): Lease {
    return leases.endLease(this, ctx, id);
  }
  beginBlock(ctx: Context): void {
    window.beginBlock(this, ctx);
  }
}
