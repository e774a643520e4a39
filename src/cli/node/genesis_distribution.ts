/**
 * The HYPER genesis allocation of the whitepaper: community 40%, team and advisors 20% (vesting
 * over 4 years after an optional cliff), foundation reserve 25%, initial validators 10%, public
 * sale 5%. Each category is split among its recipients by their shares, which must add up to
 * exactly 100 per category; anything that does not add up is refused, never rounded away.
 *
 * Rounding: each recipient gets floor(total × category% × share%); the few uhyper left over
 * (at most one per recipient) go to the first community recipient, so the sum is exactly `total`.
 *
 * The recipient `community-pool` of category community puts that share in x/distribution's
 * community pool (spent only by governance).
 */
import fs from 'node:fs';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { ContinuousVestingAccount, PeriodicVestingAccount } from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import { GenesisState as DistributionGenesis } from 'cosmjs-types/cosmos/distribution/v1beta1/genesis';
import { parse as parseCsv } from './csv';
import { accountAddresses } from '../../crypto/address';
import { moduleAddress } from '../../crypto/module_address';
import { fromSdkJsonOf, toSdkJsonOf } from '../../codec/proto_json';
import { Dec } from '../../types/dec';
import { addGenesisAccounts, BASE_DENOM, type GenesisAccount } from './genesis_accounts';

export const CATEGORIES = ['community', 'team', 'foundation', 'validators', 'public_sale'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Percent of the total per category (the whitepaper's split). */
export const WHITEPAPER_SPLIT: Readonly<Record<Category, string>> = {
  community: '40',
  team: '20',
  foundation: '25',
  validators: '10',
  public_sale: '5',
};

export const COMMUNITY_POOL = 'community-pool';
const YEAR_S = 31_557_600n; // 365.25 days
const MONTH_S = YEAR_S / 12n;

export interface Recipient {
  category: Category;
  /** A bech32 account address, or `community-pool` (community only). */
  address: string;
  /** Percent of its category, e.g. "12.5". */
  share: string;
}

export interface VestingTerms {
  /** Unix seconds when vesting starts (genesis time). */
  start: bigint;
  durationSeconds: bigint;
  cliffSeconds: bigint;
}

export interface Allocation {
  category: Category;
  address: string;
  amount: bigint;
  vesting?: 'continuous' | 'periodic';
}

/** Reads recipients from CSV (category,address,share with a header line) or JSON ([{category,address,share}]). */
export function readRecipients(file: string): Recipient[] {
  const text = fs.readFileSync(file, 'utf8');
  const rows: Record<string, string>[] = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseCsv(text);
  if (!Array.isArray(rows)) throw new Error(`${file}: expected a list of recipients`);
  return rows.map((r, i) => {
    const category = String(r.category ?? '').trim() as Category;
    if (!CATEGORIES.includes(category)) throw new Error(`${file}: row ${i + 1}: unknown category ${JSON.stringify(r.category)} (one of ${CATEGORIES.join(', ')})`);
    return { category, address: String(r.address ?? '').trim(), share: String(r.share ?? '').trim() };
  });
}

/** Checks every rule and computes each recipient's uhyper. Throws with every problem found. */
export function allocate(total: bigint, recipients: readonly Recipient[], split: Readonly<Record<Category, string>> = WHITEPAPER_SPLIT): Allocation[] {
  const problems: string[] = [];
  if (total <= 0n) problems.push('--total must be positive');
  const splitSum = CATEGORIES.reduce((s, c) => s.add(Dec.fromString(split[c])), Dec.ZERO);
  if (!splitSum.eq(Dec.fromInt(100))) problems.push(`category percentages add up to ${splitSum}, not 100`);
  const seen = new Set<string>();
  const shares = new Map<Category, Dec>();
  for (const r of recipients) {
    let share: Dec | undefined;
    try {
      share = Dec.fromString(r.share);
    } catch {
      problems.push(`${r.address}: share ${JSON.stringify(r.share)} is not a decimal number`);
    }
    if (share && !share.isPositive()) problems.push(`${r.address}: share must be positive`);
    if (r.address === COMMUNITY_POOL) {
      if (r.category !== 'community') problems.push(`${COMMUNITY_POOL} can only receive from category community`);
    } else if (!accountAddresses.isValid(r.address)) {
      problems.push(`${r.address || '(empty)'}: not a valid hyper1... address`);
    }
    if (seen.has(r.address)) problems.push(`${r.address}: listed twice`);
    seen.add(r.address);
    if (share) shares.set(r.category, (shares.get(r.category) ?? Dec.ZERO).add(share));
  }
  for (const c of CATEGORIES) {
    const sum = shares.get(c);
    if (!sum) problems.push(`category ${c} has no recipients`);
    else if (!sum.eq(Dec.fromInt(100))) problems.push(`shares of category ${c} add up to ${sum.toString().replace(/\.?0+$/, '')}%, not 100%`);
  }
  if (problems.length > 0) throw new Error(`the allocation does not add up:\n  - ${problems.join('\n  - ')}`);

  const out: Allocation[] = recipients.map((r) => ({
    category: r.category,
    address: r.address,
    amount: Dec.fromInt(total).mul(Dec.fromString(split[r.category])).mul(Dec.fromString(r.share)).quoInt(10_000n).truncateInt(),
  }));
  const dust = total - out.reduce((s, a) => s + a.amount, 0n);
  const firstCommunity = out.find((a) => a.category === 'community')!;
  firstCommunity.amount += dust;
  return out;
}

/** Team and advisors: continuous vesting, or with a cliff a periodic schedule (cliff, then monthly). */
export function teamAccount(a: Allocation, accountNumber: bigint, v: VestingTerms): GenesisAccount {
  const base = BaseAccount.fromPartial({ address: a.address, accountNumber });
  const coins = [{ denom: BASE_DENOM, amount: a.amount }];
  const original = [{ denom: BASE_DENOM, amount: a.amount.toString() }];
  const end = v.start + v.durationSeconds;
  if (v.cliffSeconds === 0n) {
    const value = ContinuousVestingAccount.fromPartial({ baseVestingAccount: { baseAccount: base, originalVesting: original, endTime: end }, startTime: v.start });
    return { address: a.address, coins, account: { typeUrl: ContinuousVestingAccount.typeUrl, value: ContinuousVestingAccount.encode(value).finish() } };
  }
  if (v.cliffSeconds >= v.durationSeconds) throw new Error('the cliff must be shorter than the vesting duration');
  // At the cliff, what would have vested continuously by then; after it, equal monthly periods.
  const lengths = [v.cliffSeconds];
  for (let t = v.cliffSeconds; t < v.durationSeconds; t += MONTH_S) lengths.push(t + MONTH_S <= v.durationSeconds ? MONTH_S : v.durationSeconds - t);
  const amounts = lengths.map((len) => (a.amount * len) / v.durationSeconds);
  amounts[amounts.length - 1] += a.amount - amounts.reduce((s, x) => s + x, 0n);
  const value = PeriodicVestingAccount.fromPartial({
    baseVestingAccount: { baseAccount: base, originalVesting: original, endTime: end },
    startTime: v.start,
    vestingPeriods: lengths.map((length, i) => ({ length, amount: [{ denom: BASE_DENOM, amount: amounts[i].toString() }] })),
  });
  return { address: a.address, coins, account: { typeUrl: PeriodicVestingAccount.typeUrl, value: PeriodicVestingAccount.encode(value).finish() } };
}

export const FOUR_YEARS = 4n * YEAR_S;
export const monthsToSeconds = (months: number): bigint => BigInt(Math.round(months * 1000)) * MONTH_S / 1000n;

/** Writes the allocation into app_state: accounts, balances, the community pool. */
export function applyAllocation(appState: Record<string, unknown>, allocations: readonly Allocation[], vesting: VestingTerms): void {
  const auth = appState.auth as { accounts?: unknown[] } | undefined;
  let nextNumber = BigInt(auth?.accounts?.length ?? 0);
  const accounts: GenesisAccount[] = [];
  let pool = 0n;
  for (const a of allocations) {
    if (a.address === COMMUNITY_POOL) {
      pool += a.amount;
      continue;
    }
    if (a.category === 'team') {
      accounts.push(teamAccount(a, nextNumber++, vesting));
      a.vesting = vesting.cliffSeconds === 0n ? 'continuous' : 'periodic';
    } else {
      accounts.push({ address: a.address, coins: [{ denom: BASE_DENOM, amount: a.amount }] });
      nextNumber++;
    }
  }
  if (pool > 0n) {
    const distribution = fromSdkJsonOf(DistributionGenesis, appState.distribution ?? {});
    const current = distribution.feePool?.communityPool.find((c) => c.denom === BASE_DENOM);
    const raw = (current ? Dec.fromProto(current.amount) : Dec.ZERO).add(Dec.fromInt(pool));
    distribution.feePool = { communityPool: [{ denom: BASE_DENOM, amount: raw.toProto() }] };
    appState.distribution = toSdkJsonOf(DistributionGenesis, distribution);
    accounts.push({ address: accountAddresses.encode(moduleAddress('distribution')), coins: [{ denom: BASE_DENOM, amount: pool }], balanceOnly: true });
  }
  addGenesisAccounts(appState, accounts);
}
