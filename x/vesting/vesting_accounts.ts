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
import { addCoins, amountOf, coinsFromProto, type Coin, type Coins } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import type { AccountType } from '../auth/account';

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

function vestingType<T extends WithBva>(
  codec: AccountType<T>['codec'],
  vested: (acc: T, t: bigint) => Coins,
): AccountType<T> {
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
