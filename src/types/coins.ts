/**
 * Coins as the Cosmos SDK validates them: denoms match `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`, amounts
 * are non-negative integers of at most 256 bits, a Coins list is sorted by denom with no duplicates
 * and no zero amounts. Amounts are bigint; on the wire they are decimal strings.
 */
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { sdk } from './errors';

export interface Coin {
  readonly denom: string;
  readonly amount: bigint;
}

export type Coins = readonly Coin[];

const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
export const MAX_AMOUNT = (1n << 256n) - 1n;

export function validateDenom(denom: string): void {
  if (!DENOM_RE.test(denom)) throw sdk.InvalidCoins(`invalid denom: ${JSON.stringify(denom)}`);
}

/** Parses a decimal integer amount string; rejects signs, decimals, exponents and > 256 bits. */
export function parseAmount(s: string, what = 'amount'): bigint {
  if (!/^[0-9]+$/.test(s)) throw sdk.InvalidCoins(`invalid ${what}: ${JSON.stringify(s)}`);
  const n = BigInt(s);
  if (n > MAX_AMOUNT) throw sdk.InvalidCoins(`${what} overflows 256 bits: ${s}`);
  return n;
}

export function coin(amount: bigint | number | string, denom: string): Coin {
  return { denom, amount: BigInt(amount) };
}

export function coinToString(c: Coin): string {
  return `${c.amount}${c.denom}`;
}

/** "10uhyper,5rcpu" as the SDK prints Coins ("" when empty). */
export function coinsToString(coins: Coins): string {
  return coins.map(coinToString).join(',');
}

/** Validates a proto coin list: every denom valid, amounts positive, sorted, unique. */
export function coinsFromProto(list: readonly ProtoCoin[], { allowEmpty = true } = {}): Coins {
  const coins = list.map((c) => {
    validateDenom(c.denom);
    return { denom: c.denom, amount: parseAmount(c.amount, `amount of ${c.denom}`) };
  });
  assertValidCoins(coins, allowEmpty);
  return coins;
}

export function coinsToProto(coins: Coins): ProtoCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

export function assertValidCoins(coins: Coins, allowEmpty = true): void {
  if (!allowEmpty && coins.length === 0) throw sdk.InvalidCoins('no coins');
  for (let i = 0; i < coins.length; i++) {
    const c = coins[i];
    validateDenom(c.denom);
    if (c.amount <= 0n) throw sdk.InvalidCoins(`coin ${coinToString(c)} amount is not positive`);
    if (c.amount > MAX_AMOUNT) throw sdk.InvalidCoins(`coin ${c.denom} amount overflows 256 bits`);
    if (i > 0 && coins[i - 1].denom >= c.denom) {
      throw sdk.InvalidCoins(
        coins[i - 1].denom === c.denom ? `duplicate denomination ${c.denom}` : `denomination ${c.denom} is not sorted`,
      );
    }
  }
}

/** Parses "10uhyper,5rcpu" (integer amounts only). Returns sorted coins; zero amounts are dropped. */
export function parseCoins(s: string): Coins {
  const trimmed = s.trim();
  if (trimmed === '') return [];
  const out: Coin[] = [];
  for (const part of trimmed.split(',')) {
    const m = /^\s*([0-9]+)\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})\s*$/.exec(part);
    if (!m) throw sdk.InvalidCoins(`invalid coin expression: ${JSON.stringify(part.trim())}`);
    const amount = parseAmount(m[1]);
    if (amount > 0n) out.push({ denom: m[2], amount });
  }
  const sorted = sortCoins(out);
  assertValidCoins(sorted);
  return sorted;
}

export function sortCoins(coins: Coins): Coin[] {
  return [...coins].sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
}

export function amountOf(coins: Coins, denom: string): bigint {
  for (const c of coins) if (c.denom === denom) return c.amount;
  return 0n;
}

/** a + b, sorted, zero amounts removed. */
export function addCoins(a: Coins, b: Coins): Coins {
  const m = new Map<string, bigint>();
  for (const c of a) m.set(c.denom, (m.get(c.denom) ?? 0n) + c.amount);
  for (const c of b) m.set(c.denom, (m.get(c.denom) ?? 0n) + c.amount);
  return sortCoins([...m].filter(([, v]) => v !== 0n).map(([denom, amount]) => ({ denom, amount })));
}

/** a - b; undefined when any denom would go negative. */
export function safeSubCoins(a: Coins, b: Coins): Coins | undefined {
  const m = new Map<string, bigint>();
  for (const c of a) m.set(c.denom, c.amount);
  for (const c of b) {
    const left = (m.get(c.denom) ?? 0n) - c.amount;
    if (left < 0n) return undefined;
    m.set(c.denom, left);
  }
  return sortCoins([...m].filter(([, v]) => v !== 0n).map(([denom, amount]) => ({ denom, amount })));
}

/** True when a >= b for every denom of b. */
export function isAllGTE(a: Coins, b: Coins): boolean {
  return b.every((c) => amountOf(a, c.denom) >= c.amount);
}

export function isZeroCoins(coins: Coins): boolean {
  return coins.every((c) => c.amount === 0n);
}

export function coinsEqual(a: Coins, b: Coins): boolean {
  return a.length === b.length && a.every((c, i) => c.denom === b[i].denom && c.amount === b[i].amount);
}
