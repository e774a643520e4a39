/**
 * HyperMeshApp: the one file that wires the modules. The order of construction is the
 * dependency graph; each keeper gets exactly the other keepers it declares it needs.
 */
import { AminoTypes, createDefaultAminoConverters } from '@cosmjs/stargate';
import { accountAddresses, consensusAddresses, validatorAddresses } from '../crypto/address';
import { LruCache } from '../crypto/lru';
import { moduleAddress } from '../crypto/module_address';
import { defaultVerifier } from '../crypto/verify';
import type { VerifyPool } from '../crypto/verify_pool';
import { decodeTx } from '../codec/tx_decoder';
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
import { vestingAccountTypes, vestingDelegationTracker } from '../../x/vesting/vesting_accounts';
import { genutilModule, type GenesisTxDeliverer } from '../../x/staking/genutil';
import { StakingKeeper } from '../../x/staking/keeper';
import { BondedPoolName, NotBondedPoolName, StoreKey as StakingStoreKey } from '../../x/staking/keys';
import { hyperStakingModule, stakingModule } from '../../x/staking/module';
import { slashingHooks } from '../../x/slashing/hooks';
import { SlashingKeeper } from '../../x/slashing/keeper';
import { StoreKey as SlashingStoreKey } from '../../x/slashing/keys';
import { hyperSlashingModule, slashingModule } from '../../x/slashing/module';
import { distributionHooks } from '../../x/distribution/hooks';
import { DistributionKeeper } from '../../x/distribution/keeper';
import { ModuleName as DistributionName, StoreKey as DistributionStoreKey } from '../../x/distribution/keys';
import { distributionModule, hyperDistributionModule } from '../../x/distribution/module';
import { MintKeeper } from '../../x/mint/keeper';
import { ModuleName as MintName, StoreKey as MintStoreKey } from '../../x/mint/keys';
import { mintModule } from '../../x/mint/module';
import { vestingModule } from '../../x/vesting/module';
import { createGovAminoConverters } from '../sdk/gov/amino';
import { createSlashingAminoConverters } from '../sdk/slashing/amino';
import { GovKeeper } from '../../x/gov/keeper';
import { StoreKey as GovStoreKey } from '../../x/gov/keys';
import { govModule, hyperGovModule } from '../../x/gov/module';
import { UpgradeKeeper, type UpgradeHandler } from '../../x/upgrade/keeper';
import { StoreKey as UpgradeStoreKey } from '../../x/upgrade/keys';
import { upgradeModule } from '../../x/upgrade/module';
import { IbcKeeper, ibcModule } from '../../x/ibc/module';
import { StoreKey as IbcStoreKey } from '../../x/ibc/keys';
import { TransferKeeper } from '../../x/transfer/keeper';
import { transferIbcModule } from '../../x/transfer/ibc_module';
import { ModuleName as TransferName, PortId as TransferPort, StoreKey as TransferStoreKey } from '../../x/transfer/keys';
import { transferModule } from '../../x/transfer/module';
import { ResourceKeeper } from '../../x/resource/keeper';
import { ModuleName as ResourceName, StoreKey as ResourceStoreKey } from '../../x/resource/keys';
import { resourceModule } from '../../x/resource/module';
import type { ResourceScoreProvider } from '../../x/staking/expected_keepers';
import { createResourceAminoConverters } from '../sdk/resource/amino';
import { resourceMarketApi } from '../../x/resource/market_api';
import { MarketKeeper } from '../../x/market/keeper';
import { marketResourceHooks } from '../../x/market/hooks';
import { ModuleName as MarketName, StoreKey as MarketStoreKey } from '../../x/market/keys';
import { marketModule } from '../../x/market/module';
import { createMarketAminoConverters } from '../sdk/market/amino';
import { PaychKeeper } from '../../x/paych/keeper';
import { ModuleName as PaychName, StoreKey as PaychStoreKey } from '../../x/paych/keys';
import { paychModule } from '../../x/paych/module';
import { createPaychAminoConverters } from '../sdk/paych/amino';
import type { Logger } from '../abci/logger';
import { BaseApp, type GenesisCodec } from './base_app';
import type { AppModule } from './module';
import { CONSENSUS_STORE } from './consensus_state';
import { runTx } from './run_tx';
import type { AnteDeps } from './ante/ante_handler';

export const APP_NAME = 'hypermesh';
export const GOV_MODULE = 'gov';

/** Every module store, by the SDK's store key names. */
export const STORE_NAMES = [AuthStoreKey, BankStoreKey, CONSENSUS_STORE, StakingStoreKey, SlashingStoreKey, DistributionStoreKey, MintStoreKey, ResourceStoreKey, GovStoreKey, UpgradeStoreKey, IbcStoreKey, TransferStoreKey, MarketStoreKey, PaychStoreKey] as const;

/**
 * Software upgrades this binary knows: plan name → handler, run in BeginBlock of the plan's height
 * (x/upgrade). A plan whose name is missing here halts the chain at its height.
 */
export const UPGRADE_HANDLERS: Readonly<Record<string, UpgradeHandler>> = {};

/**
 * TEST ONLY: `HYPERMESH_TEST_UPGRADE_HANDLER=<name>` registers a no-op handler for <name>, so an
 * e2e test can halt a chain at an upgrade height and restart it as "the new binary". Read once,
 * when the app is built, never by the state machine; never set it on a real network.
 */
export const TEST_UPGRADE_HANDLER_ENV = 'HYPERMESH_TEST_UPGRADE_HANDLER';

function upgradeHandlers(): Map<string, UpgradeHandler> {
  const handlers = new Map(Object.entries(UPGRADE_HANDLERS));
  const testName = process.env[TEST_UPGRADE_HANDLER_ENV];
  if (testName) handlers.set(testName, () => undefined);
  return handlers;
}

/** Module accounts and what they may do with the bank. */
export const MODULE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  // burner: x/distribution burns burn_fraction of each block's fees from here
  [FeeCollectorName]: [Permission.Burner],
  [GOV_MODULE]: [Permission.Burner],
  [BondedPoolName]: [Permission.Burner, Permission.Staking],
  [NotBondedPoolName]: [Permission.Burner, Permission.Staking],
  [DistributionName]: [],
  [MintName]: [Permission.Minter],
  // x/resource: escrows provider bonds; mints resource tokens, burns redeemed ones
  [ResourceName]: [Permission.Minter, Permission.Burner],
  // x/transfer: mints vouchers of incoming tokens, burns them when they leave
  [TransferName]: [Permission.Minter, Permission.Burner],
  // x/market: escrows orders, requests and leases; burns priority fees and the burned share of trading fees
  [MarketName]: [Permission.Burner],
  // x/paych: holds channel deposits
  [PaychName]: [],
};

export interface HyperMeshAppOptions {
  chainId: string;
  version: string;
  cms: CommitMultiStore;
  minGasPrices: DecCoins;
  genesisCodec: GenesisCodec;
  logger?: Logger;
  verifyPool?: VerifyPool;
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
  const bank = new BankKeeper({ accounts: auth, blocked, delegationTracker: vestingDelegationTracker(auth) });
  // x/resource scores validators for staking, and needs staking and slashing itself: staking reads
  // the scores through this forwarder, bound once the resource keeper exists (below).
  const resourceScores: { provider?: ResourceScoreProvider } = {};
  const staking = new StakingKeeper({
    accounts: auth,
    bank,
    addressCodec: addrs,
    validatorAddressCodec: validatorAddresses,
    consensusAddressCodec: consensusAddresses,
    authority,
    resourceScores: { resourceScore: (ctx, valoper) => resourceScores.provider!.resourceScore(ctx, valoper) },
  });
  const slashing = new SlashingKeeper({ staking, authority });
  const distribution = new DistributionKeeper({ accounts: auth, bank, staking, feeCollectorName: FeeCollectorName, authority });
  const mint = new MintKeeper({ accounts: auth, bank, staking, feeCollectorName: FeeCollectorName, authority });
  const gov = new GovKeeper({ accounts: auth, bank, staking, distribution, authority });
  staking.setHooks(distributionHooks(distribution), slashingHooks(slashing));
  const resource = new ResourceKeeper({
    accounts: auth,
    bank,
    validators: staking,
    fraudSlasher: slashing,
    communityPool: {
      fundCommunityPool: (ctx, amount, sender) => distribution.fundCommunityPool(ctx, amount, sender),
      poolAddress: addrs.encode(moduleAddress(DistributionName)),
    },
    authority,
  });
  resourceScores.provider = resource;
  // x/market: order books, auctions, leases with escrow streams and SLA; its TWAP is x/resource's
  // reference price, and x/resource tells it of every settled period and close of its leases
  const market = new MarketKeeper({ accounts: auth, bank, communityPool: distribution, resource: resourceMarketApi(resource), authority });
  resource.setReferencePriceProvider(market);
  resource.setHooks(marketResourceHooks(market));
  const paych = new PaychKeeper({ accounts: auth, bank, authority });
  // IBC: the 07-tendermint client checks counterparties' clients of this chain against staking's
  // historical info; ICS-20 transfer is bound to port "transfer"
  const ibc = new IbcKeeper({
    staking: { historicalInfo: (ctx, h) => staking.state.historicalInfo.get(ctx, h), unbondingTimeNs: (ctx) => staking.unbondingTimeNs(ctx) },
    verifier: defaultVerifier,
  });
  const transfer = new TransferKeeper({ bank, channels: ibc.channels, addrs });
  ibc.ports.bind(TransferPort, transferIbcModule(transfer));
  // gen_txs run through the tx pipeline, which exists once BaseApp does (createHyperMeshApp)
  const genesisTxs: GenesisTxDeliverer = {};

  // The order is genesis order and BeginBlock/EndBlock order: mint, distribution, slashing, then
  // staking (as the SDK's simapp); staking's genesis runs its hooks into the modules before it,
  // genutil (gentxs) runs last. EndBlock: distribution burns the block's fees, staking updates the set.
  // x/upgrade comes first: its BeginBlock (the SDK's PreBlocker) halts or upgrades before anything
  // else runs; gov's EndBlock runs before staking's (as the SDK's simapp).
  // every app module gets version 1 in the upgrade module's version map (read when first needed)
  const upgrade = new UpgradeKeeper({ authority, handlers: upgradeHandlers(), moduleNames: () => modules.map((m) => m.name) });
  const modules: AppModule[] = [
    upgradeModule(upgrade, addrs),
    authModule(auth, authority),
    bankModule(bank, addrs, authority),
    vestingModule(auth, bank),
    mintModule(mint, authority),
    distributionModule(distribution, authority),
    hyperDistributionModule(distribution, authority),
    slashingModule(slashing, addrs, authority),
    hyperSlashingModule(slashing, authority),
    govModule(gov),
    hyperGovModule(gov),
    stakingModule(staking, authority),
    hyperStakingModule(staking, authority),
    resourceModule(resource, addrs, authority),
    marketModule(market, addrs, authority),
    paychModule(paych, addrs, authority),
    ibcModule(ibc, addrs),
    transferModule(transfer, bank, addrs),
    genutilModule(staking, genesisTxs),
  ];
  return { modules, keepers: { auth, bank, staking, slashing, distribution, mint, resource, market, paych, gov, upgrade, ibc, transfer }, authority, genesisTxs };
}

/** genesis.json's app_state with every module's default genesis. */
export function defaultAppState(codec: GenesisCodec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of buildModules().modules) if (m.genesis) out[m.name] = codec.encode(m.genesis, m.genesis.default());
  return out;
}

export function createHyperMeshApp(opts: HyperMeshAppOptions) {
  const { modules, keepers, authority, genesisTxs } = buildModules();
  const registry = new TypeRegistry();
  const ante: Omit<AnteDeps, 'router'> = {
    auth: keepers.auth,
    bank: keepers.bank,
    amino: new AminoTypes({ ...createDefaultAminoConverters(), ...createResourceAminoConverters(), ...createGovAminoConverters(), ...createMarketAminoConverters(), ...createSlashingAminoConverters() }),
    verifier: defaultVerifier,
    verified: new LruCache(100_000),
    minGasPrices: opts.minGasPrices,
  };
  const app = new BaseApp({
    name: APP_NAME,
    version: opts.version,
    chainId: opts.chainId,
    cms: opts.cms,
    registry,
    modules,
    ante,
    genesisCodec: opts.genesisCodec,
    logger: opts.logger,
    verifyPool: opts.verifyPool,
  });
  keepers.gov.setRouters(app.msgRouter, app.queryRouter);
  genesisTxs.deliver = (ctx, raw) => {
    let decoded;
    try {
      decoded = decodeTx(raw, registry);
    } catch (e) {
      decoded = e as Error;
    }
    return runTx({ router: app.msgRouter, ante: { ...ante, router: app.msgRouter } }, ctx, decoded);
  };
  return { app, keepers, registry, authority };
}
