/**
 * AccountKeeper: accounts by address, account numbers, module accounts, auth params.
 * Other modules use the narrow interfaces they declare in their expected_keepers.ts.
 */
import { BaseAccount, ModuleAccount, Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { AddressCodec } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import type { Coins } from '../../src/types/coins';
import type { StoreContext } from '../../src/store/collections';
import { sdk } from '../../src/types/errors';
import type { Account, AccountType } from './account';
import { baseAccountType, moduleAccountType } from './account';
import { authState } from './keys';

export interface AuthKeeperDeps {
  addressCodec: AddressCodec;
  /** Module account name → permissions (minter, burner, staking). */
  modulePermissions: Readonly<Record<string, readonly string[]>>;
  /** Account types beyond BaseAccount and ModuleAccount (vesting accounts). */
  extraAccountTypes?: readonly AccountType[];
}

export class AuthKeeper {
  readonly state = authState();
  private readonly types = new Map<string, AccountType>();
  private readonly decoded = new WeakMap<Uint8Array, Account>();

  constructor(private readonly deps: AuthKeeperDeps) {
    for (const t of [baseAccountType, moduleAccountType, ...(deps.extraAccountTypes ?? [])]) {
      this.types.set(t.codec.typeUrl, t);
    }
  }

  get addressCodec(): AddressCodec {
    return this.deps.addressCodec;
  }

  get accountTypes(): readonly AccountType[] {
    return [...this.types.values()];
  }

  params(ctx: StoreContext): Params {
    return this.state.params.must(ctx);
  }

  setParams(ctx: StoreContext, p: Params): void {
    this.state.params.set(ctx, p);
  }

  getAccount(ctx: StoreContext, address: Uint8Array): Account | undefined {
    const bytes = this.state.accounts.get(ctx, address);
    return bytes === undefined ? undefined : this.decode(bytes);
  }

  hasAccount(ctx: StoreContext, address: Uint8Array): boolean {
    return this.state.accounts.has(ctx, address);
  }

  /**
   * Decodes a stored account (an encoded Any). Stored bytes are never modified in place, so the
   * decoded account is remembered per bytes object: a tx reads the same account several times.
   */
  decode(bytes: Uint8Array): Account {
    const hit = this.decoded.get(bytes);
    if (hit) return hit;
    const any = Any.decode(bytes);
    const type = this.types.get(any.typeUrl);
    if (!type) throw sdk.UnpackAny(`unknown account type ${any.typeUrl}`);
    const value = type.codec.decode(any.value);
    const account = Object.freeze({ typeUrl: any.typeUrl, value, base: Object.freeze(type.base(value)) });
    this.decoded.set(bytes, account);
    return account;
  }

  /** Wraps an account value of a registered type. */
  wrap<T>(typeUrl: string, value: T): Account<T> {
    const type = this.types.get(typeUrl);
    if (!type) throw sdk.UnpackAny(`unknown account type ${typeUrl}`);
    return { typeUrl, value, base: type.base(value) };
  }

  /** The account as the Any that queries return and the store keeps. */
  encodeAny(account: Account): Any {
    const type = this.types.get(account.typeUrl);
    if (!type) throw sdk.UnpackAny(`unknown account type ${account.typeUrl}`);
    return { typeUrl: account.typeUrl, value: type.codec.encode(type.withBase(account.value, account.base)).finish() };
  }

  setAccount(ctx: StoreContext, account: Account): void {
    const address = this.deps.addressCodec.decode(account.base.address);
    this.state.accounts.set(ctx, address, Any.encode(this.encodeAny(account)).finish());
    this.state.accountByNumber.set(ctx, account.base.accountNumber, address);
  }

  /** The same account with a changed BaseAccount (sequence, pubkey). */
  withBase(account: Account, base: BaseAccount): Account {
    return { typeUrl: account.typeUrl, value: account.value, base };
  }

  nextAccountNumber(ctx: StoreContext): bigint {
    return this.state.globalAccountNumber.next(ctx);
  }

  /** Creates (and stores) a BaseAccount for a new address. */
  createAccount(ctx: StoreContext, address: Uint8Array): Account<BaseAccount> {
    const base = BaseAccount.fromPartial({
      address: this.deps.addressCodec.encode(address),
      accountNumber: this.nextAccountNumber(ctx),
    });
    const account = { typeUrl: BaseAccount.typeUrl, value: base, base };
    this.setAccount(ctx, account);
    return account;
  }

  /** Coins locked by vesting at the block time; empty for other accounts. */
  lockedCoins(ctx: StoreContext & { unixSeconds: bigint }, address: Uint8Array): Coins {
    const account = this.getAccount(ctx, address);
    if (!account) return [];
    const locked = this.types.get(account.typeUrl)?.locked;
    return locked ? locked(account.value, ctx.unixSeconds) : [];
  }

  moduleAddress(name: string): Uint8Array {
    return moduleAddress(name);
  }

  modulePermissions(name: string): readonly string[] | undefined {
    return this.deps.modulePermissions[name];
  }

  get moduleNames(): string[] {
    return Object.keys(this.deps.modulePermissions).sort();
  }

  /** The module account, created on first use (as the SDK's GetModuleAccount). */
  getModuleAccount(ctx: StoreContext, name: string): Account<ModuleAccount> {
    const perms = this.deps.modulePermissions[name];
    if (!perms) throw sdk.UnknownAddress(`module account ${name} is not registered`);
    const address = moduleAddress(name);
    const existing = this.getAccount(ctx, address);
    if (existing) {
      if (existing.typeUrl !== ModuleAccount.typeUrl) {
        throw sdk.Logic(`account at module address of ${name} is not a module account`);
      }
      return existing as Account<ModuleAccount>;
    }
    const base = BaseAccount.fromPartial({
      address: this.deps.addressCodec.encode(address),
      accountNumber: this.nextAccountNumber(ctx),
    });
    const value = ModuleAccount.fromPartial({ baseAccount: base, name, permissions: [...perms] });
    const account = { typeUrl: ModuleAccount.typeUrl, value, base };
    this.setAccount(ctx, account);
    return account;
  }

  *iterateAccounts(ctx: StoreContext): IterableIterator<Account> {
    for (const [, bytes] of this.state.accounts.iterate(ctx)) yield this.decode(bytes);
  }
}
