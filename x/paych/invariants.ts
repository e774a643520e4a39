/** x/paych invariants: the module account holds Σ deposits per denom; every channel redeems ≤ its deposit and Σ lanes = redeemed. */
import type { Context } from '../../src/types/context';
import type { PaychKeeper } from './keeper';
import { ModuleName } from './keys';

export function paychInvariants(k: PaychKeeper, ctx: Context): string[] {
  const out: string[] = [];
  const deposits = new Map<string, bigint>();
  for (const [id, c] of k.state.channels.iterate(ctx)) {
    deposits.set(c.denom, (deposits.get(c.denom) ?? 0n) + BigInt(c.deposit));
    if (BigInt(c.redeemed) > BigInt(c.deposit)) out.push(`channel ${id}: redeemed ${c.redeemed} > deposit ${c.deposit}`);
    const lanes = k.lanes(ctx, id);
    const sum = lanes.reduce((n, l) => n + BigInt(l.redeemed), 0n);
    if (sum !== BigInt(c.redeemed)) out.push(`channel ${id}: lanes redeem ${sum}, the channel says ${c.redeemed}`);
    if (lanes.length !== c.lanes) out.push(`channel ${id}: ${lanes.length} lanes, the channel counts ${c.lanes}`);
  }
  const module = k.deps.accounts.moduleAddress(ModuleName);
  for (const [denom, want] of deposits) {
    const held = k.deps.bank.getBalance(ctx, module, denom);
    if (held !== want) out.push(`module account holds ${held}${denom}, deposits add up to ${want}${denom}`);
  }
  return out;
}
