/**
 * Proof-of-stake genesis for devnets and localnets: gentxs (a signed MsgCreateValidator for a
 * node's CometBFT key, self-delegating from a funded operator account) in the `genutil` section,
 * so InitChain returns the validator set and genesis.json says `validators: []`; and the short
 * staking/slashing periods a local network wants.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DirectSecp256k1HdWallet, makeAuthInfoBytes, makeSignDoc, Registry, encodePubkey } from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { defaultRegistryTypes } from '@cosmjs/stargate';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { GenesisState as GenutilGenesis } from 'cosmjs-types/cosmos/genutil/v1beta1/genesis';
import { GenesisState as SlashingGenesis } from 'cosmjs-types/cosmos/slashing/v1beta1/genesis';
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import { MsgCreateValidator } from 'cosmjs-types/cosmos/staking/v1beta1/tx';
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { fromSdkJson, fromSdkJsonOf, toSdkJsonOf } from '../../codec/proto_json';
import { accountAddresses, validatorAddresses } from '../../crypto/address';
import { Dec } from '../../types/dec';
import { encodeGenTx } from '../../../x/staking/genutil';

const utf8 = new TextEncoder();

/** A duration flag: "20s", "500ms", "10m", "1h30m", or whole seconds. Returns nanoseconds. */
export function parseDuration(s: string): bigint {
  const text = s.trim();
  if (/^[0-9]+$/.test(text)) return BigInt(text) * 1_000_000_000n;
  const unit: Record<string, bigint> = { h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n, ms: 1_000_000n };
  let total = 0n;
  let rest = text;
  if (rest === '') throw new Error(`invalid duration ${JSON.stringify(s)}`);
  while (rest.length > 0) {
    const m = /^([0-9]+)(ms|h|m|s)/.exec(rest);
    if (!m) throw new Error(`invalid duration ${JSON.stringify(s)} (use e.g. 20s, 10m, 1h30m)`);
    total += BigInt(m[1]) * unit[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

export function formatDuration(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const ms = (ns / 1_000_000n) % 1000n;
  return ms === 0n ? `${s}s` : `${s}.${ms.toString().padStart(3, '0')}s`;
}

const durationProto = (ns: bigint) => ({ seconds: ns / 1_000_000_000n, nanos: Number(ns % 1_000_000_000n) });

/** The ed25519 public key of a node's priv_validator_key.json. */
export function readConsensusPubKey(configDir: string): Uint8Array {
  const file = path.join(configDir, 'priv_validator_key.json');
  const key = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (key?.pub_key?.type !== 'tendermint/PubKeyEd25519') throw new Error(`${file}: not an ed25519 validator key`);
  return new Uint8Array(Buffer.from(key.pub_key.value, 'base64'));
}

export interface GenTxOptions {
  chainId: string;
  /** The operator account's mnemonic (secp256k1, cosmjs's default HD path). */
  operatorMnemonic: string;
  /** The operator's account number in the genesis auth section. */
  accountNumber: bigint;
  consensusPubKey: Uint8Array;
  /** uhyper self-delegated. */
  selfDelegation: bigint;
  moniker: string;
  commissionRate?: string;
  commissionMaxRate?: string;
  commissionMaxChangeRate?: string;
}

/** A body or auth info re-encoded through the SDK JSON codec: the exact bytes genesis will rebuild from the gentx JSON. */
function canonical<T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T }, bytes: Uint8Array): Uint8Array {
  return fromSdkJson(codec.typeUrl.slice(1), toSdkJsonOf(codec as any, codec.decode(bytes)));
}

/** A signed gentx as genesis.json's gen_txs carries it (the SDK's Tx JSON, embedded). */
export async function buildGenTx(o: GenTxOptions): Promise<Uint8Array> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(o.operatorMnemonic, { prefix: 'hyper' });
  const [account] = await wallet.getAccounts();
  const registry = new Registry(defaultRegistryTypes);
  const msg = MsgCreateValidator.fromPartial({
    description: { moniker: o.moniker },
    commission: {
      rate: Dec.fromString(o.commissionRate ?? '0.1').toProto(),
      maxRate: Dec.fromString(o.commissionMaxRate ?? '0.2').toProto(),
      maxChangeRate: Dec.fromString(o.commissionMaxChangeRate ?? '0.01').toProto(),
    },
    minSelfDelegation: '1',
    validatorAddress: validatorAddresses.encode(accountAddresses.decode(account.address)),
    pubkey: { typeUrl: Ed25519PubKey.typeUrl, value: Ed25519PubKey.encode({ key: o.consensusPubKey }).finish() },
    value: { denom: 'uhyper', amount: o.selfDelegation.toString() },
  });
  const bodyBytes = canonical(TxBody, registry.encodeTxBody({ messages: [{ typeUrl: MsgCreateValidator.typeUrl, value: msg }], memo: `gentx ${o.moniker}` }));
  const authInfoBytes = canonical(
    AuthInfo,
    makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(account.pubkey)), sequence: 0 }], [], 400_000, undefined, undefined),
  );
  const { signature } = await wallet.signDirect(account.address, makeSignDoc(bodyBytes, authInfoBytes, o.chainId, Number(o.accountNumber)));
  const raw = TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [Buffer.from(signature.signature, 'base64')] }).finish();
  return encodeGenTx(raw);
}

/** Appends gentxs to app_state.genutil. */
export function addGenTxs(appState: Record<string, unknown>, genTxs: Uint8Array[]): void {
  const g = fromSdkJsonOf(GenutilGenesis, appState.genutil ?? {});
  g.genTxs.push(...genTxs);
  appState.genutil = toSdkJsonOf(GenutilGenesis, g);
}

export interface PosParams {
  unbondingTimeNs?: bigint;
  signedBlocksWindow?: bigint;
  downtimeJailDurationNs?: bigint;
  minSignedPerWindow?: string;
  maxValidators?: number;
}

/** Overrides staking and slashing params in app_state. */
export function setPosParams(appState: Record<string, unknown>, p: PosParams): void {
  const staking = fromSdkJsonOf(StakingGenesis, appState.staking ?? {});
  if (p.unbondingTimeNs !== undefined) staking.params.unbondingTime = durationProto(p.unbondingTimeNs);
  if (p.maxValidators !== undefined) staking.params.maxValidators = p.maxValidators;
  appState.staking = toSdkJsonOf(StakingGenesis, staking);
  const slashing = fromSdkJsonOf(SlashingGenesis, appState.slashing ?? {});
  if (p.signedBlocksWindow !== undefined) slashing.params.signedBlocksWindow = p.signedBlocksWindow;
  if (p.downtimeJailDurationNs !== undefined) slashing.params.downtimeJailDuration = durationProto(p.downtimeJailDurationNs);
  if (p.minSignedPerWindow !== undefined) slashing.params.minSignedPerWindow = utf8.encode(Dec.fromString(p.minSignedPerWindow).toProto());
  appState.slashing = toSdkJsonOf(SlashingGenesis, slashing);
}

/** The params a PoS genesis ended up with, for printing. */
export function posParamsOf(appState: Record<string, unknown>) {
  const staking = fromSdkJsonOf(StakingGenesis, appState.staking ?? {});
  const slashing = fromSdkJsonOf(SlashingGenesis, appState.slashing ?? {});
  const ns = (d: { seconds: bigint; nanos: number } | undefined) => (d ? d.seconds * 1_000_000_000n + BigInt(d.nanos) : 0n);
  return {
    unbondingTime: formatDuration(ns(staking.params.unbondingTime)),
    maxValidators: staking.params.maxValidators,
    signedBlocksWindow: slashing.params.signedBlocksWindow.toString(),
    minSignedPerWindow: Dec.fromProto(new TextDecoder().decode(slashing.params.minSignedPerWindow)).toString(),
    downtimeJailDuration: formatDuration(ns(slashing.params.downtimeJailDuration)),
  };
}
