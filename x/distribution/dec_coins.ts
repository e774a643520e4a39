/**
 * DecCoins arithmetic as the SDK's types/dec_coin.go does it for reward accounting: results are
 * sorted by denom and never hold zero amounts; `sub` refuses to go negative; the *Truncate
 * variants chop, the others round half to even.
 */
import type { DecCoin as ProtoDecCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import type { Coin, Coins } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import type { DecCoin, DecCoins } from '../../src/types/dec_coins';
import { sdk } from '../../src/types/errors';

function normalize(m: Map<string, Dec>): DecCoins {
  return [...m]
    .filter(([, v]) => !v.isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}

export function fromCoins(coins: Coins): DecCoins {
  return normalize(new Map(coins.map((c) => [c.denom, Dec.fromInt(c.amount)])));
}

export function add(a: DecCoins, b: DecCoins): DecCoins {
  const m = new Map<string, Dec>();
  for (const c of [...a, ...b]) m.set(c.denom, (m.get(c.denom) ?? Dec.ZERO).add(c.amount));
  return normalize(m);
}

/** a − b; sdk/35 (logic error) when a denom would go negative, as the SDK panics. */
export function sub(a: DecCoins, b: DecCoins): DecCoins {
  const m = new Map<string, Dec>();
  for (const c of a) m.set(c.denom, c.amount);
  for (const c of b) {
    const left = (m.get(c.denom) ?? Dec.ZERO).sub(c.amount);
    if (left.isNegative()) throw sdk.Logic(`negative coin amount: ${left}${c.denom}`);
    m.set(c.denom, left);
  }
  return normalize(m);
}

export function mulDec(a: DecCoins, d: Dec): DecCoins {
  return normalize(new Map(a.map((c) => [c.denom, c.amount.mul(d)])));
}

export function mulDecTruncate(a: DecCoins, d: Dec): DecCoins {
  return normalize(new Map(a.map((c) => [c.denom, c.amount.mulTruncate(d)])));
}

export function quoDecTruncate(a: DecCoins, d: Dec): DecCoins {
  return normalize(new Map(a.map((c) => [c.denom, c.amount.quoTruncate(d)])));
}

/** Per denom of both, the smaller amount. */
export function intersect(a: DecCoins, b: DecCoins): DecCoins {
  const other = new Map(b.map((c) => [c.denom, c.amount]));
  const m = new Map<string, Dec>();
  for (const c of a) {
    const o = other.get(c.denom);
    if (o !== undefined) m.set(c.denom, c.amount.min(o));
  }
  return normalize(m);
}

/** Whole coins and the decimal change left over. */
export function truncateDecimal(a: DecCoins): { coins: Coin[]; change: DecCoins } {
  const coins: Coin[] = [];
  const change = new Map<string, Dec>();
  for (const c of a) {
    const whole = c.amount.truncateInt();
    if (whole > 0n) coins.push({ denom: c.denom, amount: whole });
    change.set(c.denom, c.amount.sub(Dec.fromInt(whole)));
  }
  return { coins, change: normalize(change) };
}

export function isAnyNegative(a: DecCoins): boolean {
  return a.some((c) => c.amount.isNegative());
}

export function equal(a: DecCoins, b: DecCoins): boolean {
  return a.length === b.length && a.every((c, i) => c.denom === b[i].denom && c.amount.eq(b[i].amount));
}

export function fromProto(list: readonly ProtoDecCoin[]): DecCoins {
  return normalize(new Map(list.map((c) => [c.denom, Dec.fromProto(c.amount)])));
}

export function toProto(a: DecCoins): ProtoDecCoin[] {
  return a.map((c: DecCoin) => ({ denom: c.denom, amount: c.amount.toProto() }));
}
