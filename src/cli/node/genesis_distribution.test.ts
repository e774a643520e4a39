import { PeriodicVestingAccount } from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import { accountAddresses } from '../../crypto/address';
import { allocate, CATEGORIES, COMMUNITY_POOL, FOUR_YEARS, monthsToSeconds, teamAccount, type Recipient } from './genesis_distribution';

const addr = (i: number) => accountAddresses.encode(new Uint8Array(20).fill(i));

const ok: Recipient[] = [
  { category: 'community', address: COMMUNITY_POOL, share: '75' },
  { category: 'community', address: addr(1), share: '25' },
  { category: 'team', address: addr(2), share: '60' },
  { category: 'team', address: addr(3), share: '40' },
  { category: 'foundation', address: addr(4), share: '100' },
  { category: 'validators', address: addr(5), share: '33.333333333333333333' },
  { category: 'validators', address: addr(6), share: '33.333333333333333333' },
  { category: 'validators', address: addr(7), share: '33.333333333333333334' },
  { category: 'public_sale', address: addr(8), share: '100' },
];

describe('genesis distribution', () => {
  test('amounts follow the split and add up to the total exactly', () => {
    const total = 1_000_000_000_000_000n;
    const out = allocate(total, ok);
    expect(out.reduce((s, a) => s + a.amount, 0n)).toBe(total);
    const by = (c: string) => out.filter((a) => a.category === c).reduce((s, a) => s + a.amount, 0n);
    expect(by('team')).toBe(200_000_000_000_000n);
    expect(by('foundation')).toBe(250_000_000_000_000n);
    expect(by('public_sale')).toBe(50_000_000_000_000n);
    expect(CATEGORIES.reduce((s, c) => s + by(c), 0n)).toBe(total);
    // an odd total: the dust (< one uhyper per recipient) goes to the first community recipient
    const odd = allocate(1_000_000_000_000_007n, ok);
    expect(odd.reduce((s, a) => s + a.amount, 0n)).toBe(1_000_000_000_000_007n);
    expect(odd[0].amount - out[0].amount).toBeLessThan(BigInt(ok.length) + 7n);
  });

  test.each([
    ['shares that do not add up', ok.map((r) => (r.address === addr(4) ? { ...r, share: '99' } : r)), /foundation add up to 99%/],
    ['a category without recipients', ok.filter((r) => r.category !== 'public_sale'), /public_sale has no recipients/],
    ['an invalid address', ok.map((r) => (r.address === addr(8) ? { ...r, address: 'cosmos1xyz' } : r)), /not a valid hyper1/],
    ['a duplicate recipient', [...ok, { category: 'foundation', address: addr(1), share: '0.0001' }], /listed twice/],
    ['the community pool outside community', ok.map((r) => (r.address === addr(4) ? { ...r, address: COMMUNITY_POOL } : r)), /community-pool can only/],
  ])('refuses %s', (_n, recipients, message) => {
    expect(() => allocate(1_000_000n, recipients as Recipient[])).toThrow(message);
  });

  test('team vesting with a cliff: the cliff period carries the pro-rata amount, the schedule sums to the grant and ends at 4 years', () => {
    const a = { category: 'team' as const, address: addr(2), amount: 48_000_000n };
    const acc = teamAccount(a, 3n, { start: 1_700_000_000n, durationSeconds: FOUR_YEARS, cliffSeconds: monthsToSeconds(12) });
    const v = PeriodicVestingAccount.decode(acc.account!.value);
    const amounts = v.vestingPeriods.map((p) => BigInt(p.amount[0].amount));
    expect(amounts.reduce((s, x) => s + x, 0n)).toBe(48_000_000n);
    expect(amounts[0]).toBe(12_000_000n);
    expect(v.vestingPeriods.reduce((s, p) => s + p.length, 0n)).toBe(FOUR_YEARS);
    expect(v.baseVestingAccount!.endTime).toBe(1_700_000_000n + FOUR_YEARS);
  });
});
