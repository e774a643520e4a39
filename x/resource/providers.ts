/**
 * Providers: registration with a HYPER bond escrowed in the module account, updates, bond
 * top-ups, unbonding after `unbonding_seconds` (blocked while the provider has open leases or an
 * outstanding liability), and the validator link.
 *
 * Validator link: a provider may link only the validator whose operator address has the same
 * bytes as the provider account (hypervaloper… of the same key). The tx signature of the provider
 * is then also the operator's: no second signature is needed, and one validator has at most one
 * provider. The validator must exist when the link is made.
 */
import { EventBondAdded, EventProviderRegistered, EventProviderUnbonded, EventProviderUnbonding, EventProviderUpdated } from '../../src/gen/hypermesh/resource/v1/events';
import { Provider, ProviderStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgAddBond, MsgRegisterProvider, MsgUnbondProvider, MsgUpdateProvider } from '../../src/gen/hypermesh/resource/v1/tx';
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { CMap, keys } from '../../src/store/collections';
import { equalBytes } from '../../src/store/bytes';
import { parseAmount, validateDenom } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { resourceErrors } from './errors';
import { emitTyped, rfc3339 } from './events';
import { secondsOf, tsOf, type ResourceKeeper } from './keeper';
import { ModuleName } from './keys';
import { emptyReputation } from './reputation';
import { validateDescription, validatePrices } from './validation';

/** The bond denom (the chain's staking and fee token). */
export const BOND_DENOM = 'uhyper';

/** A positive uhyper amount of a Coin field; sdk/10 otherwise. */
export function bondAmount(c: ProtoCoin | undefined, what: string): bigint {
  if (!c) throw sdk.InvalidCoins(`${what} is required`);
  validateDenom(c.denom);
  if (c.denom !== BOND_DENOM) throw sdk.InvalidCoins(`${what} must be in ${BOND_DENOM}, got ${c.denom}`);
  const amount = parseAmount(c.amount, what);
  if (amount === 0n) throw sdk.InvalidCoins(`${what} must be positive`);
  return amount;
}

/** The validator to link ('' for none); resource/5 unless it is the provider's own, existing validator. */
function checkValidatorLink(k: ResourceKeeper, ctx: Context, provider: Uint8Array, validator: string): string {
  if (validator === '') return '';
  const codec = k.deps.validators.validatorAddressCodec;
  let operator: Uint8Array;
  try {
    operator = codec.decode(validator);
  } catch (e) {
    throw resourceErrors.InvalidValidatorLink(`${JSON.stringify(validator)} is not a validator operator address: ${(e as Error).message}`);
  }
  if (!equalBytes(operator, provider)) {
    throw resourceErrors.InvalidValidatorLink(
      `a provider can only link its own validator: ${validator} is operated by ${k.addrs.encode(operator)}, not ${k.addrs.encode(provider)}`,
    );
  }
  if (!k.deps.validators.getValidator(ctx, operator)) throw resourceErrors.InvalidValidatorLink(`validator ${validator} does not exist`);
  return validator;
}

export function registerProvider(k: ResourceKeeper, ctx: Context, m: MsgRegisterProvider): void {
  const address = k.addrs.decode(m.provider);
  if (k.getProvider(ctx, address)) throw resourceErrors.ProviderExists(`${m.provider} is already a provider`);
  validateDescription(m.moniker, m.contact);
  const prices = validatePrices(m.prices);
  const bond = bondAmount(m.bond, 'bond');
  const min = BigInt(k.params(ctx).minBond);
  if (bond < min) throw resourceErrors.BondTooLow(`bond ${bond}${BOND_DENOM} is below the minimum of ${min}${BOND_DENOM}`);
  const validator = checkValidatorLink(k, ctx, address, m.validator);
  k.deps.bank.sendFromAccountToModule(ctx, address, ModuleName, [{ denom: BOND_DENOM, amount: bond }]);
  k.setProvider(
    ctx,
    Provider.fromPartial({
      address: m.provider,
      moniker: m.moniker,
      contact: m.contact,
      validator,
      bond: bond.toString(),
      status: ProviderStatus.PROVIDER_STATUS_ACTIVE,
      registeredAt: tsOf(ctx.unixSeconds),
      registeredHeight: BigInt(ctx.block.height),
      prices,
      nodeCount: 0n,
      openLeases: 0n,
    }),
  );
  k.state.reputations.set(ctx, address, emptyReputation(m.provider));
  emitTyped(ctx, EventProviderRegistered, { provider: m.provider, validator, bond: bond.toString() });
}

export function updateProvider(k: ResourceKeeper, ctx: Context, m: MsgUpdateProvider): void {
  const address = k.addrs.decode(m.provider);
  const p = k.mustProvider(ctx, address);
  validateDescription(m.moniker, m.contact);
  const prices = validatePrices(m.prices);
  const validator = checkValidatorLink(k, ctx, address, m.validator);
  k.setProvider(ctx, { ...p, moniker: m.moniker, contact: m.contact, validator, prices });
  emitTyped(ctx, EventProviderUpdated, { provider: m.provider, validator });
}

export function addBond(k: ResourceKeeper, ctx: Context, m: MsgAddBond): void {
  const address = k.addrs.decode(m.provider);
  const p = k.mustProvider(ctx, address);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${m.provider} is unbonding`);
  const amount = bondAmount(m.amount, 'amount');
  k.deps.bank.sendFromAccountToModule(ctx, address, ModuleName, [{ denom: BOND_DENOM, amount }]);
  const bond = BigInt(p.bond) + amount;
  k.setProvider(ctx, { ...p, bond: bond.toString() });
  emitTyped(ctx, EventBondAdded, { provider: m.provider, amount: amount.toString(), bond: bond.toString() });
}

/** Starts unbonding; returns the completion time (Unix seconds). */
export function unbondProvider(k: ResourceKeeper, ctx: Context, m: MsgUnbondProvider): bigint {
  const address = k.addrs.decode(m.provider);
  const p = k.mustProvider(ctx, address);
  if (p.status !== ProviderStatus.PROVIDER_STATUS_ACTIVE) throw resourceErrors.ProviderNotActive(`${m.provider} is already unbonding`);
  if (p.openLeases > 0n) throw resourceErrors.UnbondBlocked(`${m.provider} serves ${p.openLeases} open lease(s)`);
  const owed = k.liabilities(ctx, address).filter((l) => BigInt(l.outstanding) > 0n);
  if (owed.length > 0) {
    throw resourceErrors.UnbondBlocked(`${m.provider} has an outstanding liability of ${owed.map((l) => `${l.outstanding}${l.denom}`).join(',')}`);
  }
  const completion = ctx.unixSeconds + k.params(ctx).unbondingSeconds;
  k.setProvider(ctx, { ...p, status: ProviderStatus.PROVIDER_STATUS_UNBONDING, unbondingCompletion: tsOf(completion) });
  k.state.unbondingQueue.set(ctx, [completion, address], undefined);
  emitTyped(ctx, EventProviderUnbonding, { provider: m.provider, completionTime: rfc3339(completion) });
  return completion;
}

/** BeginBlock: providers whose unbonding completed get their bond back and are removed with their nodes. */
export function completeUnbondings(k: ResourceKeeper, ctx: Context): void {
  const now = ctx.unixSeconds;
  const due: Uint8Array[] = [];
  for (const [[completion, address]] of k.state.unbondingQueue.iterate(ctx)) {
    if (completion > now) break;
    due.push(Uint8Array.from(address));
  }
  for (const address of due) {
    const p = k.mustProvider(ctx, address);
    k.state.unbondingQueue.delete(ctx, [secondsOf(p.unbondingCompletion), address]);
    const bond = BigInt(p.bond);
    if (bond > 0n) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, address, [{ denom: BOND_DENOM, amount: bond }]);
    for (const key of k.providerNodeKeys(ctx, address)) {
      const auditors = [...k.state.audits.iterate(ctx, { prefix: CMap.prefixOf(keys.bytes, key) })].map(([[, a]]) => Uint8Array.from(a));
      for (const a of auditors) k.state.audits.delete(ctx, [key, a]);
      k.state.nodes.delete(ctx, key);
      k.state.nodesByProvider.delete(ctx, [address, key]);
    }
    for (const l of k.liabilities(ctx, address)) {
      k.state.liabilities.delete(ctx, [address, l.denom]);
      k.state.redeemable.delete(ctx, [l.denom, address]);
    }
    k.state.reputations.delete(ctx, address);
    k.state.providers.delete(ctx, address);
    emitTyped(ctx, EventProviderUnbonded, { provider: p.address, bond: bond.toString() });
  }
}
