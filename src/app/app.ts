/**
 * HyperMeshApp: the one file that wires the modules. The order of construction is the
 * dependency graph; each keeper gets exactly the other keepers it declares it needs.
 */
import { AminoTypes, createDefaultAminoConverters } from '@cosmjs/stargate';
import { accountAddresses } from '../crypto/address';
import { LruCache } from '../crypto/lru';
import { moduleAddress } from '../crypto/module_address';
import { defaultVerifier } from '../crypto/verify';
import { TypeRegistry } from '../codec/type_registry';
import type { CommitMultiStore } from '../store/types';
import type { DecCoins } from '../types/dec_coins';
import { Permission } from '../../x/auth/account';
import { AuthKeeper } from '../../x/auth/keeper';
import { FeeCollectorName, StoreKey as AuthStoreKey } from '../../x/auth/keys';
import { authModule } from '../../x/auth/module';
import { BankKeeper } from '../../x/bank/keeper';
import { StoreKey as BankStoreKey } from '../../x/bank/keys';
import { bankModule } from '../../x/bank/module';
import { vestingAccountTypes } from '../../x/vesting/vesting_accounts';
import { vestingModule } from '../../x/vesting/module';
import { BaseApp, type GenesisCodec, type Logger } from './base_app';
import { CONSENSUS_STORE } from './consensus_state';

export const APP_NAME = 'hypermesh';
export const GOV_MODULE = 'gov';

/** Every module store, by the SDK's store key names. */
export const STORE_NAMES = [AuthStoreKey, BankStoreKey, CONSENSUS_STORE] as const;

/** Module accounts and what they may do with the bank. */
export const MODULE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  [FeeCollectorName]: [],
  [GOV_MODULE]: [Permission.Burner],
};

export interface HyperMeshAppOptions {
  chainId: string;
  version: string;
  cms: CommitMultiStore;
  minGasPrices: DecCoins;
  genesisCodec: GenesisCodec;
  logger?: Logger;
}

export function createHyperMeshApp(opts: HyperMeshAppOptions) {
  const addrs = accountAddresses;
  const authority = addrs.encode(moduleAddress(GOV_MODULE));
  // module accounts cannot receive funds by MsgSend, except gov (deposits come by their own msgs)
  const blocked = new Set(
    Object.keys(MODULE_PERMISSIONS)
      .filter((m) => m !== GOV_MODULE)
      .map((m) => addrs.encode(moduleAddress(m))),
  );

  const auth = new AuthKeeper({ addressCodec: addrs, modulePermissions: MODULE_PERMISSIONS, extraAccountTypes: vestingAccountTypes });
  const bank = new BankKeeper({ accounts: auth, blocked });

  const registry = new TypeRegistry();
  const app = new BaseApp({
    name: APP_NAME,
    version: opts.version,
    chainId: opts.chainId,
    cms: opts.cms,
    registry,
    modules: [authModule(auth), bankModule(bank, addrs, authority), vestingModule(auth, bank)],
    ante: {
      auth,
      bank,
      amino: new AminoTypes(createDefaultAminoConverters()),
      verifier: defaultVerifier,
      verified: new LruCache(100_000),
      minGasPrices: opts.minGasPrices,
    },
    genesisCodec: opts.genesisCodec,
    logger: opts.logger,
  });
  return { app, keepers: { auth, bank }, registry, authority };
}
