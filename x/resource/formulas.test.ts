/** The formulas on their own: units, collateral, reputation, candidate order, cumulative delivery, content ids. */
import { Params } from '../../src/gen/hypermesh/resource/v1/params';
import { ResourceTransaction, ResourceType } from '../../src/gen/hypermesh/resource/v1/resource';
import { blake3 } from '../../src/crypto/hash';
import { Dec } from '../../src/types/dec';
import { coversCollateral, mintableByCollateral, requiredCollateral } from './collateral';
import { cumulative } from './leases';
import { DEFAULT_PARAMS } from './params';
import { afterFraud, closeWindow, emptyReputation, performance, score, trust } from './reputation';
import { compareCandidates } from './selection';
import { heartbeatSignBytes, transactionId } from './sign_bytes';
import { capacityToTokens, leaseRate, specOfDenom } from './units';

const D = (s: string) => Dec.fromString(s);
const cpu = specOfDenom('rcpu')!;
const mem = specOfDenom('rmem')!;
const stor = specOfDenom('rstor')!;
const net = specOfDenom('rnet')!;

describe('units', () => {
  test.each([
    ['4 vCPU for 10 h = 40 rcpu', cpu, 4000n, 36_000n, 40n],
    ['1999 m for 1 h = 1 rcpu (floor)', cpu, 1999n, 3600n, 1n],
    ['8 GiB for 1 h = 8 rmem', mem, 8n << 30n, 3600n, 8n],
    ['100 GiB for 1 day = 100 rstor', stor, 100n << 30n, 86_400n, 100n],
    ['1 GiB/s for 10 s = 10 rnet', net, 1n << 30n, 10n, 10n],
  ])('%s', (_n, spec, capacity, seconds, tokens) => expect(capacityToTokens(capacity, seconds, spec)).toBe(tokens));

  test('lease rate rounds up so the allocation covers the amount', () => {
    expect(leaseRate(3n, 3600n, cpu)).toBe(3000n);
    expect(leaseRate(1n, 7n, cpu)).toBe(514_286n); // ceil(3,600,000 / 7)
    expect(leaseRate(1n, 3600n, mem)).toBe(1n << 30n);
  });

  test('cumulative delivery: floor of the elapsed share, exactly the amount at the end', () => {
    expect(cumulative(10n, 100n, 30n, 100n)).toBe(0n);
    expect(cumulative(10n, 100n, 30n, 110n)).toBe(3n); // 10 × 10 / 30 = 3.33
    expect(cumulative(10n, 100n, 30n, 120n)).toBe(6n);
    expect(cumulative(10n, 100n, 30n, 130n)).toBe(10n);
    expect(cumulative(10n, 100n, 30n, 999n)).toBe(10n);
  });
});

describe('collateral', () => {
  const exposures = [
    { denom: 'rcpu', outstanding: 100n, price: D('10000') },
    { denom: 'rmem', outstanding: 50n, price: D('2000') },
  ];
  test('required = ratio × Σ price × outstanding', () => {
    // 1.5 × (1,000,000 + 100,000)
    expect(requiredCollateral(D('1.5'), exposures).toString()).toBe('1650000.000000000000000000');
  });
  test('covered exactly at the boundary, not one uhyper below', () => {
    expect(coversCollateral(1_650_000n, D('1.5'), exposures)).toBe(true);
    expect(coversCollateral(1_649_999n, D('1.5'), exposures)).toBe(false);
  });
  test('fractional prices and ratios', () => {
    expect(requiredCollateral(D('1.25'), [{ denom: 'rnet', outstanding: 3n, price: D('0.333333333333333333') }]).toString()).toBe('1.249999999999999999');
  });
  test('mintable by collateral: what the rest of the bond backs', () => {
    // 1,650,000 / 1.5 = 1,100,000; rmem takes 100,000; 1,000,000 / 10,000 = 100 rcpu
    expect(mintableByCollateral(1_650_000n, D('1.5'), D('10000'), [exposures[1]])).toBe(100n);
    expect(mintableByCollateral(10n, D('1.5'), D('10000'), [exposures[1]])).toBe(0n);
  });
});

describe('reputation', () => {
  const p: Params = Params.fromPartial({ ...DEFAULT_PARAMS, reputationDecay: D('0.1').toProto() });
  const inc = (expected: bigint, onTime: bigint, served = 0n, missed = 0n) => ({ expected, onTime, served, missed });
  const MATURE = { age: p.ageMaturitySeconds, bond: BigInt(p.bondMaturity) };

  test('no history: score 0; first window all on time with full trust: 1', () => {
    const r0 = emptyReputation('hyper1x');
    expect(score(r0, p, MATURE.age, MATURE.bond).isZero()).toBe(true);
    const r1 = closeWindow(r0, inc(2n, 2n), p, MATURE.age, MATURE.bond, 1n);
    expect(r1.score).toBe(Dec.ONE.toProto());
  });

  test('decay then increments: exact counters', () => {
    let r = emptyReputation('hyper1x');
    r = closeWindow(r, inc(2n, 2n), p, MATURE.age, MATURE.bond, 1n); // 2 / 2
    r = closeWindow(r, inc(2n, 0n), p, MATURE.age, MATURE.bond, 2n); // on time 1.8, expected 3.8
    expect(Dec.fromProto(r.windowsOnTime).toString()).toBe('1.800000000000000000');
    expect(Dec.fromProto(r.windowsExpected).toString()).toBe('3.800000000000000000');
    // U = 1.8 / 3.8 = 0.473684210526315789; L = S = 1 (no history)
    // performance = (0.5 × U + 0.3 + 0.2) / 1.0 = 0.736842105263157894 (U and each product rounded half-even)
    expect(performance(r, p).toString()).toBe('0.736842105263157894');
    expect(Dec.fromProto(r.score).toString()).toBe('0.736842105263157894');
  });

  test('missed heartbeats lower the score, on-time ones raise it back', () => {
    let r = emptyReputation('hyper1x');
    for (let w = 1n; w <= 10n; w++) r = closeWindow(r, inc(1n, 1n), p, MATURE.age, MATURE.bond, w);
    const good = Dec.fromProto(r.score);
    const missed = closeWindow(r, inc(1n, 0n), p, MATURE.age, MATURE.bond, 11n);
    expect(Dec.fromProto(missed.score).lt(good)).toBe(true);
    const back = closeWindow(missed, inc(1n, 1n), p, MATURE.age, MATURE.bond, 12n);
    expect(Dec.fromProto(back.score).gt(Dec.fromProto(missed.score))).toBe(true);
  });

  test('lease periods: missed periods lower L', () => {
    let r = emptyReputation('hyper1x');
    r = closeWindow(r, inc(1n, 1n, 3n, 1n), p, MATURE.age, MATURE.bond, 1n);
    // U = 1, L = 3/4, S = 1: (0.5 + 0.225 + 0.2) = 0.925
    expect(Dec.fromProto(r.score).toString()).toBe('0.925000000000000000');
  });

  test('trust: a new provider with the minimum bond keeps 1 − w_age − w_bond + w_bond × bond share', () => {
    // w_age = w_bond = 0.1; age 0, bond = 1,000 HYPER of 10,000: 0.8 + 0.1 × 0.1 = 0.81
    expect(trust(0n, 1_000_000_000n, p).toString()).toBe('0.810000000000000000');
    expect(trust(p.ageMaturitySeconds * 2n, BigInt(p.bondMaturity) * 2n, p).toString()).toBe('1.000000000000000000');
    expect(trust(p.ageMaturitySeconds / 2n, 0n, p).toString()).toBe('0.850000000000000000');
  });

  test('fraud wipes the good counters', () => {
    let r = emptyReputation('hyper1x');
    r = closeWindow(r, inc(1n, 1n, 2n, 0n), p, MATURE.age, MATURE.bond, 1n);
    const after = afterFraud(r, p, MATURE.age, MATURE.bond);
    expect(after.frauds).toBe(1n);
    expect(after.windowsOnTime).toBe('0');
    // U = 0 / 1, L = 1 (served and missed both 0 now), S = 1: 0.5 × 0 + 0.3 + 0.2
    expect(Dec.fromProto(after.score).toString()).toBe('0.500000000000000000');
  });
});

describe('deterministic provider choice', () => {
  const c = (score: string, price: string, addr: number) => ({ score: D(score), price: D(price), address: Uint8Array.of(addr) });
  test('highest score, then lowest price, then lowest address', () => {
    const list = [c('0.5', '10', 1), c('0.9', '20', 9), c('0.9', '10', 5), c('0.9', '10', 3), c('0.1', '1', 0)];
    const sorted = [...list].sort(compareCandidates).map((x) => x.address[0]);
    expect(sorted).toEqual([3, 5, 9, 1, 0]);
  });
});

describe('content ids and sign bytes', () => {
  const record = ResourceTransaction.fromPartial({
    nodeId: 'ab'.repeat(32),
    resourceType: ResourceType.RESOURCE_TYPE_CPU,
    amount: '7',
    durationSeconds: 600n,
    pricePerUnit: Dec.fromInt(10_000).toProto(),
    consumer: 'hyper1consumer',
    provider: 'hyper1provider',
    timestamp: { seconds: 1_800_000_600n, nanos: 0 },
    leaseId: 3n,
  });
  test('the id is BLAKE3-256 of the protobuf bytes, fields in number order', () => {
    const bytes = ResourceTransaction.encode(record).finish();
    expect(transactionId(record)).toEqual(blake3(bytes));
    // field tags in order: 1 node_id, 2 type, 3 amount, 4 duration, 5 price, 6 consumer, 7 provider, 8 timestamp, 9 lease id
    const tags: number[] = [];
    for (let i = 0; i < bytes.length; ) {
      const tag = bytes[i];
      tags.push(tag >> 3);
      const wire = tag & 7;
      i++;
      if (wire === 0) {
        while (bytes[i] & 0x80) i++;
        i++;
      } else {
        let len = 0;
        let shift = 0;
        while (bytes[i] & 0x80) len |= (bytes[i++] & 0x7f) << shift, (shift += 7);
        len |= bytes[i++] << shift;
        i += len;
      }
    }
    expect(tags).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  test('heartbeat sign bytes start with the domain and a NUL', () => {
    const b = heartbeatSignBytes('c', { nodeId: 'ab'.repeat(32), sequence: 1n, height: 2n, used: {} });
    const domain = 'hypermesh.resource.v1.HeartbeatSignDoc';
    expect(Buffer.from(b.subarray(0, domain.length)).toString()).toBe(domain);
    expect(b[domain.length]).toBe(0);
  });
});
