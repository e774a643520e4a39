/**
 * x/bank invariants as pure functions over balances and supply (from the keeper or from a node's
 * queries). Each returns the broken ones as messages; [] means all hold.
 */
import type { Coin } from '../../src/types/coins';

/** The supply of every denom equals the sum of all balances of it (module accounts included). */
export function totalSupplyInvariant(supply: readonly Coin[], balances: Iterable<Coin>): string[] {
  const sums = new Map<string, bigint>();
  for (const b of balances) sums.set(b.denom, (sums.get(b.denom) ?? 0n) + b.amount);
  const out: string[] = [];
  for (const s of supply) {
    const sum = sums.get(s.denom) ?? 0n;
    if (sum !== s.amount) out.push(`supply of ${s.denom} is ${s.amount}, balances sum to ${sum}`);
    sums.delete(s.denom);
  }
  for (const [denom, sum] of sums) if (sum !== 0n) out.push(`balances hold ${sum}${denom} that is not in the supply`);
  return out;
}

/** No stored balance is zero or negative (zero balances are deleted). */
export function nonNegativeBalancesInvariant(balances: Iterable<Coin & { address?: string }>): string[] {
  const out: string[] = [];
  for (const b of balances) if (b.amount <= 0n) out.push(`${b.address ?? '?'} holds a non-positive ${b.amount}${b.denom}`);
  return out;
}
