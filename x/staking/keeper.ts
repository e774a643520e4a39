/**
 * StakingKeeper: validators and their indexes, delegations, unbonding delegations, redelegations,
 * their maturity queues, the bonded and not-bonded pools, params. The operations that change
 * several of these at once live beside it, one concept per file (delegation.ts,
 * val_state_change.ts, slash.ts, historical_info.ts, power.ts); the keeper exposes them as methods
 * so other modules reach staking through one object and their own narrow interfaces.
 */
import {
  BondStatus,
  Delegation,
  Redelegation,
  UnbondingDelegation,
  type HistoricalInfo,
  type Params,
  type Validator,
} from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import type { AddressCodec } from '../../src/crypto/address';
import type { Params as HyperParams } from '../../src/gen/hypermesh/staking/v1/params';
import { CMap } from '../../src/store/collections';
import { equalBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import * as delegation from './delegation';
import { stakingErrors } from './errors';
import type { AccountKeeper, BankKeeper, ResourceScoreProvider } from './expected_keepers';
import * as historical from './historical_info';
import { multiStakingHooks, type StakingHooks } from './hooks';
import { BondedPoolName, lpBytes, NotBondedPoolName, stakingState } from './keys';
import { POWER_REDUCTION } from './params';
import * as power from './power';
import * as slashing from './slash';
import { nsFromDuration, sortableTimeString } from './time';
import * as valState from './val_state_change';
import {
  addTokensFromDel,
  consAddressOf,
  isBonded,
  potentialConsensusPower,
  removeDelShares,
  removeTokens,
  tokens as tokensOf,
} from './validator';

export interface StakingKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  /** `hyper1...` */
  addressCodec: AddressCodec;
  /** `hypervaloper1...` */
  validatorAddressCodec: AddressCodec;
  /** `hypervalcons1...` */
  consensusAddressCodec: AddressCodec;
  /** The bech32 account allowed to change params (the gov module account). */
  authority: string;
  /** Resource scores for the power bonus; none (score 0) until x/resource provides them. */
  resourceScores?: ResourceScoreProvider;
}

/** A score provider for a chain without x/resource: every validator scores 0 (no bonus). */
export const noResourceScores: ResourceScoreProvider = { resourceScore: () => Dec.ZERO };

export class StakingKeeper {
  readonly state = stakingState();
  hooks: Required<StakingHooks> = multiStakingHooks([]);
  private hooksSet = false;

  constructor(readonly deps: StakingKeeperDeps) {}

  /** Installs the hooks of other modules (distribution, slashing), once, in call order. */
  setHooks(...list: StakingHooks[]): void {
    if (this.hooksSet) throw new Error('staking hooks are already set');
    this.hooksSet = true;
    this.hooks = multiStakingHooks(list);
  }

  get addressCodec(): AddressCodec {
    return this.deps.addressCodec;
  }
  get validatorAddressCodec(): AddressCodec {
    return this.deps.validatorAddressCodec;
  }
  get consensusAddressCodec(): AddressCodec {
    return this.deps.consensusAddressCodec;
  }
  get bank(): BankKeeper {
    return this.deps.bank;
  }
  get resourceScores(): ResourceScoreProvider {
    return this.deps.resourceScores ?? noResourceScores;
  }
  get powerReduction(): bigint {
    return POWER_REDUCTION;
  }

  // --- params -------------------------------------------------------------------------

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
  bondDenom(ctx: Context): string {
    return this.params(ctx).bondDenom;
  }
  unbondingTimeNs(ctx: Context): bigint {
    return nsFromDuration(this.params(ctx).unbondingTime);
  }

  // --- validators ---------------------------------------------------------------------

  valAddr(v: Validator): Uint8Array {
    return this.deps.validatorAddressCodec.decode(v.operatorAddress);
  }

  getValidator(ctx: Context, valAddr: Uint8Array): Validator | undefined {
    return this.state.validators.get(ctx, valAddr);
  }

  /** The validator, or staking/3. */
  mustGetValidator(ctx: Context, valAddr: Uint8Array): Validator {
    const v = this.getValidator(ctx, valAddr);
    if (!v) throw stakingErrors.NoValidatorFound(`validator ${this.deps.validatorAddressCodec.encode(valAddr)} does not exist`);
    return v;
  }

  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined {
    const op = this.state.validatorsByConsAddr.get(ctx, consAddr);
    return op ? this.getValidator(ctx, op) : undefined;
  }

  setValidator(ctx: Context, v: Validator): void {
    this.state.validators.set(ctx, this.valAddr(v), v);
  }

  setValidatorByConsAddr(ctx: Context, v: Validator): void {
    this.state.validatorsByConsAddr.set(ctx, consAddressOf(v), this.valAddr(v));
  }

  /** Jailed validators are never in the power index. */
  setValidatorByPowerIndex(ctx: Context, v: Validator): void {
    if (v.jailed) return;
    this.state.validatorsByPower.set(ctx, [potentialConsensusPower(v, POWER_REDUCTION), this.valAddr(v)], this.valAddr(v));
  }

  deleteValidatorByPowerIndex(ctx: Context, v: Validator): void {
    this.state.validatorsByPower.delete(ctx, [potentialConsensusPower(v, POWER_REDUCTION), this.valAddr(v)]);
  }

  addValidatorTokensAndShares(ctx: Context, v: Validator, amount: bigint): [Validator, Dec] {
    this.deleteValidatorByPowerIndex(ctx, v);
    const [next, shares] = addTokensFromDel(v, amount);
    this.setValidator(ctx, next);
    this.setValidatorByPowerIndex(ctx, next);
    return [next, shares];
  }

  removeValidatorTokensAndShares(ctx: Context, v: Validator, shares: Dec): [Validator, bigint] {
    this.deleteValidatorByPowerIndex(ctx, v);
    const [next, removed] = removeDelShares(v, shares);
    this.setValidator(ctx, next);
    this.setValidatorByPowerIndex(ctx, next);
    return [next, removed];
  }

  removeValidatorTokens(ctx: Context, v: Validator, amount: bigint): Validator {
    this.deleteValidatorByPowerIndex(ctx, v);
    const next = removeTokens(v, amount);
    this.setValidator(ctx, next);
    this.setValidatorByPowerIndex(ctx, next);
    return next;
  }

  /** Deletes an unbonded validator with no tokens left, and tells the hooks. */
  removeValidator(ctx: Context, valAddr: Uint8Array): void {
    const v = this.getValidator(ctx, valAddr);
    if (!v) return;
    if (v.status !== BondStatus.BOND_STATUS_UNBONDED) {
      throw stakingErrors.BadRemoveValidator('cannot call RemoveValidator on bonded or unbonding validators');
    }
    if (tokensOf(v) > 0n) throw stakingErrors.BadRemoveValidator('attempting to remove a validator which still contains tokens');
    const consAddr = consAddressOf(v);
    this.state.validators.delete(ctx, valAddr);
    this.state.validatorsByConsAddr.delete(ctx, consAddr);
    this.deleteValidatorByPowerIndex(ctx, v);
    this.hooks.afterValidatorRemoved(ctx, consAddr, valAddr);
  }

  *iterateValidators(ctx: Context): IterableIterator<Validator> {
    for (const [, v] of this.state.validators.iterate(ctx)) yield v;
  }

  /** Operators and powers of the validators CometBFT was last told about. */
  *iterateLastValidatorPowers(ctx: Context): IterableIterator<[Uint8Array, bigint]> {
    yield* this.state.lastValidatorPower.iterate(ctx);
  }

  lastValidators(ctx: Context): Validator[] {
    return [...this.iterateLastValidatorPowers(ctx)].map(([op]) => this.mustGetValidator(ctx, op));
  }

  /** Bonded validators, highest power first, at most max_validators. */
  bondedValidatorsByPower(ctx: Context): Validator[] {
    const max = this.params(ctx).maxValidators;
    const out: Validator[] = [];
    for (const [, op] of this.state.validatorsByPower.iterate(ctx, { reverse: true })) {
      if (out.length >= max) break;
      const v = this.mustGetValidator(ctx, op);
      if (isBonded(v)) out.push(v);
    }
    return out;
  }

  /** Consensus power sent to CometBFT: stake power with the capped resource bonus (power.ts). */
  consensusPower(ctx: Context, v: Validator): bigint {
    return power.consensusPower(this, ctx, v);
  }

  /** The power CometBFT would know the validator by if it were bonded (what `slash` takes for an infraction now). */
  potentialCometPower(ctx: Context, v: Validator): bigint {
    return power.bonusPower(potentialConsensusPower(v, POWER_REDUCTION), power.multiplierOf(this, ctx, v));
  }

  // --- delegations --------------------------------------------------------------------

  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined {
    return this.state.delegations.get(ctx, [del, val]);
  }

  setDelegation(ctx: Context, d: Delegation): void {
    const del = this.deps.addressCodec.decode(d.delegatorAddress);
    const val = this.deps.validatorAddressCodec.decode(d.validatorAddress);
    this.state.delegations.set(ctx, [del, val], d);
    this.state.delegationsByVal.set(ctx, [val, del], undefined);
  }

  removeDelegation(ctx: Context, d: Delegation): void {
    const del = this.deps.addressCodec.decode(d.delegatorAddress);
    const val = this.deps.validatorAddressCodec.decode(d.validatorAddress);
    this.hooks.beforeDelegationRemoved(ctx, del, val);
    this.state.delegations.delete(ctx, [del, val]);
    this.state.delegationsByVal.delete(ctx, [val, del]);
  }

  delegatorDelegations(ctx: Context, del: Uint8Array): Delegation[] {
    return [...this.state.delegations.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, del) })].map(([, d]) => d);
  }

  validatorDelegations(ctx: Context, val: Uint8Array): Delegation[] {
    const out: Delegation[] = [];
    for (const [[, del]] of this.state.delegationsByVal.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, val) })) {
      const d = this.getDelegation(ctx, del, val);
      if (d) out.push(d);
    }
    return out;
  }

  *iterateDelegations(ctx: Context): IterableIterator<Delegation> {
    for (const [, d] of this.state.delegations.iterate(ctx)) yield d;
  }

  // --- unbonding delegations ----------------------------------------------------------

  getUnbondingDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): UnbondingDelegation | undefined {
    return this.state.unbondingDelegations.get(ctx, [del, val]);
  }

  setUnbondingDelegation(ctx: Context, ubd: UnbondingDelegation): void {
    const del = this.deps.addressCodec.decode(ubd.delegatorAddress);
    const val = this.deps.validatorAddressCodec.decode(ubd.validatorAddress);
    this.state.unbondingDelegations.set(ctx, [del, val], ubd);
    this.state.unbondingDelegationsByVal.set(ctx, [val, del], undefined);
  }

  removeUnbondingDelegation(ctx: Context, ubd: UnbondingDelegation): void {
    const del = this.deps.addressCodec.decode(ubd.delegatorAddress);
    const val = this.deps.validatorAddressCodec.decode(ubd.validatorAddress);
    this.state.unbondingDelegations.delete(ctx, [del, val]);
    this.state.unbondingDelegationsByVal.delete(ctx, [val, del]);
  }

  unbondingDelegationsFromValidator(ctx: Context, val: Uint8Array): UnbondingDelegation[] {
    const out: UnbondingDelegation[] = [];
    for (const [[, del]] of this.state.unbondingDelegationsByVal.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, val) })) {
      const ubd = this.getUnbondingDelegation(ctx, del, val);
      if (ubd) out.push(ubd);
    }
    return out;
  }

  delegatorUnbondingDelegations(ctx: Context, del: Uint8Array): UnbondingDelegation[] {
    return [...this.state.unbondingDelegations.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, del) })].map(([, u]) => u);
  }

  *iterateUnbondingDelegations(ctx: Context): IterableIterator<UnbondingDelegation> {
    for (const [, u] of this.state.unbondingDelegations.iterate(ctx)) yield u;
  }

  /** The id of a new unbonding operation (the SDK's IncrementUnbondingID: the first is 1). */
  nextUnbondingId(ctx: Context): bigint {
    const id = (this.state.unbondingId.get(ctx) ?? 0n) + 1n;
    this.state.unbondingId.set(ctx, id);
    return id;
  }

  // --- redelegations ------------------------------------------------------------------

  getRedelegation(ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array): Redelegation | undefined {
    return this.state.redelegations.get(ctx, [del, src, dst]);
  }

  private redKeys(red: Redelegation): [Uint8Array, Uint8Array, Uint8Array] {
    return [
      this.deps.addressCodec.decode(red.delegatorAddress),
      this.deps.validatorAddressCodec.decode(red.validatorSrcAddress),
      this.deps.validatorAddressCodec.decode(red.validatorDstAddress),
    ];
  }

  setRedelegation(ctx: Context, red: Redelegation): void {
    const [del, src, dst] = this.redKeys(red);
    this.state.redelegations.set(ctx, [del, src, dst], red);
    this.state.redelegationsBySrc.set(ctx, [src, del, dst], undefined);
    this.state.redelegationsByDst.set(ctx, [dst, del, src], undefined);
  }

  removeRedelegation(ctx: Context, red: Redelegation): void {
    const [del, src, dst] = this.redKeys(red);
    this.state.redelegations.delete(ctx, [del, src, dst]);
    this.state.redelegationsBySrc.delete(ctx, [src, del, dst]);
    this.state.redelegationsByDst.delete(ctx, [dst, del, src]);
  }

  redelegationsFromSrcValidator(ctx: Context, src: Uint8Array): Redelegation[] {
    const out: Redelegation[] = [];
    for (const [[, del, dst]] of this.state.redelegationsBySrc.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, src) })) {
      const red = this.getRedelegation(ctx, del, src, dst);
      if (red) out.push(red);
    }
    return out;
  }

  delegatorRedelegations(ctx: Context, del: Uint8Array): Redelegation[] {
    return [...this.state.redelegations.iterate(ctx, { prefix: CMap.prefixOf(lpBytes, del) })].map(([, r]) => r);
  }

  /** True when some redelegation of `del` has `dst` as destination (a transitive redelegation would follow). */
  hasReceivingRedelegation(ctx: Context, del: Uint8Array, dst: Uint8Array): boolean {
    const prefix = Uint8Array.from([...CMap.prefixOf(lpBytes, dst), ...CMap.prefixOf(lpBytes, del)]);
    for (const _ of this.state.redelegationsByDst.iterate(ctx, { prefix })) return true;
    return false;
  }

  *iterateRedelegations(ctx: Context): IterableIterator<Redelegation> {
    for (const [, r] of this.state.redelegations.iterate(ctx)) yield r;
  }

  // --- queues -------------------------------------------------------------------------

  insertUBDQueue(ctx: Context, ubd: UnbondingDelegation, completionNs: bigint): void {
    const key = sortableTimeString(completionNs);
    const slice = this.state.unbondingQueue.get(ctx, key) ?? { pairs: [] };
    const pair = { delegatorAddress: ubd.delegatorAddress, validatorAddress: ubd.validatorAddress };
    this.state.unbondingQueue.set(ctx, key, { pairs: [...slice.pairs, pair] });
  }

  /** Removes and returns the (delegator, validator) pairs whose unbonding matured by `nowNs`. */
  dequeueAllMatureUBDQueue(ctx: Context, nowNs: bigint) {
    const now = sortableTimeString(nowNs);
    const out: { delegatorAddress: string; validatorAddress: string }[] = [];
    const done: string[] = [];
    for (const [time, slice] of this.state.unbondingQueue.iterate(ctx)) {
      if (time > now) break;
      out.push(...slice.pairs);
      done.push(time);
    }
    for (const t of done) this.state.unbondingQueue.delete(ctx, t);
    return out;
  }

  insertRedelegationQueue(ctx: Context, red: Redelegation, completionNs: bigint): void {
    const key = sortableTimeString(completionNs);
    const slice = this.state.redelegationQueue.get(ctx, key) ?? { triplets: [] };
    const t = { delegatorAddress: red.delegatorAddress, validatorSrcAddress: red.validatorSrcAddress, validatorDstAddress: red.validatorDstAddress };
    this.state.redelegationQueue.set(ctx, key, { triplets: [...slice.triplets, t] });
  }

  dequeueAllMatureRedelegationQueue(ctx: Context, nowNs: bigint) {
    const now = sortableTimeString(nowNs);
    const out: { delegatorAddress: string; validatorSrcAddress: string; validatorDstAddress: string }[] = [];
    const done: string[] = [];
    for (const [time, slice] of this.state.redelegationQueue.iterate(ctx)) {
      if (time > now) break;
      out.push(...slice.triplets);
      done.push(time);
    }
    for (const t of done) this.state.redelegationQueue.delete(ctx, t);
    return out;
  }

  insertUnbondingValidatorQueue(ctx: Context, v: Validator): void {
    const key: [string, bigint] = [sortableTimeString(valState.unbondingTimeNs(v)), v.unbondingHeight];
    const slice = this.state.validatorQueue.get(ctx, key) ?? { addresses: [] };
    this.state.validatorQueue.set(ctx, key, { addresses: [...slice.addresses, v.operatorAddress] });
  }

  deleteValidatorQueue(ctx: Context, v: Validator): void {
    const key: [string, bigint] = [sortableTimeString(valState.unbondingTimeNs(v)), v.unbondingHeight];
    const slice = this.state.validatorQueue.get(ctx, key);
    if (!slice) return;
    const addresses = slice.addresses.filter((a) => a !== v.operatorAddress);
    if (addresses.length === 0) this.state.validatorQueue.delete(ctx, key);
    else this.state.validatorQueue.set(ctx, key, { addresses });
  }

  // --- pools --------------------------------------------------------------------------

  bondedPoolAddress(): Uint8Array {
    return this.deps.accounts.moduleAddress(BondedPoolName);
  }
  notBondedPoolAddress(): Uint8Array {
    return this.deps.accounts.moduleAddress(NotBondedPoolName);
  }

  totalBondedTokens(ctx: Context): bigint {
    return this.deps.bank.getBalance(ctx, this.bondedPoolAddress(), this.bondDenom(ctx));
  }

  notBondedTokens(ctx: Context): bigint {
    return this.deps.bank.getBalance(ctx, this.notBondedPoolAddress(), this.bondDenom(ctx));
  }

  stakingTokenSupply(ctx: Context): bigint {
    return this.deps.bank.getSupply(ctx, this.bondDenom(ctx));
  }

  /** Bonded tokens / total supply of the bond denom (0 when there is no supply). */
  bondedRatio(ctx: Context): Dec {
    const supply = this.stakingTokenSupply(ctx);
    return supply > 0n ? Dec.fromInt(this.totalBondedTokens(ctx)).quoInt(supply) : Dec.ZERO;
  }

  bondedTokensToNotBonded(ctx: Context, amount: bigint): void {
    if (amount <= 0n) return;
    this.deps.bank.sendFromModuleToModule(ctx, BondedPoolName, NotBondedPoolName, [{ denom: this.bondDenom(ctx), amount }]);
  }

  notBondedTokensToBonded(ctx: Context, amount: bigint): void {
    if (amount <= 0n) return;
    this.deps.bank.sendFromModuleToModule(ctx, NotBondedPoolName, BondedPoolName, [{ denom: this.bondDenom(ctx), amount }]);
  }

  burnBondedTokens(ctx: Context, amount: bigint): void {
    if (amount <= 0n) return;
    this.deps.bank.burnCoins(ctx, BondedPoolName, [{ denom: this.bondDenom(ctx), amount }]);
  }

  burnNotBondedTokens(ctx: Context, amount: bigint): void {
    if (amount <= 0n) return;
    this.deps.bank.burnCoins(ctx, NotBondedPoolName, [{ denom: this.bondDenom(ctx), amount }]);
  }

  // --- operations (one concept per file) ----------------------------------------------

  delegate(ctx: Context, del: Uint8Array, amount: bigint, tokenSrc: BondStatus, v: Validator, subtractAccount: boolean): Dec {
    return delegation.delegate(this, ctx, del, amount, tokenSrc, v, subtractAccount);
  }
  unbond(ctx: Context, del: Uint8Array, val: Uint8Array, shares: Dec): bigint {
    return delegation.unbond(this, ctx, del, val, shares);
  }
  undelegate(ctx: Context, del: Uint8Array, val: Uint8Array, shares: Dec): { completionNs: bigint; amount: bigint } {
    return delegation.undelegate(this, ctx, del, val, shares);
  }
  beginRedelegation(ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array, shares: Dec): bigint {
    return delegation.beginRedelegation(this, ctx, del, src, dst, shares);
  }
  validateUnbondAmount(ctx: Context, del: Uint8Array, val: Uint8Array, amount: bigint): Dec {
    return delegation.validateUnbondAmount(this, ctx, del, val, amount);
  }
  jail(ctx: Context, consAddr: Uint8Array): void {
    valState.jail(this, ctx, consAddr);
  }
  unjail(ctx: Context, consAddr: Uint8Array): void {
    valState.unjail(this, ctx, consAddr);
  }
  /** Burns `fraction` of the stake that backed the validator at `infractionHeight`; returns the tokens burned. */
  slash(ctx: Context, consAddr: Uint8Array, infractionHeight: bigint, power: bigint, fraction: Dec): bigint {
    return slashing.slash(this, ctx, consAddr, infractionHeight, power, fraction);
  }
  applyAndReturnValidatorSetUpdates(ctx: Context): ValidatorUpdate[] {
    return valState.applyAndReturnValidatorSetUpdates(this, ctx);
  }
  blockValidatorUpdates(ctx: Context): ValidatorUpdate[] {
    return valState.blockValidatorUpdates(this, ctx);
  }
  trackHistoricalInfo(ctx: Context): void {
    historical.trackHistoricalInfo(this, ctx);
  }
  getHistoricalInfo(ctx: Context, height: bigint): HistoricalInfo | undefined {
    return this.state.historicalInfo.get(ctx, height);
  }

  /** sdk/7 unless `s` is a valid `hypervaloper` address. */
  decodeValAddr(s: string): Uint8Array {
    return this.deps.validatorAddressCodec.decode(s);
  }

  /** Is the delegator the validator's own operator account? */
  isSelfDelegation(del: Uint8Array, val: Uint8Array): boolean {
    return equalBytes(del, val);
  }
}
