/**
 * The collateral rule. A provider may hold an outstanding liability only while its bond covers
 *
 *   required = collateral_ratio × Σ_denom reference_price(denom) × outstanding(denom)
 *
 * (uhyper; Dec arithmetic, half-even rounding of each product, as the SDK's LegacyDec). Minting
 * is refused when the bond after the mint would be below `required`.
 */
import { Dec } from '../../src/types/dec';

export interface Exposure {
  readonly denom: string;
  readonly outstanding: bigint;
  /** reference price in uhyper per unit */
  readonly price: Dec;
}

export function requiredCollateral(ratio: Dec, exposures: readonly Exposure[]): Dec {
  let value = Dec.ZERO;
  for (const e of exposures) value = value.add(e.price.mulInt(e.outstanding));
  return ratio.mul(value);
}

export function coversCollateral(bond: bigint, ratio: Dec, exposures: readonly Exposure[]): boolean {
  return Dec.fromInt(bond).gte(requiredCollateral(ratio, exposures));
}

/**
 * The largest amount of `denom` the bond still backs at `price` (the rest of the exposure fixed):
 * floor((bond / ratio − Σ other exposures) / price). For error messages and clients.
 */
export function mintableByCollateral(bond: bigint, ratio: Dec, price: Dec, others: readonly Exposure[]): bigint {
  if (price.isZero() || ratio.isZero()) return -1n; // unbounded
  const covered = Dec.fromInt(bond).quoTruncate(ratio);
  let used = Dec.ZERO;
  for (const e of others) used = used.add(e.price.mulInt(e.outstanding));
  const free = covered.sub(used);
  if (!free.isPositive()) return 0n;
  return free.quoTruncate(price).truncateInt();
}
