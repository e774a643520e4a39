/**
 * In-process harness for x/market tests: an app with market and resource params, funded signers
 * (uhyper and, for book tests, resource tokens from genesis), msg builders, queries, invariants.
 */
import type { EncodeObject } from '@cosmjs/proto-signing';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { GenesisState as MarketGenesis } from '../../src/gen/hypermesh/market/v1/genesis';
import { Params as MarketParams } from '../../src/gen/hypermesh/market/v1/params';
import { GenesisState as ResourceGenesis } from '../../src/gen/hypermesh/resource/v1/genesis';
import { Params as ResourceParams } from '../../src/gen/hypermesh/resource/v1/params';
import { toSdkJsonOf } from '../../src/codec/proto_json';
import { accountAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { marketTypes, placeOrderMsg, type PlaceOrderFields } from '../../src/sdk/market';
import { resourceTypes } from '../../src/sdk/resource';
import { sortCoins } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import { CHAIN_ID, FEE, query, Signers, startTestApp, type TestApp } from '../../test/helpers/test_app';
import { registry, signTx } from '../../test/helpers/tx_builder';
import { DEFAULT_PARAMS as BANK_DEFAULTS } from '../bank/params';
import { DEFAULT_PARAMS as STAKING_DEFAULTS } from '../staking/params';
import { TEST_PARAMS as RESOURCE_TEST_PARAMS } from '../resource/test_helpers';
import { resourceInvariants } from '../resource/invariants';
import type { ResourceKeeper } from '../resource/keeper';
import { marketInvariants } from './invariants';
import type { MarketKeeper } from './keeper';
import { DEFAULT_PARAMS } from './params';

for (const [url, type] of [...resourceTypes, ...marketTypes]) if (!registry.lookupType(url)) registry.register(url, type);

export const HYPER = 1_000_000n;
export const UHYPER_EACH = 1_000_000_000_000n;
export const MARKET_ADDRESS = accountAddresses.encode(moduleAddress('market'));
export const POOL_ADDRESS = accountAddresses.encode(moduleAddress('distribution'));

export const TEST_MARKET_PARAMS: MarketParams = MarketParams.fromPartial({
  ...DEFAULT_PARAMS,
  minBiddingBlocks: 1n,
  minLeaseBlocks: 2n,
  blockSeconds: 1n,
});

export interface MarketSetupOptions {
  n?: number;
  market?: Partial<MarketParams>;
  resource?: Partial<ResourceParams>;
  /** resource tokens each signer holds at genesis (book tests; they bypass x/resource's minting) */
  tokens?: Record<string, bigint>;
  auditors?: number[];
}

export async function setupMarket(o: MarketSetupOptions = {}) {
  const n = o.n ?? 6;
  const s0 = await Signers.create(undefined as never, n);
  const auditors = (o.auditors ?? [n - 1]).map((i) => s0.keys[i].address);
  const tokens = o.tokens ?? {};
  const balances = s0.keys.map((k) => ({
    address: k.address,
    coins: sortCoins([{ denom: 'uhyper', amount: UHYPER_EACH }, ...Object.entries(tokens).map(([denom, amount]) => ({ denom, amount }))]).map((c) => ({ denom: c.denom, amount: c.amount.toString() })),
  }));
  const t = await startTestApp(
    s0.keys.map((k) => ({ address: k.address, uhyper: UHYPER_EACH })),
    {
      genesis: {
        bank: BankGenesis.toJSON(BankGenesis.fromPartial({ params: BANK_DEFAULTS, balances })),
        market: toSdkJsonOf(MarketGenesis, MarketGenesis.fromPartial({ params: { ...TEST_MARKET_PARAMS, ...o.market }, nextOrderId: 1n, nextTradeId: 1n, nextRequestId: 1n, nextLeaseId: 1n, nextRestSequence: 1n, nextBidSequence: 1n })),
        resource: toSdkJsonOf(ResourceGenesis, ResourceGenesis.fromPartial({ params: { ...RESOURCE_TEST_PARAMS, auditors, ...o.resource }, nextLeaseId: 1n })),
        staking: StakingGenesis.toJSON(StakingGenesis.fromPartial({ params: { ...STAKING_DEFAULTS, unbondingTime: { seconds: 1000n, nanos: 0 } }, lastTotalPower: new TextEncoder().encode('0') })),
      },
    },
  );
  const s = new Signers(t, s0.keys);
  /** A tx of key i with its account number and sequence read from the committed state. */
  const tx = async (i: number, msgs: EncodeObject[]) => {
    const acc = t.height > 0 ? t.keepers.auth.getAccount(t.app.readCtx(t.height), accountAddresses.decode(s.keys[i].address))?.base : undefined;
    return signTx(s.keys[i], msgs, { chainId: CHAIN_ID, accountNumber: acc?.accountNumber ?? BigInt(i), sequence: acc?.sequence ?? 0n, fee: FEE });
  };
  const result = async (i: number, msgs: EncodeObject[], advance = 1n) => (await t.block([await tx(i, msgs)], { timeSeconds: t.time + advance }))[0];
  const run = async (i: number, msgs: EncodeObject[], advance = 1n) => {
    const r = await result(i, msgs, advance);
    if (r.code !== 0) throw new Error(`tx failed: ${r.codespace}/${r.code}: ${r.log}`);
    return r;
  };
  /** One block with a tx per entry (each signer at most once), `advance` seconds after the last. */
  const block = async (entries: [number, EncodeObject[]][], advance = 1n) => t.block(await Promise.all(entries.map(([i, msgs]) => tx(i, msgs))), { timeSeconds: t.time + advance });
  const tick = (advance = 1n) => t.block([], { timeSeconds: t.time + advance });
  const ctx = () => t.app.readCtx(t.height);
  return {
    t,
    marketParams: MarketParams.fromPartial({ ...TEST_MARKET_PARAMS, ...o.market }),
    /** genesis gave resource tokens outside x/resource's minting: its liability invariant cannot hold */
    genesisTokens: Object.keys(tokens).length > 0,
    s,
    k: t.keepers.market as MarketKeeper,
    rk: t.keepers.resource as ResourceKeeper,
    addr: (i: number) => s.keys[i].address,
    tx,
    run,
    result,
    block,
    tick,
    ctx,
  };
}

export type MarketSetup = Awaited<ReturnType<typeof setupMarket>>;

export const mmsg = (typeUrl: string, value: object): EncodeObject => ({ typeUrl: `/hypermesh.market.v1.${typeUrl}`, value });

export function order(f: PlaceOrderFields): EncodeObject {
  return placeOrderMsg(f);
}

export const cancel = (owner: string, orderId: bigint) => mmsg('MsgCancelOrder', { owner, orderId });

export function balance(t: TestApp, address: string, denom: string): bigint {
  return BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom }).balance?.amount ?? '0');
}

export function supply(x: MarketSetup, denom: string): bigint {
  return x.t.keepers.bank.getSupply(x.ctx(), denom);
}

/** x/market's invariants, and x/resource's unless genesis handed out resource tokens. */
export function invariants(x: MarketSetup): string[] {
  return [...marketInvariants(x.k, x.ctx()), ...(x.genesisTokens ? [] : resourceInvariants(x.rk, x.ctx()))];
}

export const price = (s: string) => Dec.fromString(s).toProto();
export { CHAIN_ID };

// --- workloads: providers with audited, live nodes; requests and bids ---------------------------

import { audit as auditMsg, heartbeats as heartbeatsMsg, nodeKey as resourceNodeKey, registerNode as registerNodeMsg, registerProvider as registerProviderMsg } from '../resource/test_helpers';
import type { NodeKey } from '../../src/sdk/resource';
import type { SlaTerms } from '../../src/gen/hypermesh/market/v1/market';

export { auditMsg, heartbeatsMsg, registerNodeMsg, registerProviderMsg };
export const nodeKey = (i: number) => resourceNodeKey(100 + i);

/** Registers provider i with one node (cpu millicores), audited by the auditor with `tier=audited` unless `audited` is false. */
export async function provider(x: MarketSetup, i: number, node: NodeKey, o: { cpu?: bigint; audited?: boolean; region?: string; bond?: bigint; auditor?: number } = {}) {
  const cpu = o.cpu ?? 64_000n;
  await x.run(i, [registerProviderMsg(x.addr(i), o.bond ?? 100n * HYPER), registerNodeMsg(x.addr(i), node, { cpuMillicores: cpu, memoryBytes: 64n << 30n })]);
  if (o.audited !== false) await x.run(o.auditor ?? 5, [auditMsg(x.addr(o.auditor ?? 5), node, { cpuMillicores: cpu, memoryBytes: 64n << 30n })]);
}

export interface RequestFields {
  consumer: string;
  resources: [string, bigint][];
  maxPrices: [string, string][];
  durationBlocks: bigint;
  biddingBlocks?: bigint;
  region?: string;
  attributes?: [string, string][];
  minReputation?: string;
  sla?: Partial<SlaTerms>;
  priorityFee?: bigint;
}

export function createRequestMsg(f: RequestFields): EncodeObject {
  return mmsg('MsgCreateRequest', {
    consumer: f.consumer,
    resources: f.resources.map(([denom, amount]) => ({ denom, amount: amount.toString() })),
    maxPrices: f.maxPrices.map(([denom, p]) => ({ denom, price: price(p) })),
    durationBlocks: f.durationBlocks,
    biddingBlocks: f.biddingBlocks ?? 2n,
    region: f.region ?? '',
    attributes: (f.attributes ?? []).map(([key, value]) => ({ key, value })),
    minReputation: f.minReputation ? price(f.minReputation) : '',
    sla: { uptimeBps: 0, heartbeatIntervalSeconds: 0n, maxMissedWindows: 0, penalty: '', penaltyBondFraction: '', ...f.sla },
    priorityFee: f.priorityFee ? f.priorityFee.toString() : '',
  });
}

export function bidMsg(providerAddr: string, requestId: bigint, node: NodeKey, prices: [string, string][]): EncodeObject {
  return mmsg('MsgBid', { provider: providerAddr, requestId, nodeId: node.nodeId, prices: prices.map(([denom, p]) => ({ denom, price: price(p) })) });
}
