/** x/resource params: defaults (README, "Params") and validation. */
import { Params } from '../../src/gen/hypermesh/resource/v1/params';
import type { AddressCodec } from '../../src/crypto/address';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { RESOURCE_DENOMS } from './units';

const DAY = 86_400n;

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  minBond: '1000000000', // 1,000 HYPER
  unbondingSeconds: 7n * DAY,
  heartbeatIntervalSeconds: 60n,
  heartbeatMaxAgeBlocks: 100n,
  maxHeartbeatsPerMsg: 100,
  heartbeatGas: 1000n,
  mintHorizonSeconds: 30n * DAY,
  collateralRatio: Dec.fromString('1.5').toProto(),
  referencePrices: [
    { denom: 'rcpu', price: Dec.fromInt(10_000).toProto() }, // 0.01 HYPER per vCPU-hour
    { denom: 'rmem', price: Dec.fromInt(2_000).toProto() }, // 0.002 HYPER per GiB-hour
    { denom: 'rnet', price: Dec.fromInt(1_000).toProto() }, // 0.001 HYPER per GiB
    { denom: 'rstor', price: Dec.fromInt(500).toProto() }, // 0.0005 HYPER per GiB-day
  ],
  auditors: [],
  requireAudit: false,
  minLeaseSeconds: 60n,
  maxLeaseSeconds: 365n * DAY,
  maxMissedWindows: 5n,
  fraudSlashFraction: Dec.fromString('0.1').toProto(),
  reputationDecay: Dec.fromString('0.01').toProto(),
  uptimeWeight: Dec.fromString('0.5').toProto(),
  leaseWeight: Dec.fromString('0.3').toProto(),
  slaWeight: Dec.fromString('0.2').toProto(),
  ageWeight: Dec.fromString('0.1').toProto(),
  bondWeight: Dec.fromString('0.1').toProto(),
  ageMaturitySeconds: 30n * DAY,
  bondMaturity: '10000000000', // 10,000 HYPER
});

const invalid = (m: string) => sdk.InvalidRequest(`invalid resource params: ${m}`);

function dec(name: string, s: string): Dec {
  try {
    return Dec.fromProto(s);
  } catch {
    throw invalid(`${name} is not a decimal: ${JSON.stringify(s)}`);
  }
}

function int(name: string, s: string): bigint {
  if (!/^[0-9]+$/.test(s)) throw invalid(`${name} is not a non-negative integer: ${JSON.stringify(s)}`);
  return BigInt(s);
}

function fraction(name: string, s: string): Dec {
  const d = dec(name, s);
  if (d.isNegative() || d.gt(Dec.ONE)) throw invalid(`${name} must be in [0, 1]: ${d}`);
  return d;
}

export function validateParams(p: Params, addrs: AddressCodec): void {
  if (int('min_bond', p.minBond) <= 0n) throw invalid('min_bond must be positive');
  if (p.heartbeatIntervalSeconds <= 0n) throw invalid('heartbeat_interval_seconds must be positive');
  if (p.heartbeatMaxAgeBlocks <= 0n) throw invalid('heartbeat_max_age_blocks must be positive');
  if (p.maxHeartbeatsPerMsg <= 0) throw invalid('max_heartbeats_per_msg must be positive');
  if (p.mintHorizonSeconds <= 0n) throw invalid('mint_horizon_seconds must be positive');
  if (dec('collateral_ratio', p.collateralRatio).isNegative()) throw invalid('collateral_ratio must not be negative');
  const seen = new Set<string>();
  for (const r of p.referencePrices) {
    if (!RESOURCE_DENOMS.includes(r.denom)) throw invalid(`reference price for unknown denom ${JSON.stringify(r.denom)}`);
    if (seen.has(r.denom)) throw invalid(`two reference prices for ${r.denom}`);
    seen.add(r.denom);
    if (dec(`reference price of ${r.denom}`, r.price).isNegative()) throw invalid(`reference price of ${r.denom} is negative`);
  }
  const auditors = new Set<string>();
  for (const a of p.auditors) {
    if (!addrs.isValid(a)) throw invalid(`auditor ${JSON.stringify(a)} is not an account address`);
    if (auditors.has(a)) throw invalid(`auditor ${a} listed twice`);
    auditors.add(a);
  }
  if (p.minLeaseSeconds <= 0n) throw invalid('min_lease_seconds must be positive');
  if (p.maxLeaseSeconds < p.minLeaseSeconds) throw invalid('max_lease_seconds is below min_lease_seconds');
  if (p.maxMissedWindows <= 0n) throw invalid('max_missed_windows must be positive');
  fraction('fraud_slash_fraction', p.fraudSlashFraction);
  fraction('reputation_decay', p.reputationDecay);
  const weights = ['uptimeWeight', 'leaseWeight', 'slaWeight'] as const;
  let sum = Dec.ZERO;
  for (const w of weights) sum = sum.add(fraction(w, p[w]));
  if (sum.isZero()) throw invalid('uptime_weight + lease_weight + sla_weight must be positive');
  if (fraction('age_weight', p.ageWeight).add(fraction('bond_weight', p.bondWeight)).gt(Dec.ONE)) {
    throw invalid('age_weight + bond_weight must be at most 1');
  }
  if (p.ageMaturitySeconds <= 0n) throw invalid('age_maturity_seconds must be positive');
  if (int('bond_maturity', p.bondMaturity) <= 0n) throw invalid('bond_maturity must be positive');
}
