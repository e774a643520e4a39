/**
 * Each block's rewards, as the SDK v0.50's x/distribution/keeper/allocation.go, plus HyperMesh's
 * fee burning:
 *
 * - EndBlock (after every tx of the block): `burn_fraction` of what the fee collector holds — that
 *   block's fees, nothing else, since BeginBlock emptied it — is burned (truncated per denom).
 * - BeginBlock (from height 2): everything in the fee collector (the previous block's unburned
 *   fees and this block's minted coins) moves to the distribution module account. The community
 *   tax stays in the community pool; the rest is shared among the validators of the decided last
 *   commit by their CometBFT power (every vote counts, signed or not, as v0.50 does; there is no
 *   proposer reward since v0.50). A validator's share pays its commission first; the remainder
 *   accrues to its delegators (F1 current rewards). Rounding dust goes to the community pool.
 */
import type { VoteInfo } from 'cosmjs-types/tendermint/abci/types';
import type { Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { Coin } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { decCoinsToString, type DecCoins } from '../../src/types/dec_coins';
import * as dc from './dec_coins';
import * as events from './events';
import type { DistributionKeeper } from './keeper';
import { ModuleName } from './keys';

export function allocateTokensToValidator(k: DistributionKeeper, ctx: Context, v: Validator, tokens: DecCoins): void {
  const val = k.validatorAddressCodec.decode(v.operatorAddress);
  const commission = dc.mulDec(tokens, Dec.fromProto(v.commission.commissionRates.rate));
  const shared = dc.sub(tokens, commission);
  ctx.events.emit(events.commission(decCoinsToString(commission), v.operatorAddress));
  k.setCommission(ctx, val, dc.add(k.commission(ctx, val), commission));
  const current = k.state.currentRewards.get(ctx, val)!;
  k.state.currentRewards.set(ctx, val, { ...current, rewards: dc.toProto(dc.add(dc.fromProto(current.rewards), shared)) });
  ctx.events.emit(events.rewards(decCoinsToString(tokens), v.operatorAddress));
  k.setOutstanding(ctx, val, dc.add(k.outstanding(ctx, val), tokens));
}

export function allocateTokens(k: DistributionKeeper, ctx: Context, votes: readonly VoteInfo[]): void {
  const feeCollector = k.deps.accounts.moduleAddress(k.deps.feeCollectorName);
  const collected = k.bank.getAllBalances(ctx, feeCollector);
  if (collected.length > 0) k.bank.sendFromModuleToModule(ctx, k.deps.feeCollectorName, ModuleName, collected);
  const fees = dc.fromCoins(collected);
  const totalPower = votes.reduce((s, v) => s + v.validator.power, 0n);
  if (totalPower === 0n) {
    k.addToCommunityPool(ctx, fees);
    return;
  }
  let remaining = fees;
  const multiplier = dc.mulDecTruncate(fees, Dec.ONE.sub(Dec.fromProto(k.params(ctx).communityTax)));
  for (const vote of votes) {
    // a vote of a validator x/staking does not know (a CometBFT genesis set): its share stays in the pool
    const v = k.staking.getValidatorByConsAddr(ctx, vote.validator.address);
    if (!v) continue;
    const fraction = Dec.fromInt(vote.validator.power).quoTruncate(Dec.fromInt(totalPower));
    const reward = dc.mulDecTruncate(multiplier, fraction);
    allocateTokensToValidator(k, ctx, v, reward);
    remaining = dc.sub(remaining, reward);
  }
  k.addToCommunityPool(ctx, remaining);
}

/** Burns burn_fraction of the fee collector's balance (this block's fees); returns what was burned. */
export function burnFees(k: DistributionKeeper, ctx: Context): Coin[] {
  const fraction = Dec.fromProto(k.hyperParams(ctx).burnFraction);
  if (fraction.isZero()) return [];
  const feeCollector = k.deps.accounts.moduleAddress(k.deps.feeCollectorName);
  const burn = k.bank
    .getAllBalances(ctx, feeCollector)
    .map((c) => ({ denom: c.denom, amount: Dec.fromInt(c.amount).mulTruncate(fraction).truncateInt() }))
    .filter((c) => c.amount > 0n);
  if (burn.length > 0) k.bank.burnCoins(ctx, k.deps.feeCollectorName, burn);
  return burn;
}

/** BeginBlock: allocate the previous block's collection (from height 2), remember the proposer. */
export function beginBlock(k: DistributionKeeper, ctx: Context, votes: readonly VoteInfo[]): void {
  if (ctx.block.height > 1) allocateTokens(k, ctx, votes);
  k.state.previousProposer.set(ctx, ctx.block.proposer);
}
