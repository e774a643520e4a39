/**
 * DistributionKeeper: F1 fee distribution ("F1 Fee Distribution", Ojha 2019; the SDK's
 * x/distribution/keeper), the community pool, commission, withdraw addresses.
 *
 * F1 in brief: each validator accumulates the rewards of its delegators (after commission) in its
 * current period. Whenever its stake changes (a delegation is created, modified or removed, or it
 * is slashed) the period ends: the period's rewards per token are added to a cumulative reward
 * ratio stored for that period. A delegation remembers the period it started after and its stake;
 * its rewards are stake × (ratio now − ratio at start), split at each slash in between (the stake
 * shrinks by the slash fraction there). Historical ratios are reference-counted and dropped when
 * no delegation or slash event needs them.
 */
import {
  DelegatorStartingInfo,
  FeePool,
  ValidatorHistoricalRewards,
  type Params,
  type ValidatorSlashEvent,
} from 'cosmjs-types/cosmos/distribution/v1beta1/distribution';
import type { Delegation, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { AddressCodec } from '../../src/crypto/address';
import type { Params as HyperParams } from '../../src/gen/hypermesh/distribution/v1/params';
import { CMap } from '../../src/store/collections';
import type { Coin, Coins } from '../../src/types/coins';
import { coinsToString } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import type { DecCoins } from '../../src/types/dec_coins';
import { sdk } from '../../src/types/errors';
import * as dc from './dec_coins';
import { distributionErrors } from './errors';
import * as events from './events';
import type { AccountKeeper, BankKeeper, StakingKeeper } from './expected_keepers';
import { distributionState, lpBytes, ModuleName } from './keys';

export interface DistributionKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  staking: StakingKeeper;
  feeCollectorName: string;
  authority: string;
}

const tokensOf = (v: Validator) => BigInt(v.tokens);
/** tokens × shares / total shares (the SDK's TokensFromShares, rounded). */
const tokensFromShares = (v: Validator, shares: Dec) => shares.mulInt(tokensOf(v)).quo(Dec.fromProto(v.delegatorShares));
const tokensFromSharesTruncated = (v: Validator, shares: Dec) => shares.mulInt(tokensOf(v)).quoTruncate(Dec.fromProto(v.delegatorShares));

export class DistributionKeeper {
  readonly state = distributionState();
  constructor(readonly deps: DistributionKeeperDeps) {}

  get addressCodec(): AddressCodec {
    return this.deps.accounts.addressCodec;
  }
  get validatorAddressCodec(): AddressCodec {
    return this.deps.staking.validatorAddressCodec;
  }
  get bank(): BankKeeper {
    return this.deps.bank;
  }
  get staking(): StakingKeeper {
    return this.deps.staking;
  }

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  hyperParams(ctx: Context): HyperParams {
    return this.state.hyperParams.must(ctx);
  }
  setHyperParams(ctx: Context, p: HyperParams): void {
    this.state.hyperParams.set(ctx, p);
  }

  communityPool(ctx: Context): DecCoins {
    return dc.fromProto(this.state.feePool.get(ctx)?.communityPool ?? []);
  }
  setCommunityPool(ctx: Context, pool: DecCoins): void {
    this.state.feePool.set(ctx, FeePool.fromPartial({ communityPool: dc.toProto(pool) }));
  }
  addToCommunityPool(ctx: Context, amount: DecCoins): void {
    if (amount.length > 0) this.setCommunityPool(ctx, dc.add(this.communityPool(ctx), amount));
  }

  outstanding(ctx: Context, val: Uint8Array): DecCoins {
    return dc.fromProto(this.state.outstandingRewards.get(ctx, val)?.rewards ?? []);
  }
  setOutstanding(ctx: Context, val: Uint8Array, rewards: DecCoins): void {
    this.state.outstandingRewards.set(ctx, val, { rewards: dc.toProto(rewards) });
  }
  commission(ctx: Context, val: Uint8Array): DecCoins {
    return dc.fromProto(this.state.accumulatedCommission.get(ctx, val)?.commission ?? []);
  }
  setCommission(ctx: Context, val: Uint8Array, commission: DecCoins): void {
    this.state.accumulatedCommission.set(ctx, val, { commission: dc.toProto(commission) });
  }

  /** Where a delegator's rewards go: its withdraw address, or itself. */
  withdrawAddress(ctx: Context, del: Uint8Array): Uint8Array {
    return this.state.withdrawAddr.get(ctx, del) ?? del;
  }

  setWithdrawAddress(ctx: Context, del: Uint8Array, withdraw: Uint8Array): void {
    const bech = this.addressCodec.encode(withdraw);
    if (this.bank.isBlocked(bech)) throw sdk.Unauthorized(`${bech} is not allowed to receive external funds`);
    if (!this.params(ctx).withdrawAddrEnabled) throw distributionErrors.SetWithdrawAddrDisabled();
    ctx.events.emit(events.setWithdrawAddress(bech));
    this.state.withdrawAddr.set(ctx, del, withdraw);
  }

  // --- validator periods --------------------------------------------------------------

  /** AfterValidatorCreated: period 0 with a zero ratio, current period 1, nothing outstanding. */
  initializeValidator(ctx: Context, val: Uint8Array): void {
    this.state.historicalRewards.set(ctx, [val, 0n], ValidatorHistoricalRewards.fromPartial({ cumulativeRewardRatio: [], referenceCount: 1 }));
    this.state.currentRewards.set(ctx, val, { rewards: [], period: 1n });
    this.setCommission(ctx, val, []);
    this.setOutstanding(ctx, val, []);
  }

  /**
   * Ends the validator's current period: its rewards per token join the cumulative ratio (a
   * validator without tokens gives them to the community pool). Returns the ended period.
   */
  incrementValidatorPeriod(ctx: Context, v: Validator): bigint {
    const val = this.validatorAddressCodec.decode(v.operatorAddress);
    const current = this.state.currentRewards.get(ctx, val);
    if (!current) throw sdk.Logic(`no current rewards for validator ${v.operatorAddress}`);
    const rewards = dc.fromProto(current.rewards);
    let perToken: DecCoins;
    if (tokensOf(v) === 0n) {
      this.addToCommunityPool(ctx, rewards);
      this.setOutstanding(ctx, val, dc.sub(this.outstanding(ctx, val), rewards));
      perToken = [];
    } else {
      perToken = dc.quoDecTruncate(rewards, Dec.fromInt(tokensOf(v)));
    }
    const historical = this.state.historicalRewards.get(ctx, [val, current.period - 1n]);
    if (!historical) throw sdk.Logic(`no historical rewards for period ${current.period - 1n} of ${v.operatorAddress}`);
    this.decrementReferenceCount(ctx, val, current.period - 1n);
    this.state.historicalRewards.set(
      ctx,
      [val, current.period],
      ValidatorHistoricalRewards.fromPartial({ cumulativeRewardRatio: dc.toProto(dc.add(dc.fromProto(historical.cumulativeRewardRatio), perToken)), referenceCount: 1 }),
    );
    this.state.currentRewards.set(ctx, val, { rewards: [], period: current.period + 1n });
    return current.period;
  }

  incrementReferenceCount(ctx: Context, val: Uint8Array, period: bigint): void {
    const h = this.state.historicalRewards.get(ctx, [val, period]);
    if (!h) throw sdk.Logic(`no historical rewards for period ${period}`);
    if (h.referenceCount >= 2) throw sdk.Logic('reference count should never exceed 2');
    this.state.historicalRewards.set(ctx, [val, period], { ...h, referenceCount: h.referenceCount + 1 });
  }

  decrementReferenceCount(ctx: Context, val: Uint8Array, period: bigint): void {
    const h = this.state.historicalRewards.get(ctx, [val, period]);
    if (!h) throw sdk.Logic(`no historical rewards for period ${period}`);
    if (h.referenceCount === 0) throw sdk.Logic('cannot set negative reference count');
    if (h.referenceCount === 1) this.state.historicalRewards.delete(ctx, [val, period]);
    else this.state.historicalRewards.set(ctx, [val, period], { ...h, referenceCount: h.referenceCount - 1 });
  }

  /** BeforeValidatorSlashed: ends the period and records the slash fraction at this height. */
  updateValidatorSlashFraction(ctx: Context, val: Uint8Array, fraction: Dec): void {
    if (fraction.gt(Dec.ONE) || fraction.isNegative()) throw sdk.Logic(`fraction must be >=0 and <=1, current fraction: ${fraction}`);
    const v = this.staking.getValidator(ctx, val);
    if (!v) throw sdk.Logic('slashing an unknown validator');
    const period = this.incrementValidatorPeriod(ctx, v);
    this.incrementReferenceCount(ctx, val, period);
    this.state.slashEvents.set(ctx, [val, BigInt(ctx.block.height), period], { validatorPeriod: period, fraction: fraction.toProto() });
  }

  *slashEventsBetween(ctx: Context, val: Uint8Array, startHeight: bigint, endHeight: bigint): IterableIterator<ValidatorSlashEvent> {
    const prefix = CMap.prefixOf(lpBytes, val);
    for (const [[, height], ev] of this.state.slashEvents.iterate(ctx, { prefix })) {
      if (height < startHeight) continue;
      if (height > endHeight) break;
      yield ev;
    }
  }

  // --- delegations --------------------------------------------------------------------

  /** AfterDelegationModified: the delegation starts after the previous period with its current stake. */
  initializeDelegation(ctx: Context, val: Uint8Array, del: Uint8Array): void {
    const current = this.state.currentRewards.get(ctx, val);
    if (!current) throw sdk.Logic('no current rewards for validator');
    const previous = current.period - 1n;
    this.incrementReferenceCount(ctx, val, previous);
    const v = this.staking.getValidator(ctx, val)!;
    const d = this.staking.getDelegation(ctx, del, val)!;
    const stake = tokensFromSharesTruncated(v, Dec.fromProto(d.shares));
    this.state.startingInfo.set(ctx, [val, del], DelegatorStartingInfo.fromPartial({ previousPeriod: previous, stake: stake.toProto(), height: BigInt(ctx.block.height) }));
  }

  private rewardsBetween(ctx: Context, val: Uint8Array, start: bigint, end: bigint, stake: Dec): DecCoins {
    if (start > end) throw sdk.Logic('startingPeriod cannot be greater than endingPeriod');
    if (stake.isNegative()) throw sdk.Logic('stake should not be negative');
    const starting = this.state.historicalRewards.get(ctx, [val, start]);
    const ending = this.state.historicalRewards.get(ctx, [val, end]);
    if (!starting || !ending) throw sdk.Logic(`missing historical rewards for periods ${start}..${end}`);
    const difference = dc.sub(dc.fromProto(ending.cumulativeRewardRatio), dc.fromProto(starting.cumulativeRewardRatio));
    return dc.mulDecTruncate(difference, stake);
  }

  /** F1: the rewards of a delegation up to the end of `endingPeriod`, with the slashes in between. */
  calculateDelegationRewards(ctx: Context, v: Validator, d: Delegation, endingPeriod: bigint): DecCoins {
    const val = this.validatorAddressCodec.decode(v.operatorAddress);
    const del = this.addressCodec.decode(d.delegatorAddress);
    const info = this.state.startingInfo.get(ctx, [val, del]);
    if (!info) throw distributionErrors.EmptyDelegationDistInfo();
    const height = BigInt(ctx.block.height);
    if (info.height === height) return [];

    let startingPeriod = info.previousPeriod;
    let stake = Dec.fromProto(info.stake);
    let rewards: DecCoins = [];
    if (height > info.height) {
      for (const ev of this.slashEventsBetween(ctx, val, info.height, height)) {
        const end = ev.validatorPeriod;
        if (end > startingPeriod) {
          rewards = dc.add(rewards, this.rewardsBetween(ctx, val, startingPeriod, end, stake));
          stake = stake.mulTruncate(Dec.ONE.sub(Dec.fromProto(ev.fraction)));
          startingPeriod = end;
        }
      }
    }
    // the stake may drift from the current one by rounding in slashes: a few 10^-18 at most
    const currentStake = tokensFromShares(v, Dec.fromProto(d.shares));
    if (stake.gt(currentStake)) {
      if (stake.lte(currentStake.add(Dec.fromRaw(3n)))) stake = currentStake;
      else throw sdk.Logic(`calculated final stake for delegator ${d.delegatorAddress} greater than current stake: ${stake} > ${currentStake}`);
    }
    return dc.add(rewards, this.rewardsBetween(ctx, val, startingPeriod, endingPeriod, stake));
  }

  /** Pays a delegation's rewards to its withdraw address (the decimal change to the community pool). */
  withdrawDelegationRewardsOf(ctx: Context, v: Validator, d: Delegation): Coins {
    const val = this.validatorAddressCodec.decode(v.operatorAddress);
    const del = this.addressCodec.decode(d.delegatorAddress);
    if (!this.state.startingInfo.has(ctx, [val, del])) throw distributionErrors.EmptyDelegationDistInfo();
    const endingPeriod = this.incrementValidatorPeriod(ctx, v);
    const raw = this.calculateDelegationRewards(ctx, v, d, endingPeriod);
    const outstanding = this.outstanding(ctx, val);
    const rewards = dc.intersect(raw, outstanding);
    const { coins, change } = dc.truncateDecimal(rewards);
    if (coins.length > 0) this.bank.sendFromModuleToAccount(ctx, ModuleName, this.withdrawAddress(ctx, del), coins);
    this.setOutstanding(ctx, val, dc.sub(outstanding, rewards));
    this.addToCommunityPool(ctx, change);
    const info = this.state.startingInfo.get(ctx, [val, del])!;
    this.decrementReferenceCount(ctx, val, info.previousPeriod);
    this.state.startingInfo.delete(ctx, [val, del]);
    const paid: Coin[] = coins.length > 0 ? coins : [{ denom: 'uhyper', amount: 0n }];
    ctx.events.emit(events.withdrawRewards(coinsToString(paid), v.operatorAddress, d.delegatorAddress));
    return coins;
  }

  /** MsgWithdrawDelegatorReward: pays out and starts the delegation afresh. */
  withdrawDelegationRewards(ctx: Context, del: Uint8Array, val: Uint8Array): Coins {
    const v = this.staking.getValidator(ctx, val);
    if (!v) throw distributionErrors.NoValidatorDistInfo();
    const d = this.staking.getDelegation(ctx, del, val);
    if (!d) throw distributionErrors.EmptyDelegationDistInfo();
    const coins = this.withdrawDelegationRewardsOf(ctx, v, d);
    this.initializeDelegation(ctx, val, del);
    return coins;
  }

  /** MsgWithdrawValidatorCommission: whole coins to the operator's withdraw address, the change stays. */
  withdrawValidatorCommission(ctx: Context, val: Uint8Array): Coins {
    const accumulated = this.commission(ctx, val);
    if (accumulated.length === 0) throw distributionErrors.NoValidatorCommission();
    const { coins, change } = dc.truncateDecimal(accumulated);
    this.setCommission(ctx, val, change);
    this.setOutstanding(ctx, val, dc.sub(this.outstanding(ctx, val), dc.fromCoins(coins)));
    if (coins.length > 0) this.bank.sendFromModuleToAccount(ctx, ModuleName, this.withdrawAddress(ctx, val), coins);
    ctx.events.emit(events.withdrawCommission(coinsToString(coins)));
    return coins;
  }

  fundCommunityPool(ctx: Context, amount: Coins, sender: Uint8Array): void {
    this.bank.sendFromAccountToModule(ctx, sender, ModuleName, amount);
    this.addToCommunityPool(ctx, dc.fromCoins(amount));
  }

  /** Sum of all validators' outstanding rewards. */
  totalOutstanding(ctx: Context): DecCoins {
    let total: DecCoins = [];
    for (const [, o] of this.state.outstandingRewards.iterate(ctx)) total = dc.add(total, dc.fromProto(o.rewards));
    return total;
  }
}
