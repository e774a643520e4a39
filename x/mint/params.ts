/** x/mint params: the SDK's defaults (x/mint/types/params.go) with our mint denom. */
import { Minter, Params } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import { validateDenom } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  mintDenom: 'uhyper',
  inflationRateChange: Dec.fromString('0.13').toProto(),
  inflationMax: Dec.fromString('0.20').toProto(),
  inflationMin: Dec.fromString('0.07').toProto(),
  goalBonded: Dec.fromString('0.67').toProto(),
  // 5-second blocks for a year of 8766 hours
  blocksPerYear: BigInt((60 * 60 * 8766) / 5),
});

/** Inflation starts at 13%, with no annual provisions until the first block computes them. */
export const DEFAULT_MINTER: Minter = Minter.fromPartial({ inflation: Dec.fromString('0.13').toProto(), annualProvisions: Dec.ZERO.toProto() });

export function validateParams(p: Params): void {
  validateDenom(p.mintDenom);
  const rateChange = Dec.fromProto(p.inflationRateChange);
  const max = Dec.fromProto(p.inflationMax);
  const min = Dec.fromProto(p.inflationMin);
  const goal = Dec.fromProto(p.goalBonded);
  for (const [name, d] of [['inflation rate change', rateChange], ['max inflation', max], ['min inflation', min]] as const) {
    if (d.isNegative()) throw sdk.InvalidRequest(`${name} cannot be negative: ${d}`);
    if (d.gt(Dec.ONE)) throw sdk.InvalidRequest(`${name} too large: ${d}`);
  }
  if (goal.isNegative()) throw sdk.InvalidRequest(`goal bonded cannot be negative: ${goal}`);
  if (goal.isZero()) throw sdk.InvalidRequest('goal bonded must be positive');
  if (goal.gt(Dec.ONE)) throw sdk.InvalidRequest(`goal bonded too large: ${goal}`);
  if (p.blocksPerYear === 0n) throw sdk.InvalidRequest('blocks per year must be positive');
  if (max.lt(min)) throw sdk.InvalidRequest(`max inflation (${max}) must be greater than or equal to min inflation (${min})`);
}

export function validateMinter(m: Minter): void {
  if (Dec.fromProto(m.inflation).isNegative()) throw sdk.InvalidRequest(`mint parameter Inflation should be positive, is ${Dec.fromProto(m.inflation)}`);
}
