/**
 * x/staking params: the SDK's (cosmos.staking.v1beta1.Params, defaults of x/staking/types/params.go
 * with our bond denom) and HyperMesh's resource-validated power params (hypermesh.staking.v1.Params).
 */
import { Params } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { Params as HyperParams } from '../../src/gen/hypermesh/staking/v1/params';
import { validateDenom } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { nsFromDuration } from './time';

export const BOND_DENOM = 'uhyper';
/** 21 days. */
export const DEFAULT_UNBONDING_TIME_S = 21n * 24n * 3600n;
/** Tokens per unit of consensus power (the SDK's DefaultPowerReduction, 10^6). */
export const POWER_REDUCTION = 1_000_000n;

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  unbondingTime: { seconds: DEFAULT_UNBONDING_TIME_S, nanos: 0 },
  maxValidators: 100,
  maxEntries: 7,
  historicalEntries: 10_000,
  bondDenom: BOND_DENOM,
  minCommissionRate: Dec.ZERO.toProto(),
});

export const DEFAULT_HYPER_PARAMS: HyperParams = HyperParams.fromPartial({
  resourceWeight: Dec.fromString('0.25').toProto(),
  bonusCap: Dec.fromString('0.25').toProto(),
});

export function validateParams(p: Params): void {
  if (nsFromDuration(p.unbondingTime) <= 0n) throw sdk.InvalidRequest(`unbonding time must be positive: ${p.unbondingTime?.seconds}s`);
  if (p.maxValidators === 0) throw sdk.InvalidRequest('max validators must be positive');
  if (p.maxEntries === 0) throw sdk.InvalidRequest('max entries must be positive');
  if (p.bondDenom.trim() === '') throw sdk.InvalidRequest('bond denom cannot be blank');
  validateDenom(p.bondDenom);
  const min = Dec.fromProto(p.minCommissionRate);
  if (min.isNegative()) throw sdk.InvalidRequest(`minimum commission rate cannot be negative: ${min}`);
  if (min.gt(Dec.ONE)) throw sdk.InvalidRequest(`minimum commission rate too large: ${min}`);
}

export function validateHyperParams(p: HyperParams): void {
  const w = Dec.fromProto(p.resourceWeight);
  const cap = Dec.fromProto(p.bonusCap);
  if (w.isNegative()) throw sdk.InvalidRequest(`resource weight cannot be negative: ${w}`);
  if (cap.isNegative()) throw sdk.InvalidRequest(`bonus cap cannot be negative: ${cap}`);
  if (cap.gt(Dec.ONE)) throw sdk.InvalidRequest(`bonus cap cannot exceed 1: ${cap}`);
}
