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
import type { Logger } from '../abci/logger';
import { BaseApp, type GenesisCodec } from './base_app';
import type { AppModule } from './module';
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

/** The keepers and modules, in genesis order: everything but the store and the ABCI pipeline. */
export function buildModules() {
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

  const modules: AppModule[] = [authModule(auth), bankModule(bank, addrs, authority), vestingModule(auth, bank)];
  return { modules, keepers: { auth, bank }, authority };
}

/** genesis.json's app_state with every module's default genesis. */
export function defaultAppState(codec: GenesisCodec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of buildModules().modules) if (m.genesis) out[m.name] = codec.encode(m.genesis, m.genesis.default());
  return out;
}

export function createHyperMeshApp(opts: HyperMeshAppOptions) {
  const { modules, keepers, authority } = buildModules();
  const registry = new TypeRegistry();
  const app = new BaseApp({
    name: APP_NAME,
    version: opts.version,
    chainId: opts.chainId,
    cms: opts.cms,
    registry,
    modules,
    ante: {
      auth: keepers.auth,
      bank: keepers.bank,
      amino: new AminoTypes(createDefaultAminoConverters()),
      verifier: defaultVerifier,
      verified: new LruCache(100_000),
      minGasPrices: opts.minGasPrices,
    },
    genesisCodec: opts.genesisCodec,
    logger: opts.logger,
  });
  return { app, keepers, registry, authority };
}
