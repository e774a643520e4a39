/** In-process harness for x/resource tests: an app with resource params, signers, msg builders, queries. */
import type { EncodeObject } from '@cosmjs/proto-signing';
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { GenesisState } from '../../src/gen/hypermesh/resource/v1/genesis';
import { Params } from '../../src/gen/hypermesh/resource/v1/params';
import type { Capacity } from '../../src/gen/hypermesh/resource/v1/resource';
import { toSdkJsonOf } from '../../src/codec/proto_json';
import { createResourceAminoConverters, generateNodeKey, nodeKeyFromSeed, resourceTypes, signHeartbeat, signNodeRegistration, type NodeKey } from '../../src/sdk/resource';
import { CHAIN_ID, FEE, query, Signers, startTestApp, type TestApp } from '../../test/helpers/test_app';
import { registry, signTx } from '../../test/helpers/tx_builder';
import { accountAddresses } from '../../src/crypto/address';
import { DEFAULT_PARAMS as STAKING_DEFAULTS } from '../staking/params';
import { DEFAULT_PARAMS } from './params';
import { resourceInvariants } from './invariants';
import type { ResourceKeeper } from './keeper';
import { Dec } from '../../src/types/dec';

for (const [url, type] of resourceTypes) if (!registry.lookupType(url)) registry.register(url, type);
void createResourceAminoConverters;

export const INTERVAL = 600n; // seconds per liveness window; blocks are 1 s apart unless a test advances time
export const HYPER = 1_000_000n;

export const TEST_PARAMS: Params = Params.fromPartial({
  ...DEFAULT_PARAMS,
  minBond: (10n * HYPER).toString(),
  unbondingSeconds: 30n,
  heartbeatIntervalSeconds: INTERVAL,
  mintHorizonSeconds: 3600n * 10n, // 10 hours: 1 vCPU backs 10 rcpu
  minLeaseSeconds: 600n,
  maxMissedWindows: 2n,
  reputationDecay: Dec.fromString('0.1').toProto(),
});

export async function setupResource(n = 6, params: Partial<Params> = {}, opts: { auditors?: number[] } = {}) {
  const s0 = await Signers.create(undefined as never, n);
  const auditors = (opts.auditors ?? [n - 1]).map((i) => s0.keys[i].address);
  const resourceGenesis = GenesisState.fromPartial({ params: { ...TEST_PARAMS, auditors, ...params }, nextLeaseId: 1n });
  const t = await startTestApp(
    s0.keys.map((k) => ({ address: k.address, uhyper: 1_000_000_000_000n })),
    {
      genesis: {
        resource: toSdkJsonOf(GenesisState, resourceGenesis),
        staking: StakingGenesis.toJSON(StakingGenesis.fromPartial({ params: { ...STAKING_DEFAULTS, unbondingTime: { seconds: 1000n, nanos: 0 } }, lastTotalPower: new TextEncoder().encode('0') })),
      },
    },
  );
  const s = new Signers(t, s0.keys);
  /** A tx of key i with its account number and sequence read from the committed state (a tx refused before its ante handler bumps nothing). */
  const tx = async (i: number, msgs: EncodeObject[]) => {
    // before the first block nothing is committed: genesis gave account i number i
    const acc = t.height > 0 ? t.keepers.auth.getAccount(t.app.readCtx(t.height), accountAddresses.decode(s.keys[i].address))?.base : undefined;
    return signTx(s.keys[i], msgs, { chainId: CHAIN_ID, accountNumber: acc?.accountNumber ?? BigInt(i), sequence: acc?.sequence ?? 0n, fee: FEE });
  };
  /** Runs msgs signed by key i in a block `advance` seconds after the last; returns the result. */
  const result = async (i: number, msgs: EncodeObject[], advance = 1n) => (await t.block([await tx(i, msgs)], { timeSeconds: t.time + advance }))[0];
  /** Like `result`, throwing with the log when the tx fails. */
  const run = async (i: number, msgs: EncodeObject[], advance = 1n) => {
    const r = await result(i, msgs, advance);
    if (r.code !== 0) throw new Error(`tx failed: ${r.codespace}/${r.code}: ${r.log}`);
    return r;
  };
  /** An empty block `advance` seconds after the last. */
  const tick = (advance = INTERVAL) => t.block([], { timeSeconds: t.time + advance });
  return { t, s, k: t.keepers.resource as ResourceKeeper, addr: (i: number) => s.keys[i].address, tx, run, result, tick };
}

export type Setup = Awaited<ReturnType<typeof setupResource>>;

export const msg = (typeUrl: string, value: object): EncodeObject => ({ typeUrl: `/hypermesh.resource.v1.${typeUrl}`, value });

export function registerProvider(provider: string, bond: bigint, o: { validator?: string; prices?: { denom: string; price: string }[]; moniker?: string } = {}) {
  return msg('MsgRegisterProvider', { provider, moniker: o.moniker ?? 'p', contact: 'ops@example.com', validator: o.validator ?? '', bond: { denom: 'uhyper', amount: bond.toString() }, prices: o.prices ?? [] });
}

export function registerNode(provider: string, key: NodeKey, capacity: Partial<Capacity>, o: { chainId?: string; signer?: NodeKey; attributes?: { key: string; value: string }[] } = {}) {
  return msg('MsgRegisterNode', {
    provider,
    nodeId: key.nodeId,
    clusterId: 'c1',
    region: 'eu-west',
    capacity,
    attributes: o.attributes ?? [{ key: 'arch', value: 'x86_64' }],
    nodeSignature: signNodeRegistration(o.signer ?? key, o.chainId ?? CHAIN_ID, provider),
  });
}

export function audit(auditor: string, key: NodeKey, capacity: Partial<Capacity>) {
  return msg('MsgSignAttributes', { auditor, nodeId: key.nodeId, attributes: [{ key: 'tier', value: 'audited' }], capacity });
}

/** Heartbeats of nodes, sequences from `seq`, at the last committed height. */
export function heartbeats(t: TestApp, submitter: string, nodes: { key: NodeKey; seq: bigint; used?: Partial<Capacity>; signer?: NodeKey }[]) {
  return msg('MsgHeartbeat', {
    submitter,
    heartbeats: nodes.map((n) => {
      const hb = signHeartbeat(n.signer ?? n.key, CHAIN_ID, { sequence: n.seq, height: BigInt(Math.max(1, t.height)), used: n.used ?? {} });
      return { ...hb, nodeId: n.key.nodeId };
    }),
  });
}

export const mint = (provider: string, amount: bigint, denom = 'rcpu') => msg('MsgMint', { provider, amount: { denom, amount: amount.toString() } });
export const redeem = (consumer: string, amount: bigint, duration: bigint, o: { provider?: string; nodeId?: string; denom?: string } = {}) =>
  msg('MsgRedeem', { consumer, amount: { denom: o.denom ?? 'rcpu', amount: amount.toString() }, durationSeconds: duration, provider: o.provider ?? '', nodeId: o.nodeId ?? '' });
export const send = (from: string, to: string, amount: bigint, denom: string) =>
  ({ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: { fromAddress: from, toAddress: to, amount: [{ denom, amount: amount.toString() }] } }) as EncodeObject;

export function balance(t: TestApp, address: string, denom: string): bigint {
  return BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom }).balance?.amount ?? '0');
}

/** A read context on the last committed state. */
export function readCtx(t: TestApp) {
  return t.app.readCtx(t.height);
}

export function invariants(t: TestApp, k: ResourceKeeper): string[] {
  return resourceInvariants(k, readCtx(t));
}

export { nodeKeyFromSeed, generateNodeKey, CHAIN_ID };
export const nodeKey = (i: number) => nodeKeyFromSeed(Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j) & 0xff));
