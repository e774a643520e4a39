/**
 * x/market's EndBlock, in this order (README, "EndBlock"):
 *   1. the block's queued orders are matched (matching.ts);
 *   2. auctions whose bidding window ends at this height close (auctions.ts), by priority fee;
 *   3. leases x/resource's hooks marked are closed or renewed (leases.ts);
 *   4. every active lease streams this block's share (leases.ts);
 *   5. proceeds, refunds and stream payments leave the module account, fees are burned / pooled;
 *   6. trades older than trade_retention_blocks are pruned (at most PRUNE_PER_BLOCK per pair).
 */
import { CMap, keys } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { closeAuctions } from './auctions';
import type { MarketKeeper } from './keeper';
import { processPendingLeases, streamLeases } from './leases';
import { matchQueue } from './matching';
import { Payouts } from './payouts';

export const PRUNE_PER_BLOCK = 1000;

export function endBlock(k: MarketKeeper, ctx: Context): void {
  const pay = new Payouts();
  matchQueue(k, ctx, pay);
  closeAuctions(k, ctx);
  processPendingLeases(k, ctx, pay);
  streamLeases(k, ctx, pay);
  pay.flush(k, ctx);
  pruneTrades(k, ctx);
}

function pruneTrades(k: MarketKeeper, ctx: Context): void {
  const keep = k.params(ctx).tradeRetentionBlocks;
  const height = BigInt(ctx.block.height);
  if (keep === 0n || height <= keep) return;
  const cutoff = height - keep;
  for (const m of k.params(ctx).markets) {
    const old: [string, bigint, bigint][] = [];
    for (const [key] of k.state.trades.iterate(ctx, { prefix: CMap.prefixOf(keys.string, m.denom) })) {
      if (key[1] >= cutoff || old.length >= PRUNE_PER_BLOCK) break;
      old.push(key);
    }
    for (const key of old) k.state.trades.delete(ctx, key);
  }
}
