/**
 * MarketKeeper: the market store and its accessors. The operations live beside it, one concept per
 * file (orders.ts and matching.ts: the book; prices.ts: last and reference prices; auctions.ts:
 * workload requests and bids; leases.ts: escrow streams; sla.ts: breaches); the keeper exposes them
 * as methods so app.ts and other modules reach x/market through one object.
 */
import type { Params } from '../../src/gen/hypermesh/market/v1/params';
import type { AddressCodec } from '../../src/crypto/address';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';
import type { AccountKeeper, BankKeeper, CommunityPool, ResourceLedger } from './expected_keepers';
import { marketState, ModuleName } from './keys';
import { twap } from './prices';

export interface MarketKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  communityPool: CommunityPool;
  resource: ResourceLedger;
  /** The bech32 account allowed to change params (the gov module account). */
  authority: string;
}

export class MarketKeeper {
  readonly state = marketState();

  constructor(readonly deps: MarketKeeperDeps) {}

  get addrs(): AddressCodec {
    return this.deps.accounts.addressCodec;
  }
  get moduleAddress(): Uint8Array {
    return this.deps.accounts.moduleAddress(ModuleName);
  }

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  /**
   * x/resource's ReferencePriceProvider: the pair's TWAP over twap_window_seconds, undefined
   * without trade history (x/resource then uses its `reference_prices` param).
   */
  referencePrice(ctx: Context, denom: string): Dec | undefined {
    return twap(this, ctx, denom)?.price;
  }
}
