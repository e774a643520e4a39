/** x/market params: defaults (README, "Params") and validation. */
import { Params } from '../../src/gen/hypermesh/market/v1/params';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';

/** The resource tokens a market may list (x/resource's denoms). */
export const RESOURCE_DENOMS: readonly string[] = ['rcpu', 'rmem', 'rnet', 'rstor'];

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  markets: RESOURCE_DENOMS.map((denom) => ({ denom, tickSize: Dec.ONE.toProto(), lotSize: '1' })),
  makerFeeBps: 10, // 0.1%
  takerFeeBps: 20, // 0.2%
  feeBurnBps: 5000, // half burned, half to the community pool
  twapWindowSeconds: 3600n,
  maxOpenOrders: 100,
  maxOrdersPerBlock: 5000,
  tradeRetentionBlocks: 100_000n,
  minBiddingBlocks: 2n,
  maxBiddingBlocks: 10_000n,
  maxBidsPerRequest: 50,
  minLeaseBlocks: 10n,
  maxLeaseBlocks: 10_000_000n,
  blockSeconds: 6n,
  maxBreaches: 3,
  maxRequestsPerBlock: 100,
});

const invalid = (m: string) => sdk.InvalidRequest(`invalid market params: ${m}`);

export function validateParams(p: Params): void {
  const seen = new Set<string>();
  for (const m of p.markets) {
    if (!RESOURCE_DENOMS.includes(m.denom)) throw invalid(`market for ${JSON.stringify(m.denom)}, which is not a resource token`);
    if (seen.has(m.denom)) throw invalid(`two markets for ${m.denom}`);
    seen.add(m.denom);
    let tick: Dec;
    try {
      tick = Dec.fromProto(m.tickSize);
    } catch {
      throw invalid(`tick size of ${m.denom} is not a decimal`);
    }
    if (!tick.isPositive()) throw invalid(`tick size of ${m.denom} must be positive`);
    if (!/^[0-9]+$/.test(m.lotSize) || BigInt(m.lotSize) <= 0n) throw invalid(`lot size of ${m.denom} must be a positive integer`);
    // every notional price × quantity is then a whole number of uhyper
    if (tick.mulInt(BigInt(m.lotSize)).raw % Dec.ONE.raw !== 0n) throw invalid(`tick size × lot size of ${m.denom} must be a whole number of uhyper`);
  }
  for (const [name, v] of [['maker_fee_bps', p.makerFeeBps], ['taker_fee_bps', p.takerFeeBps], ['fee_burn_bps', p.feeBurnBps]] as const) {
    if (v > 10_000) throw invalid(`${name} must be at most 10000`);
  }
  if (p.twapWindowSeconds <= 0n) throw invalid('twap_window_seconds must be positive');
  if (p.maxOpenOrders <= 0) throw invalid('max_open_orders must be positive');
  if (p.maxOrdersPerBlock <= 0) throw invalid('max_orders_per_block must be positive');
  if (p.minBiddingBlocks <= 0n || p.maxBiddingBlocks < p.minBiddingBlocks) throw invalid('bidding window bounds must satisfy 0 < min ≤ max');
  if (p.maxBidsPerRequest <= 0) throw invalid('max_bids_per_request must be positive');
  if (p.minLeaseBlocks <= 0n || p.maxLeaseBlocks < p.minLeaseBlocks) throw invalid('lease duration bounds must satisfy 0 < min ≤ max');
  if (p.blockSeconds <= 0n) throw invalid('block_seconds must be positive');
  if (p.maxBreaches <= 0) throw invalid('max_breaches must be positive');
  if (p.maxRequestsPerBlock <= 0) throw invalid('max_requests_per_block must be positive');
}
