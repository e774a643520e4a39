/**
 * The SDK's Minter arithmetic (x/mint/types/minter.go): inflation moves toward the bonded-ratio goal
 * by at most inflation_rate_change per year (spread over blocks_per_year), clamped to
 * [inflation_min, inflation_max]; annual provisions = inflation × total supply; each block mints
 * annual provisions / blocks_per_year, truncated.
 */
import type { Minter, Params } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import { Dec } from '../../src/types/dec';

export function nextInflationRate(m: Minter, p: Params, bondedRatio: Dec): Dec {
  const perYear = Dec.ONE.sub(bondedRatio.quo(Dec.fromProto(p.goalBonded))).mul(Dec.fromProto(p.inflationRateChange));
  const change = perYear.quo(Dec.fromInt(p.blocksPerYear));
  let inflation = Dec.fromProto(m.inflation).add(change);
  const max = Dec.fromProto(p.inflationMax);
  const min = Dec.fromProto(p.inflationMin);
  if (inflation.gt(max)) inflation = max;
  if (inflation.lt(min)) inflation = min;
  return inflation;
}

export function nextAnnualProvisions(m: Minter, totalSupply: bigint): Dec {
  return Dec.fromProto(m.inflation).mulInt(totalSupply);
}

export function blockProvision(m: Minter, p: Params): bigint {
  return Dec.fromProto(m.annualProvisions).quoInt(p.blocksPerYear).truncateInt();
}
