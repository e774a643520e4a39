/**
 * What EndBlock owes from the module account: proceeds, bought tokens and refunds per account,
 * and the block's trading fees. Matching only counts; `flush` moves the coins once per account
 * and denom at the end of the block (accounts in address order), then burns fee_burn_bps of the
 * fees and sends the rest to the community pool. Until then the module account holds them, so
 * "module balance = Σ escrows" holds again after every EndBlock.
 */
import { EventFeesCollected } from '../../src/gen/hypermesh/market/v1/events';
import type { Context } from '../../src/types/context';
import { sortCoins } from '../../src/types/coins';
import { emitTyped } from './events';
import type { MarketKeeper } from './keeper';
import { ModuleName, QUOTE_DENOM } from './keys';

export class Payouts {
  private readonly owed = new Map<string, Map<string, bigint>>();
  fees = 0n;

  pay(address: string, denom: string, amount: bigint): void {
    if (amount <= 0n) return;
    let m = this.owed.get(address);
    if (!m) this.owed.set(address, (m = new Map()));
    m.set(denom, (m.get(denom) ?? 0n) + amount);
  }

  fee(amount: bigint): void {
    if (amount > 0n) this.fees += amount;
  }

  /** Moves everything owed out of the module account; returns the fee split. */
  flush(k: MarketKeeper, ctx: Context): { burned: bigint; pool: bigint } {
    const addresses = [...this.owed.keys()].sort();
    for (const a of addresses) {
      const coins = sortCoins([...this.owed.get(a)!].map(([denom, amount]) => ({ denom, amount })));
      k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(a), coins);
    }
    this.owed.clear();
    let burned = 0n;
    let pool = 0n;
    if (this.fees > 0n) {
      burned = (this.fees * BigInt(k.params(ctx).feeBurnBps)) / 10_000n;
      pool = this.fees - burned;
      if (burned > 0n) k.deps.bank.burnCoins(ctx, ModuleName, [{ denom: QUOTE_DENOM, amount: burned }]);
      if (pool > 0n) k.deps.communityPool.fundCommunityPool(ctx, [{ denom: QUOTE_DENOM, amount: pool }], k.moduleAddress);
      emitTyped(ctx, EventFeesCollected, { burned: burned.toString(), communityPool: pool.toString() });
      this.fees = 0n;
    }
    return { burned, pool };
  }
}
