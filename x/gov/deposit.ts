/**
 * Deposits (the SDK's keeper/deposit.go): added while a proposal is in its deposit or voting
 * period, held by the gov module account, refunded, burned, or charged on cancellation.
 */
import { ProposalStatus, type Deposit, type Params, type Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { addCoins, amountOf, coinsFromProto, coinsToProto, coinsToString, isAllGTE, isZeroCoins, sortCoins, type Coin, type Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { CMap } from '../../src/store/collections';
import { keys } from '../../src/store/collections';
import { govErrors } from './errors';
import * as events from './events';
import type { GovKeeper } from './keeper';
import { ModuleName } from './keys';
import { decParam } from './params';
import { activateVotingPeriod } from './proposal';

export function minDepositOf(p: Proposal, params: Params): Coins {
  return coinsFromProto(p.expedited ? params.expeditedMinDeposit : params.minDeposit);
}

/** Deposits of a proposal, in depositor order. */
export function depositsOf(k: GovKeeper, ctx: Context, proposalId: bigint): Deposit[] {
  return [...k.state.deposits.iterate(ctx, { prefix: CMap.prefixOf(keys.uint64, proposalId) })].map(([, d]) => d);
}

/** Every denom of the deposit must be one of min_deposit's (validateDepositDenom). */
export function validateDepositDenom(params: Params, amount: Coins): void {
  const accepted = params.minDeposit.map((c) => c.denom);
  for (const c of amount) {
    if (!accepted.includes(c.denom)) {
      throw govErrors.InvalidDepositDenom(`deposited ${coinsToString(amount)}, but gov accepts only the following denom(s): [${accepted.join(' ')}]`);
    }
  }
}

/** The initial deposit must reach min_initial_deposit_ratio × the min deposit (validateInitialDeposit). */
export function validateInitialDeposit(params: Params, initial: Coins, expedited: boolean): void {
  const ratio = decParam('min initial deposit ratio', params.minInitialDepositRatio);
  if (ratio.isZero()) return;
  const min = coinsFromProto(expedited ? params.expeditedMinDeposit : params.minDeposit);
  const needed = sortCoins(min.map((c) => ({ denom: c.denom, amount: Dec.fromInt(c.amount).mul(ratio).roundInt() }))).filter((c) => c.amount > 0n);
  if (!isAllGTE(initial, needed)) {
    throw govErrors.MinDepositTooSmall(`was (${coinsToString(initial)}), need (${coinsToString(needed)})`);
  }
}

/**
 * AddDeposit: moves the coins to the gov module account, raises the proposal's total, starts its
 * voting period when the total reaches the min deposit. Returns whether voting started.
 */
export function addDeposit(k: GovKeeper, ctx: Context, proposalId: bigint, depositor: Uint8Array, amount: Coins): boolean {
  const proposal = k.mustGetProposal(ctx, proposalId);
  if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) {
    throw govErrors.InactiveProposal(String(proposalId));
  }
  const params = k.params(ctx);
  const minDeposit = minDepositOf(proposal, params);
  validateDepositDenom(params, amount);

  // min_deposit_ratio: at least one denom must bring ratio × its min deposit
  const ratio = decParam('min deposit ratio', params.minDepositRatio);
  if (!ratio.isZero()) {
    const thresholds: Coin[] = minDeposit.map((c) => ({ denom: c.denom, amount: Dec.fromInt(c.amount).mul(ratio).truncateInt() }));
    const met = thresholds.some((t) => amount.some((c) => c.denom === t.denom) && amountOf(amount, t.denom) >= t.amount);
    if (!met) {
      throw govErrors.MinDepositTooSmall(
        `received ${coinsToString(amount)} but need at least one of the following: ${thresholds.map((t) => `${t.amount}${t.denom}`).join(',')}`,
      );
    }
  }

  if (amount.length > 0) k.deps.bank.sendFromAccountToModule(ctx, depositor, ModuleName, amount);
  const total = addCoins(coinsFromProto(proposal.totalDeposit), amount);
  let updated: Proposal = { ...proposal, totalDeposit: coinsToProto(total) };
  k.setProposal(ctx, updated);

  let activated = false;
  if (updated.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && isAllGTE(total, minDeposit)) {
    updated = activateVotingPeriod(k, ctx, updated);
    activated = true;
  }

  const depositorBech = k.addrs.encode(depositor);
  const existing = k.state.deposits.get(ctx, [proposalId, depositor]);
  const deposit: Deposit = existing
    ? { ...existing, amount: coinsToProto(addCoins(coinsFromProto(existing.amount), amount)) }
    : { proposalId, depositor: depositorBech, amount: coinsToProto(amount) };
  ctx.events.emit(events.proposalDeposit(depositorBech, coinsToString(amount), proposalId));
  k.state.deposits.set(ctx, [proposalId, depositor], deposit);
  return activated;
}

/** Refunds every deposit of a proposal to its depositor and deletes them. */
export function refundAndDeleteDeposits(k: GovKeeper, ctx: Context, proposalId: bigint): void {
  for (const d of depositsOf(k, ctx, proposalId)) {
    const depositor = k.addrs.decode(d.depositor);
    const amount = coinsFromProto(d.amount);
    if (amount.length > 0) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, depositor, amount);
    k.state.deposits.delete(ctx, [proposalId, depositor]);
  }
}

/** Burns every deposit of a proposal and deletes them. */
export function deleteAndBurnDeposits(k: GovKeeper, ctx: Context, proposalId: bigint): void {
  let burn: Coins = [];
  for (const d of depositsOf(k, ctx, proposalId)) {
    burn = addCoins(burn, coinsFromProto(d.amount));
    k.state.deposits.delete(ctx, [proposalId, k.addrs.decode(d.depositor)]);
  }
  if (burn.length > 0) k.deps.bank.burnCoins(ctx, ModuleName, burn);
}

/**
 * ChargeDeposit on cancellation: `rate` of each deposit (truncated per coin) is burned, or sent to
 * `dest` (the community pool when dest is the distribution module account); the rest is refunded.
 */
export function chargeDeposit(k: GovKeeper, ctx: Context, proposalId: bigint, dest: string, rate: Dec, distributionAddress: string): void {
  let charges: Coins = [];
  for (const d of depositsOf(k, ctx, proposalId)) {
    const depositor = k.addrs.decode(d.depositor);
    const refund: Coin[] = [];
    for (const c of coinsFromProto(d.amount)) {
      const burn = Dec.fromInt(c.amount).mul(rate).truncateInt();
      if (c.amount - burn > 0n) refund.push({ denom: c.denom, amount: c.amount - burn });
      if (burn > 0n) charges = addCoins(charges, [{ denom: c.denom, amount: burn }]);
    }
    if (refund.length > 0 && !isZeroCoins(refund)) k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, depositor, refund);
    k.state.deposits.delete(ctx, [proposalId, depositor]);
  }
  if (charges.length === 0) return;
  if (dest === '') k.deps.bank.burnCoins(ctx, ModuleName, charges);
  else if (dest === distributionAddress) k.deps.distribution.fundCommunityPool(ctx, charges, k.moduleAddress());
  else k.deps.bank.sendFromModuleToAccount(ctx, ModuleName, k.addrs.decode(dest), charges);
}

/** Coins of a deposit message: valid and all positive (validateDeposit). */
export function depositCoins(list: readonly ProtoCoin[], { allowEmpty }: { allowEmpty: boolean }): Coins {
  try {
    return coinsFromProto(list, { allowEmpty });
  } catch (e) {
    throw sdk.InvalidCoins((e as Error).message);
  }
}

/** Sum of every deposit held in escrow (all proposals). */
export function totalEscrow(k: GovKeeper, ctx: Context): Coins {
  let total: Coins = [];
  for (const [, d] of k.state.deposits.iterate(ctx)) total = addCoins(total, coinsFromProto(d.amount));
  return total;
}
