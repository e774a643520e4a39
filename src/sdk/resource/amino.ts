/**
 * Amino JSON converters for x/resource Msgs (SIGN_MODE_LEGACY_AMINO_JSON: Ledger, Keplr's amino
 * path). The chain's ante handler uses these same converters to rebuild the sign bytes, so the two
 * agree by construction. Rules, as the SDK's aminojson encoder: proto field names, zero values
 * omitted except fields marked dont_omitempty (the Coins and Capacity of a message), 64-bit
 * integers as decimal strings, bytes as base64, enums as numbers. fromAmino(toAmino(m)) = m.
 */
import type { AminoConverters } from '@cosmjs/stargate';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Params } from '../../gen/hypermesh/resource/v1/params';
import { Capacity, Heartbeat, type Attribute, type Price } from '../../gen/hypermesh/resource/v1/resource';
import {
  MsgAddBond,
  MsgChallenge,
  MsgHeartbeat,
  MsgMint,
  MsgRedeem,
  MsgRegisterNode,
  MsgRegisterProvider,
  MsgRetire,
  MsgSignAttributes,
  MsgUnbondProvider,
  MsgUpdateParams,
  MsgUpdateProvider,
} from '../../gen/hypermesh/resource/v1/tx';
import * as urls from './messages';

type Json = Record<string, unknown>;

/** Drops undefined entries (zero values mapped to undefined below). */
function obj(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}
const s = (v: string) => (v === '' ? undefined : v);
const u64 = (v: bigint) => (v === 0n ? undefined : v.toString());
const big = (v: unknown) => BigInt((v as string | undefined) ?? '0');
const str = (v: unknown) => (v as string | undefined) ?? '';
const num = (v: number) => (v === 0 ? undefined : v);
const list = <T>(v: readonly T[], f: (x: T) => unknown) => (v.length === 0 ? undefined : v.map(f));
const listFrom = <T>(v: unknown, f: (x: Json) => T): T[] => ((v as Json[] | undefined) ?? []).map(f);

const coinTo = (c: Coin | undefined) => ({ denom: c?.denom ?? '', amount: c?.amount ?? '' });
const coinFrom = (a: unknown): Coin => ({ denom: str((a as Json | undefined)?.denom), amount: str((a as Json | undefined)?.amount) });

const capacityTo = (c: Capacity | undefined) => {
  const x = Capacity.fromPartial(c ?? {});
  return obj({
    cpu_millicores: u64(x.cpuMillicores),
    memory_bytes: u64(x.memoryBytes),
    storage_bytes: u64(x.storageBytes),
    network_bytes_per_second: u64(x.networkBytesPerSecond),
  });
};
const capacityFrom = (a: unknown): Capacity => {
  const j = (a as Json | undefined) ?? {};
  return { cpuMillicores: big(j.cpu_millicores), memoryBytes: big(j.memory_bytes), storageBytes: big(j.storage_bytes), networkBytesPerSecond: big(j.network_bytes_per_second) };
};
const attrTo = (a: Attribute) => obj({ key: s(a.key), value: s(a.value) });
const attrFrom = (j: Json): Attribute => ({ key: str(j.key), value: str(j.value) });
const priceTo = (p: Price) => obj({ denom: s(p.denom), price: s(p.price) });
const priceFrom = (j: Json): Price => ({ denom: str(j.denom), price: str(j.price) });

const heartbeatTo = (h: Heartbeat) =>
  obj({
    node_id: s(h.nodeId),
    sequence: u64(h.sequence),
    height: h.height === 0n ? undefined : h.height.toString(),
    used: capacityTo(h.used),
    signature: h.signature.length === 0 ? undefined : Buffer.from(h.signature).toString('base64'),
  });
const heartbeatFrom = (j: Json): Heartbeat => ({
  nodeId: str(j.node_id),
  sequence: big(j.sequence),
  height: big(j.height),
  used: capacityFrom(j.used),
  signature: j.signature ? new Uint8Array(Buffer.from(j.signature as string, 'base64')) : new Uint8Array(),
});

const U64_PARAMS = [
  ['unbonding_seconds', 'unbondingSeconds'],
  ['heartbeat_interval_seconds', 'heartbeatIntervalSeconds'],
  ['heartbeat_max_age_blocks', 'heartbeatMaxAgeBlocks'],
  ['heartbeat_gas', 'heartbeatGas'],
  ['mint_horizon_seconds', 'mintHorizonSeconds'],
  ['min_lease_seconds', 'minLeaseSeconds'],
  ['max_lease_seconds', 'maxLeaseSeconds'],
  ['max_missed_windows', 'maxMissedWindows'],
  ['age_maturity_seconds', 'ageMaturitySeconds'],
] as const;
const STRING_PARAMS = [
  ['min_bond', 'minBond'],
  ['collateral_ratio', 'collateralRatio'],
  ['fraud_slash_fraction', 'fraudSlashFraction'],
  ['reputation_decay', 'reputationDecay'],
  ['uptime_weight', 'uptimeWeight'],
  ['lease_weight', 'leaseWeight'],
  ['sla_weight', 'slaWeight'],
  ['age_weight', 'ageWeight'],
  ['bond_weight', 'bondWeight'],
  ['bond_maturity', 'bondMaturity'],
] as const;

const paramsTo = (p: Params | undefined) => {
  const x = Params.fromPartial(p ?? {});
  const out: Json = {};
  for (const [a, f] of STRING_PARAMS) out[a] = s(x[f]);
  for (const [a, f] of U64_PARAMS) out[a] = u64(x[f]);
  out.max_heartbeats_per_msg = num(x.maxHeartbeatsPerMsg);
  out.reference_prices = list(x.referencePrices, priceTo);
  out.auditors = list(x.auditors, (v) => v);
  out.require_audit = x.requireAudit ? true : undefined;
  return obj(out);
};
const paramsFrom = (j: Json): Params => {
  const out = Params.fromPartial({});
  for (const [a, f] of STRING_PARAMS) out[f] = str(j[a]);
  for (const [a, f] of U64_PARAMS) out[f] = big(j[a]);
  out.maxHeartbeatsPerMsg = Number(j.max_heartbeats_per_msg ?? 0);
  out.referencePrices = listFrom(j.reference_prices, priceFrom);
  out.auditors = ((j.auditors as string[] | undefined) ?? []).slice();
  out.requireAudit = j.require_audit === true;
  return out;
};

export function createResourceAminoConverters(): AminoConverters {
  return {
    [urls.MSG_REGISTER_PROVIDER]: {
      aminoType: 'hypermesh/resource/MsgRegisterProvider',
      toAmino: (m: MsgRegisterProvider) =>
        obj({ provider: s(m.provider), moniker: s(m.moniker), contact: s(m.contact), validator: s(m.validator), bond: coinTo(m.bond), prices: list(m.prices, priceTo) }),
      fromAmino: (j: Json): MsgRegisterProvider => ({
        provider: str(j.provider),
        moniker: str(j.moniker),
        contact: str(j.contact),
        validator: str(j.validator),
        bond: coinFrom(j.bond),
        prices: listFrom(j.prices, priceFrom),
      }),
    },
    [urls.MSG_UPDATE_PROVIDER]: {
      aminoType: 'hypermesh/resource/MsgUpdateProvider',
      toAmino: (m: MsgUpdateProvider) => obj({ provider: s(m.provider), moniker: s(m.moniker), contact: s(m.contact), validator: s(m.validator), prices: list(m.prices, priceTo) }),
      fromAmino: (j: Json): MsgUpdateProvider => ({
        provider: str(j.provider),
        moniker: str(j.moniker),
        contact: str(j.contact),
        validator: str(j.validator),
        prices: listFrom(j.prices, priceFrom),
      }),
    },
    [urls.MSG_ADD_BOND]: {
      aminoType: 'hypermesh/resource/MsgAddBond',
      toAmino: (m: MsgAddBond) => obj({ provider: s(m.provider), amount: coinTo(m.amount) }),
      fromAmino: (j: Json): MsgAddBond => ({ provider: str(j.provider), amount: coinFrom(j.amount) }),
    },
    [urls.MSG_UNBOND_PROVIDER]: {
      aminoType: 'hypermesh/resource/MsgUnbondProvider',
      toAmino: (m: MsgUnbondProvider) => obj({ provider: s(m.provider) }),
      fromAmino: (j: Json): MsgUnbondProvider => ({ provider: str(j.provider) }),
    },
    [urls.MSG_REGISTER_NODE]: {
      aminoType: 'hypermesh/resource/MsgRegisterNode',
      toAmino: (m: MsgRegisterNode) =>
        obj({
          provider: s(m.provider),
          node_id: s(m.nodeId),
          cluster_id: s(m.clusterId),
          region: s(m.region),
          capacity: capacityTo(m.capacity),
          attributes: list(m.attributes, attrTo),
          node_signature: m.nodeSignature.length === 0 ? undefined : Buffer.from(m.nodeSignature).toString('base64'),
        }),
      fromAmino: (j: Json): MsgRegisterNode => ({
        provider: str(j.provider),
        nodeId: str(j.node_id),
        clusterId: str(j.cluster_id),
        region: str(j.region),
        capacity: capacityFrom(j.capacity),
        attributes: listFrom(j.attributes, attrFrom),
        nodeSignature: j.node_signature ? new Uint8Array(Buffer.from(j.node_signature as string, 'base64')) : new Uint8Array(),
      }),
    },
    [urls.MSG_SIGN_ATTRIBUTES]: {
      aminoType: 'hypermesh/resource/MsgSignAttributes',
      toAmino: (m: MsgSignAttributes) => obj({ auditor: s(m.auditor), node_id: s(m.nodeId), attributes: list(m.attributes, attrTo), capacity: capacityTo(m.capacity) }),
      fromAmino: (j: Json): MsgSignAttributes => ({
        auditor: str(j.auditor),
        nodeId: str(j.node_id),
        attributes: listFrom(j.attributes, attrFrom),
        capacity: capacityFrom(j.capacity),
      }),
    },
    [urls.MSG_HEARTBEAT]: {
      aminoType: 'hypermesh/resource/MsgHeartbeat',
      toAmino: (m: MsgHeartbeat) => obj({ submitter: s(m.submitter), heartbeats: list(m.heartbeats, heartbeatTo) }),
      fromAmino: (j: Json): MsgHeartbeat => ({ submitter: str(j.submitter), heartbeats: listFrom(j.heartbeats, heartbeatFrom) }),
    },
    [urls.MSG_MINT]: {
      aminoType: 'hypermesh/resource/MsgMint',
      toAmino: (m: MsgMint) => obj({ provider: s(m.provider), amount: coinTo(m.amount) }),
      fromAmino: (j: Json): MsgMint => ({ provider: str(j.provider), amount: coinFrom(j.amount) }),
    },
    [urls.MSG_RETIRE]: {
      aminoType: 'hypermesh/resource/MsgRetire',
      toAmino: (m: MsgRetire) => obj({ provider: s(m.provider), amount: coinTo(m.amount) }),
      fromAmino: (j: Json): MsgRetire => ({ provider: str(j.provider), amount: coinFrom(j.amount) }),
    },
    [urls.MSG_REDEEM]: {
      aminoType: 'hypermesh/resource/MsgRedeem',
      toAmino: (m: MsgRedeem) =>
        obj({ consumer: s(m.consumer), amount: coinTo(m.amount), duration_seconds: u64(m.durationSeconds), provider: s(m.provider), node_id: s(m.nodeId) }),
      fromAmino: (j: Json): MsgRedeem => ({
        consumer: str(j.consumer),
        amount: coinFrom(j.amount),
        durationSeconds: big(j.duration_seconds),
        provider: str(j.provider),
        nodeId: str(j.node_id),
      }),
    },
    [urls.MSG_CHALLENGE]: {
      aminoType: 'hypermesh/resource/MsgChallenge',
      toAmino: (m: MsgChallenge) =>
        obj({ challenger: s(m.challenger), kind: num(m.kind), lease_id: u64(m.leaseId), heartbeat: m.heartbeat ? heartbeatTo(m.heartbeat) : undefined }),
      fromAmino: (j: Json): MsgChallenge => ({
        challenger: str(j.challenger),
        kind: Number(j.kind ?? 0),
        leaseId: big(j.lease_id),
        heartbeat: j.heartbeat ? heartbeatFrom(j.heartbeat as Json) : undefined,
      }),
    },
    [urls.MSG_UPDATE_PARAMS]: {
      aminoType: 'hypermesh/resource/MsgUpdateParams',
      toAmino: (m: MsgUpdateParams) => obj({ authority: s(m.authority), params: paramsTo(m.params) }),
      fromAmino: (j: Json): MsgUpdateParams => ({ authority: str(j.authority), params: paramsFrom((j.params as Json | undefined) ?? {}) }),
    },
  };
}
