/**
 * Resource tokens: minting against unallocated capacity and bond, and retiring.
 *
 * Mint rule for `amount` of denom d by provider P, with outstanding(d) its liability after the mint:
 *   1. capacity: outstanding(d) ≤ floor(Σ_nodes capacity_d × mint_horizon_seconds / unit_size_d),
 *      capacity_d being each node's declared capacity capped by its audited capacity (only audited
 *      nodes count when require_audit is set);
 *   2. collateral: bond ≥ collateral_ratio × Σ_denoms reference_price × outstanding (collateral.ts).
 * Minted-and-unserved tokens are P's liability: outstanding = minted − served − retired.
 */
import { EventMint, EventRetire } from '../../src/gen/hypermesh/resource/v1/events';
import { ProviderStatus, type Capacity } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgMint, MsgRetire } from '../../src/gen/hypermesh/resource/v1/tx';
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { parseAmount, validateDenom } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { coversCollateral, mintableByCollateral, requiredCollateral, type Exposure } from './collateral';
import { resourceErrors } from './errors';
import { emitTyped } from './events';
import type { ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { effectiveCapacity } from './nodes';
import { capacityOf, capacityToTokens, RESOURCES, specOfDenom, type ResourceSpec } from './units';

/** The resource token amount of a Coin field: a resource denom and a positive amount. */
export function resourceCoin(c: ProtoCoin | undefined, what = 'amount'): { spec: ResourceSpec; amount: bigint } {
  if (!c) throw sdk.InvalidCoins(`${what} is required`);
  validateDenom(c.denom);
  const spec = specOfDenom(c.denom);
  if (!spec) throw resourceErrors.UnknownResourceDenom(`${c.denom} is not one of ${RESOURCES.map((r) => r.denom).join(', ')}`);
  const amount = parseAmount(c.amount, what);
  if (amount === 0n) throw sdk.InvalidCoins(`${what} must be positive`);
  return { spec, amount };
}

/** Σ of the effective capacity of a provider's nodes (bigint sums). */
export function providerCapacity(k: ResourceKeeper, ctx: Context, provider: Uint8Array): Capacity {
  const requireAudit = k.params(ctx).requireAudit;
  const total = capacityOf({});
  for (const key of k.providerNodeKeys(ctx, provider)) {
    const c = effectiveCapacity(k.getNode(ctx, key)!, requireAudit);
    for (const r of RESOURCES) total[r.field] += c[r.field];
  }
  return total;
}

/** Tokens of `spec` the provider's capacity backs over the mint horizon. */
export function capacityTokens(k: ResourceKeeper, ctx: Context, provider: Uint8Array, spec: ResourceSpec): bigint {
  return capacityToTokens(providerCapacity(k, ctx, provider)[spec.field], k.params(ctx).mintHorizonSeconds, spec);
}

/** The exposures of a provider, with `override` replacing one denom's outstanding amount. */
export function exposures(k: ResourceKeeper, ctx: Context, provider: Uint8Array, override?: { denom: string; outstanding: bigint }): Exposure[] {
  const out: Exposure[] = [];
  for (const r of RESOURCES) {
    const outstanding = override?.denom === r.denom ? override.outstanding : BigInt(k.getLiability(ctx, provider, r.denom).outstanding);
    if (outstanding === 0n) continue;
    const price = k.referencePrice(ctx, r.denom);
    if (!price) throw resourceErrors.NoReferencePrice(`no reference price for ${r.denom}: its liability cannot be collateralized`);
    out.push({ denom: r.denom, outstanding, price });
  }
  return out;
}

export function mint(k: ResourceKeeper, ctx: Context, m: MsgMint): void {
  const provider = k.addrs.decode(m.provider);
  const p = k.mustProvider(ctx, provider);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${m.provider} is unbonding`);
  const { spec, amount } = resourceCoin(m.amount);
  const liability = k.getLiability(ctx, provider, spec.denom);
  const after = BigInt(liability.outstanding) + amount;

  const cap = capacityTokens(k, ctx, provider, spec);
  if (after > cap) {
    throw resourceErrors.ExceedsCapacity(
      `minting ${amount}${spec.denom} would make the outstanding ${after}${spec.denom}, above the ${cap}${spec.denom} the capacity of ${m.provider}'s nodes backs over ${k.params(ctx).mintHorizonSeconds}s (unallocated: ${cap - BigInt(liability.outstanding)}${spec.denom})`,
    );
  }
  const ratio = Dec.fromProto(k.params(ctx).collateralRatio);
  const exp = exposures(k, ctx, provider, { denom: spec.denom, outstanding: after });
  const bond = BigInt(p.bond);
  if (!coversCollateral(bond, ratio, exp)) {
    const others = exposures(k, ctx, provider, { denom: spec.denom, outstanding: 0n });
    const room = mintableByCollateral(bond, ratio, k.referencePrice(ctx, spec.denom)!, others) - BigInt(liability.outstanding);
    throw resourceErrors.InsufficientCollateral(
      `bond ${bond}uhyper is below ${requiredCollateral(ratio, exp)}uhyper (collateral ratio ${ratio} × reference value of the outstanding liability); the bond backs at most ${room > 0n ? room : 0n}${spec.denom} more`,
    );
  }

  const coins = [{ denom: spec.denom, amount }];
  k.deps.bank.mintCoins(ctx, ModuleName, coins);
  k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, provider, coins);
  k.setLiability(ctx, provider, { ...liability, minted: (BigInt(liability.minted) + amount).toString(), outstanding: after.toString() });
  emitTyped(ctx, EventMint, { provider: m.provider, amount: { denom: spec.denom, amount: amount.toString() }, outstanding: after.toString() });
}

export function retire(k: ResourceKeeper, ctx: Context, m: MsgRetire): void {
  const provider = k.addrs.decode(m.provider);
  k.mustProvider(ctx, provider);
  const { spec, amount } = resourceCoin(m.amount);
  const liability = k.getLiability(ctx, provider, spec.denom);
  const free = BigInt(liability.outstanding) - BigInt(liability.reserved);
  if (amount > free) {
    throw resourceErrors.InsufficientLiability(`${m.provider} owes ${free}${spec.denom} not held by leases; cannot retire ${amount}${spec.denom}`);
  }
  const coins = [{ denom: spec.denom, amount }];
  k.deps.bank.sendFromAccountToModule(ctx, provider, ModuleName, coins);
  k.deps.bank.burnCoins(ctx, ModuleName, coins);
  const outstanding = BigInt(liability.outstanding) - amount;
  k.setLiability(ctx, provider, { ...liability, retired: (BigInt(liability.retired) + amount).toString(), outstanding: outstanding.toString() });
  emitTyped(ctx, EventRetire, { provider: m.provider, amount: { denom: spec.denom, amount: amount.toString() }, outstanding: outstanding.toString() });
}
