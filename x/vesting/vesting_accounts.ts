/**
 * Vesting account types (cosmos.vesting.v1beta1) and what each locks at a block time, as the
 * Cosmos SDK computes it: locked = max(vesting - delegated_vesting, 0) per denom, where vesting =
 * original_vesting - vested. Continuous accounts vest linearly between start and end (amounts
 * rounded half to even per denom), delayed ones all at end, periodic ones period by period,
 * permanently locked ones never.
 */
import type { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import {
  BaseVestingAccount,
  ContinuousVestingAccount,
  DelayedVestingAccount,
  PeriodicVestingAccount,
  PermanentLockedAccount,
} from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import { addCoins, amountOf, coinsFromProto, coinsToProto, safeSubCoins, type Coin, type Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import type { Account, AccountType } from '../auth/account';

type WithBva = { baseVestingAccount?: BaseVestingAccount };

function bvaOf(a: WithBva): BaseVestingAccount {
  return a.baseVestingAccount ?? BaseVestingAccount.fromPartial({});
}

/** Locked coins given what is still vesting (the SDK's LockedCoinsFromVesting). */
export function lockedFromVesting(bva: BaseVestingAccount, vesting: Coins): Coins {
  const delegated = coinsFromProto(bva.delegatedVesting);
  const out: Coin[] = [];
  for (const c of vesting) {
    const free = c.amount - amountOf(delegated, c.denom);
    if (free > 0n) out.push({ denom: c.denom, amount: free });
  }
  return out;
}

function minus(a: Coins, b: Coins): Coins {
  return a.map((c) => ({ denom: c.denom, amount: c.amount - amountOf(b, c.denom) })).filter((c) => c.amount > 0n);
}

export function continuousVested(acc: ContinuousVestingAccount, t: bigint): Coins {
  const bva = bvaOf(acc);
  const original = coinsFromProto(bva.originalVesting);
  if (t <= acc.startTime) return [];
  if (t >= bva.endTime) return original;
  const s = Dec.ratio(t - acc.startTime, bva.endTime - acc.startTime);
  return original.map((c) => ({ denom: c.denom, amount: Dec.fromInt(c.amount).mul(s).roundInt() }));
}

export function periodicVested(acc: PeriodicVestingAccount, t: bigint): Coins {
  const bva = bvaOf(acc);
  if (t <= acc.startTime) return [];
  if (t >= bva.endTime) return coinsFromProto(bva.originalVesting);
  let vested: Coins = [];
  let cursor = acc.startTime;
  for (const p of acc.vestingPeriods) {
    cursor += p.length;
    if (t < cursor) break;
    vested = addCoins(vested, coinsFromProto(p.amount));
  }
  return vested;
}

/**
 * The SDK's BaseVestingAccount.TrackDelegation: of each delegated coin, X = min(max(V − DV, 0), D)
 * comes from still-vesting coins (delegated_vesting), Y = D − X from free ones (delegated_free).
 */
export function trackDelegation(bva: BaseVestingAccount, balance: Coins, vesting: Coins, amount: Coins): BaseVestingAccount {
  let dv = coinsFromProto(bva.delegatedVesting);
  let df = coinsFromProto(bva.delegatedFree);
  for (const c of amount) {
    if (c.amount === 0n || amountOf(balance, c.denom) < c.amount) {
      throw sdk.InsufficientFunds(`delegation attempt with zero coins or insufficient funds: ${c.amount}${c.denom}`);
    }
    const free = amountOf(vesting, c.denom) - amountOf(dv, c.denom);
    const x = (free > 0n ? free : 0n) < c.amount ? (free > 0n ? free : 0n) : c.amount;
    const y = c.amount - x;
    if (x > 0n) dv = addCoins(dv, [{ denom: c.denom, amount: x }]);
    if (y > 0n) df = addCoins(df, [{ denom: c.denom, amount: y }]);
  }
  return { ...bva, delegatedVesting: coinsToProto(dv), delegatedFree: coinsToProto(df) };
}

/**
 * The SDK's TrackUndelegation: X = min(DF, D) returns to delegated_free first, Y = min(DV, D − X)
 * to delegated_vesting (slashed stake never comes back, so free is reduced first).
 */
export function trackUndelegation(bva: BaseVestingAccount, amount: Coins): BaseVestingAccount {
  let dv = coinsFromProto(bva.delegatedVesting);
  let df = coinsFromProto(bva.delegatedFree);
  for (const c of amount) {
    if (c.amount === 0n) throw sdk.InvalidCoins('undelegation attempt with zero coins');
    const dfAmt = amountOf(df, c.denom);
    const x = dfAmt < c.amount ? dfAmt : c.amount;
    const dvAmt = amountOf(dv, c.denom);
    const y = dvAmt < c.amount - x ? dvAmt : c.amount - x;
    if (x > 0n) df = safeSubCoins(df, [{ denom: c.denom, amount: x }])!;
    if (y > 0n) dv = safeSubCoins(dv, [{ denom: c.denom, amount: y }])!;
  }
  return { ...bva, delegatedVesting: coinsToProto(dv), delegatedFree: coinsToProto(df) };
}

/** What delegation tracking needs of each vesting type: its still-vesting coins at a time. */
const vestingOf = new Map<string, (acc: any, t: bigint) => Coins>();

function vestingType<T extends WithBva>(
  codec: AccountType<T>['codec'],
  vested: (acc: T, t: bigint) => Coins,
): AccountType<T> {
  vestingOf.set(codec.typeUrl, (a: T, t: bigint) => minus(coinsFromProto(bvaOf(a).originalVesting), vested(a, t)));
  return {
    codec,
    base: (a) => bvaOf(a).baseAccount!,
    withBase: (a, base: BaseAccount) => ({ ...a, baseVestingAccount: { ...bvaOf(a), baseAccount: base } }),
    locked: (a, t) => {
      const bva = bvaOf(a);
      const vesting = minus(coinsFromProto(bva.originalVesting), vested(a, t));
      return lockedFromVesting(bva, vesting);
    },
  };
}

export const continuousVestingAccountType = vestingType(ContinuousVestingAccount, continuousVested);
export const delayedVestingAccountType = vestingType(DelayedVestingAccount, (a, t) =>
  t >= bvaOf(a).endTime ? coinsFromProto(bvaOf(a).originalVesting) : [],
);
export const periodicVestingAccountType = vestingType(PeriodicVestingAccount, periodicVested);
export const permanentLockedAccountType = vestingType(PermanentLockedAccount, () => []);

export const vestingAccountTypes: readonly AccountType[] = [
  continuousVestingAccountType,
  delayedVestingAccountType,
  periodicVestingAccountType,
  permanentLockedAccountType,
];

/** The parts of x/auth that delegation tracking calls. */
export interface TrackerAccountKeeper {
  getAccount(ctx: Context, address: Uint8Array): Account | undefined;
  setAccount(ctx: Context, account: Account): void;
}

/** x/bank's DelegationTracker for vesting accounts; other accounts are left alone. */
export function vestingDelegationTracker(ak: TrackerAccountKeeper) {
  const update = (ctx: Context, address: Uint8Array, f: (bva: BaseVestingAccount, account: Account<WithBva>) => BaseVestingAccount) => {
    const account = ak.getAccount(ctx, address) as Account<WithBva> | undefined;
    if (!account || !vestingOf.has(account.typeUrl)) return;
    const bva = f(bvaOf(account.value), account);
    ak.setAccount(ctx, { ...account, value: { ...account.value, baseVestingAccount: { ...bva, baseAccount: account.base } } });
  };
  return {
    trackDelegation(ctx: Context, address: Uint8Array, balance: Coins, amount: Coins): void {
      update(ctx, address, (bva, account) => trackDelegation(bva, balance, vestingOf.get(account.typeUrl)!(account.value, ctx.unixSeconds), amount));
    },
    trackUndelegation(ctx: Context, address: Uint8Array, amount: Coins): void {
      update(ctx, address, (bva) => trackUndelegation(bva, amount));
    },
  };
}
