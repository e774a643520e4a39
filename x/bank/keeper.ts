/**
 * BankKeeper: balances, supply, denom metadata, send switches. Every balance change goes through
 * `addCoins`/`subUnlockedCoins`, which keep the denom-owner index and emit coin_spent/coin_received.
 * Invariant: the supply of each denom equals the sum of all balances of it.
 */
import type { Metadata, Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import type { Context } from '../../src/types/context';
import {
  addCoins,
  amountOf,
  assertValidCoins,
  coinsToString,
  type Coin,
  type Coins,
} from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import { bankErrors } from './errors';
import { CMap, keys } from '../../src/store/collections';
import { Permission } from '../auth/account';
import * as events from './events';
import type { AccountKeeper } from './expected_keepers';
import { bankState } from './keys';

export interface BankKeeperDeps {
  accounts: AccountKeeper;
  /** Bech32 addresses that may not receive funds through MsgSend (module accounts). */
  blocked: ReadonlySet<string>;
  /** Records delegated coins on vesting accounts (x/vesting); absent: no account tracks them. */
  delegationTracker?: DelegationTracker;
}

/**
 * What staking's delegations mean for vesting accounts (the SDK's VestingAccount.TrackDelegation /
 * TrackUndelegation): the part of a delegation taken from still-vesting coins is delegated_vesting,
 * the rest delegated_free. Accounts of other types are left alone.
 */
export interface DelegationTracker {
  /** `balance`: the delegator's balance before the delegation. */
  trackDelegation(ctx: Context, address: Uint8Array, balance: Coins, amount: Coins): void;
  trackUndelegation(ctx: Context, address: Uint8Array, amount: Coins): void;
}

export class BankKeeper {
  readonly state = bankState();
  constructor(private readonly deps: BankKeeperDeps) {}

  private get addr() {
    return this.deps.accounts.addressCodec;
  }

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }

  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint {
    return this.state.balances.get(ctx, [address, denom]) ?? 0n;
  }

  getAllBalances(ctx: Context, address: Uint8Array): Coins {
    const out: Coin[] = [];
    const prefix = CMap.prefixOf(keys.bytes, address);
    for (const [[, denom], amount] of this.state.balances.iterate(ctx, { prefix })) out.push({ denom, amount });
    return out;
  }

  lockedCoins(ctx: Context, address: Uint8Array): Coins {
    return this.deps.accounts.lockedCoins(ctx, address);
  }

  /** Balances minus what vesting still locks (never negative per denom). */
  spendableCoins(ctx: Context, address: Uint8Array): Coins {
    const balances = this.getAllBalances(ctx, address);
    const locked = this.lockedCoins(ctx, address);
    if (locked.length === 0) return balances;
    return balances
      .map((c) => ({ denom: c.denom, amount: c.amount - amountOf(locked, c.denom) }))
      .filter((c) => c.amount > 0n);
  }

  getSupply(ctx: Context, denom: string): bigint {
    return this.state.supply.get(ctx, denom) ?? 0n;
  }

  isBlocked(bech32: string): boolean {
    return this.deps.blocked.has(bech32);
  }

  isSendEnabled(ctx: Context, denom: string): boolean {
    return this.state.sendEnabled.get(ctx, denom) ?? this.params(ctx).defaultSendEnabled;
  }

  assertSendEnabled(ctx: Context, coins: Coins): void {
    for (const c of coins) {
      if (!this.isSendEnabled(ctx, c.denom)) throw bankErrors.SendDisabled(`${c.denom} transfers are currently disabled`);
    }
  }

  /** Moves coins; creates the recipient's account if it has none. Throws sdk/5 when spendable is short. */
  send(ctx: Context, from: Uint8Array, to: Uint8Array, amount: Coins): void {
    assertValidCoins(amount);
    const fromStr = this.addr.encode(from);
    const toStr = this.addr.encode(to);
    this.subUnlockedCoins(ctx, from, amount);
    this.addCoins(ctx, to, amount);
    if (!this.deps.accounts.hasAccount(ctx, to)) this.deps.accounts.createAccount(ctx, to);
    ctx.events.emit(events.transfer(toStr, fromStr, coinsToString(amount)));
    ctx.events.emit(events.messageSender(fromStr));
  }

  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void {
    this.deps.accounts.getModuleAccount(ctx, module);
    this.send(ctx, from, this.deps.accounts.moduleAddress(module), amount);
  }

  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void {
    this.send(ctx, this.moduleAddr(module), to, amount);
  }

  sendFromModuleToModule(ctx: Context, fromModule: string, toModule: string, amount: Coins): void {
    this.deps.accounts.getModuleAccount(ctx, toModule);
    this.send(ctx, this.moduleAddr(fromModule), this.deps.accounts.moduleAddress(toModule), amount);
  }

  /** MultiSend: one input, many outputs; the sums must match. */
  inputOutputCoins(ctx: Context, input: { address: Uint8Array; coins: Coins }, outputs: { address: Uint8Array; coins: Coins }[]): void {
    const total = outputs.reduce<Coins>((acc, o) => addCoins(acc, o.coins), []);
    if (coinsToString(total) !== coinsToString(input.coins)) {
      throw bankErrors.InputOutputMismatch(`sum inputs ${coinsToString(input.coins)} != sum outputs ${coinsToString(total)}`);
    }
    const inStr = this.addr.encode(input.address);
    this.subUnlockedCoins(ctx, input.address, input.coins);
    ctx.events.emit(events.messageSender(inStr));
    for (const o of outputs) {
      this.addCoins(ctx, o.address, o.coins);
      if (!this.deps.accounts.hasAccount(ctx, o.address)) this.deps.accounts.createAccount(ctx, o.address);
      ctx.events.emit(events.transfer(this.addr.encode(o.address), inStr, coinsToString(o.coins)));
    }
  }

  /**
   * Delegation (the SDK's DelegateCoinsFromAccountToModule): unlike a send, it may spend coins that
   * vesting still locks; the vesting account records how much of each kind it delegated.
   */
  delegateCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void {
    this.requirePermission(module, Permission.Staking);
    assertValidCoins(amount);
    this.deps.accounts.getModuleAccount(ctx, module);
    const balances: Coin[] = [];
    for (const c of amount) {
      const balance = this.getBalance(ctx, from, c.denom);
      if (balance < c.amount) {
        throw sdk.InsufficientFunds(`failed to delegate; ${balance}${c.denom} is smaller than ${c.amount}${c.denom}`);
      }
      balances.push({ denom: c.denom, amount: balance });
      this.writeBalance(ctx, from, c.denom, balance - c.amount);
    }
    this.deps.delegationTracker?.trackDelegation(ctx, from, balances, amount);
    ctx.events.emit(events.coinSpent(this.addr.encode(from), coinsToString(amount)));
    this.addCoins(ctx, this.deps.accounts.moduleAddress(module), amount);
  }

  /** Undelegation (the SDK's UndelegateCoinsFromModuleToAccount): the coins return, vesting ones locked again. */
  undelegateCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void {
    this.requirePermission(module, Permission.Staking);
    assertValidCoins(amount);
    this.subUnlockedCoins(ctx, this.moduleAddr(module), amount);
    this.deps.delegationTracker?.trackUndelegation(ctx, to, amount);
    this.addCoins(ctx, to, amount);
    if (!this.deps.accounts.hasAccount(ctx, to)) this.deps.accounts.createAccount(ctx, to);
  }

  mintCoins(ctx: Context, module: string, amount: Coins): void {
    this.requirePermission(module, Permission.Minter);
    assertValidCoins(amount);
    const address = this.moduleAddr(module);
    this.addCoins(ctx, address, amount);
    for (const c of amount) this.state.supply.set(ctx, c.denom, this.getSupply(ctx, c.denom) + c.amount);
    ctx.events.emit(events.coinbase(this.addr.encode(address), coinsToString(amount)));
  }

  burnCoins(ctx: Context, module: string, amount: Coins): void {
    this.requirePermission(module, Permission.Burner);
    assertValidCoins(amount);
    const address = this.moduleAddr(module);
    this.subUnlockedCoins(ctx, address, amount);
    for (const c of amount) this.setSupply(ctx, c.denom, this.getSupply(ctx, c.denom) - c.amount);
    ctx.events.emit(events.burn(this.addr.encode(address), coinsToString(amount)));
  }

  setDenomMetadata(ctx: Context, m: Metadata): void {
    this.state.denomMetadata.set(ctx, m.base, m);
  }

  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined {
    return this.state.denomMetadata.get(ctx, denom);
  }

  /** Genesis only: sets a balance without events or supply changes. */
  setBalance(ctx: Context, address: Uint8Array, coin: Coin): void {
    this.writeBalance(ctx, address, coin.denom, coin.amount);
  }

  setSupply(ctx: Context, denom: string, amount: bigint): void {
    if (amount < 0n) throw sdk.Logic(`supply of ${denom} would be negative`);
    if (amount === 0n) this.state.supply.delete(ctx, denom);
    else this.state.supply.set(ctx, denom, amount);
  }

  *iterateSupply(ctx: Context): IterableIterator<Coin> {
    for (const [denom, amount] of this.state.supply.iterate(ctx)) yield { denom, amount };
  }

  /** Subtracts coins the account may spend; sdk/5 naming what it has when short. */
  subUnlockedCoins(ctx: Context, address: Uint8Array, amount: Coins): void {
    const locked = this.lockedCoins(ctx, address);
    const balances = amount.map((c) => this.getBalance(ctx, address, c.denom));
    amount.forEach((c, i) => {
      if (balances[i] - amountOf(locked, c.denom) < c.amount) {
        const spendable = this.spendableCoins(ctx, address);
        throw sdk.InsufficientFunds(`spendable balance ${coinsToString(spendable) || '0uhyper'} is smaller than ${coinsToString(amount)}`);
      }
    });
    amount.forEach((c, i) => this.writeBalance(ctx, address, c.denom, balances[i] - c.amount));
    ctx.events.emit(events.coinSpent(this.addr.encode(address), coinsToString(amount)));
  }

  addCoins(ctx: Context, address: Uint8Array, amount: Coins): void {
    for (const c of amount) this.writeBalance(ctx, address, c.denom, this.getBalance(ctx, address, c.denom) + c.amount);
    ctx.events.emit(events.coinReceived(this.addr.encode(address), coinsToString(amount)));
  }

  private writeBalance(ctx: Context, address: Uint8Array, denom: string, amount: bigint): void {
    if (amount < 0n) throw sdk.InsufficientFunds(`balance of ${denom} would be negative`);
    if (amount === 0n) {
      this.state.balances.delete(ctx, [address, denom]);
      this.state.denomOwners.delete(ctx, [denom, address]);
    } else {
      this.state.balances.set(ctx, [address, denom], amount);
      this.state.denomOwners.set(ctx, [denom, address], undefined);
    }
  }

  private moduleAddr(module: string): Uint8Array {
    if (!this.deps.accounts.modulePermissions(module)) throw sdk.UnknownAddress(`module account ${module} does not exist`);
    return this.deps.accounts.moduleAddress(module);
  }

  private requirePermission(module: string, permission: string): void {
    const perms = this.deps.accounts.modulePermissions(module);
    if (!perms) throw sdk.UnknownAddress(`module account ${module} does not exist`);
    if (!perms.includes(permission)) {
      const what = permission === 'minter' ? 'mint tokens' : permission === 'burner' ? 'burn tokens' : 'receive delegated tokens';
      throw sdk.Unauthorized(`module account ${module} does not have permissions to ${what}`);
    }
  }
}
