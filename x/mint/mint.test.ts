/** x/mint: the SDK's minter arithmetic (x/mint/types/minter_test.go cases) and minting on the in-process app. */
import { Minter } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
} from 'cosmjs-types/cosmos/mint/v1beta1/query';
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { Dec } from '../../src/types/dec';
import { consKey, msgCreateValidator, query, Signers, startTestApp } from '../../test/helpers/test_app';
import { blockProvision, nextAnnualProvisions, nextInflationRate } from './minter';
import { DEFAULT_PARAMS } from './params';

const d = (s: string) => Dec.fromString(s);
const minter = (inflation: string, provisions = '0') => Minter.fromPartial({ inflation: d(inflation).toProto(), annualProvisions: d(provisions).toProto() });

describe('NextInflationRate (the SDK minter_test.go table)', () => {
  const perBlock = (x: string) => d(x).quo(Dec.fromInt(DEFAULT_PARAMS.blocksPerYear));
  test.each([
    // bonded ratio, inflation, expected change per year (divided over blocks_per_year)
    ['0.67', '0.07', '0'], // at goal: no change
    ['0.67', '0.20', '0'],
    ['0', '0.07', '0.13'], // 0% bonded: full +13%/year
    ['1', '0.20', '-0.06402985074626865'], // 100% bonded: (1 - 1/0.67) × 0.13 per year
    ['0.5', '0.10', '0.032985074626865672'],
  ])('bonded %s, inflation %s → change %s per year', (bonded, inflation, change) => {
    const next = nextInflationRate(minter(inflation), DEFAULT_PARAMS, d(bonded));
    let want = d(inflation).add(d(change).isZero() ? Dec.ZERO : perBlock(change));
    if (want.gt(d('0.20'))) want = d('0.20');
    if (want.lt(d('0.07'))) want = d('0.07');
    // the SDK computes the change with full precision first: equal within 1e-17
    expect(next.sub(want).isNegative() ? want.sub(next).lte(Dec.fromRaw(10n)) : next.sub(want).lte(Dec.fromRaw(10n))).toBe(true);
  });

  test.each([
    ['stays at the max', '0', '0.20', '0.20'],
    ['stays at the min', '1', '0.07', '0.07'],
  ])('%s', (_n, bonded, inflation, want) => {
    expect(nextInflationRate(minter(inflation), DEFAULT_PARAMS, d(bonded)).toString()).toBe(d(want).toString());
  });

  test('provisions: inflation × supply per year, truncated per block', () => {
    const m = minter('0.13', '0');
    const provisions = nextAnnualProvisions(m, 1_000_000_000_000n);
    expect(provisions.toString()).toBe(d('130000000000').toString());
    expect(blockProvision(minter('0.13', provisions.toString()), DEFAULT_PARAMS)).toBe(130_000_000_000n / DEFAULT_PARAMS.blocksPerYear);
  });
});

test('each block mints its provision: supply grows by the mint event amount; queries answer the minter', async () => {
  const s0 = await Signers.create(undefined as never, 1);
  const t = await startTestApp([{ address: s0.keys[0].address, uhyper: 10_000_000_000_000n }]);
  try {
    const s = new Signers(t, s0.keys);
    await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), 1_000_000_000n)]);
    const supply = () => BigInt(query(t, '/cosmos.bank.v1beta1.Query/SupplyOf', QuerySupplyOfRequest, QuerySupplyOfResponse, { denom: 'uhyper' }).amount!.amount);
    const before = supply();
    await t.block([]);
    const mint = t.lastBlock!.events.find((e) => e.type === 'mint')!;
    const attrs = Object.fromEntries(mint.attributes.map((a) => [a.key, a.value]));
    expect(BigInt(attrs.amount)).toBeGreaterThan(0n);
    expect(supply()).toBe(before + BigInt(attrs.amount));
    const inflation = new TextDecoder().decode(query(t, '/cosmos.mint.v1beta1.Query/Inflation', QueryInflationRequest, QueryInflationResponse, {}).inflation);
    expect(Dec.fromProto(inflation).toString()).toBe(attrs.inflation);
    const provisions = new TextDecoder().decode(query(t, '/cosmos.mint.v1beta1.Query/AnnualProvisions', QueryAnnualProvisionsRequest, QueryAnnualProvisionsResponse, {}).annualProvisions);
    expect(Dec.fromProto(provisions).toString()).toBe(attrs.annual_provisions);
  } finally {
    await t.close();
  }
});
