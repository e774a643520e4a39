/** The parts of x/auth that x/bank calls. */
import type { StoreContext } from '../../src/store/collections';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coins } from '../../src/types/coins';

export interface AccountKeeper {
  readonly addressCodec: AddressCodec;
  hasAccount(ctx: StoreContext, address: Uint8Array): boolean;
  createAccount(ctx: StoreContext, address: Uint8Array): unknown;
  moduleAddress(name: string): Uint8Array;
  modulePermissions(name: string): readonly string[] | undefined;
  getModuleAccount(ctx: StoreContext, name: string): unknown;
  lockedCoins(ctx: StoreContext & { unixSeconds: bigint }, address: Uint8Array): Coins;
}
