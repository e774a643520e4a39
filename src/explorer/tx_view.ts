/**
 * A tx's bytes as JSON for people: body messages decoded by type URL (nested Anys too), fee,
 * signer infos, signatures. Bytes become base64, 64-bit integers decimal strings. A message
 * whose type nobody registered is shown with its raw bytes, never guessed.
 */
import { defaultRegistryTypes } from '@cosmjs/stargate';
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { BaseVestingAccount, ContinuousVestingAccount, DelayedVestingAccount, PeriodicVestingAccount, PermanentLockedAccount } from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import { BaseAccount, ModuleAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';

export interface MsgCodec {
  decode(bytes: Uint8Array): unknown;
}
/** What the explorer needs of a type registry: our TypeRegistry and cosmjs's Registry both fit (via lookup). */
export interface MsgRegistry {
  lookup(typeUrl: string): MsgCodec | undefined;
}

const extraTypes: Array<[string, MsgCodec]> = [
  ['/cosmos.crypto.secp256k1.PubKey', Secp256k1PubKey],
  ['/cosmos.crypto.ed25519.PubKey', Ed25519PubKey],
  ['/cosmos.auth.v1beta1.BaseAccount', BaseAccount],
  ['/cosmos.auth.v1beta1.ModuleAccount', ModuleAccount],
  ['/cosmos.vesting.v1beta1.BaseVestingAccount', BaseVestingAccount],
  ['/cosmos.vesting.v1beta1.ContinuousVestingAccount', ContinuousVestingAccount],
  ['/cosmos.vesting.v1beta1.DelayedVestingAccount', DelayedVestingAccount],
  ['/cosmos.vesting.v1beta1.PeriodicVestingAccount', PeriodicVestingAccount],
  ['/cosmos.vesting.v1beta1.PermanentLockedAccount', PermanentLockedAccount],
];

/** cosmjs's default message types plus keys and account types; `primary` (the node's registry) is asked first. */
export function msgRegistry(primary?: MsgRegistry): MsgRegistry {
  const known = new Map<string, MsgCodec>([...defaultRegistryTypes, ...extraTypes] as Array<[string, MsgCodec]>);
  return { lookup: (typeUrl) => primary?.lookup(typeUrl) ?? known.get(typeUrl) };
}

/** JSON-safe copy: bigint → string, bytes → base64, Any → decoded with '@type' when the type is known. */
export function jsonSafe(v: unknown, reg: MsgRegistry, depth = 0): unknown {
  if (depth > 32) return '…';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, reg, depth + 1));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.typeUrl === 'string' && o.value instanceof Uint8Array && Object.keys(o).length === 2) return anyJson(o.typeUrl, o.value, reg, depth);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) if (x !== undefined) out[k] = jsonSafe(x, reg, depth + 1);
    return out;
  }
  return v;
}

export function anyJson(typeUrl: string, value: Uint8Array, reg: MsgRegistry, depth = 0): Record<string, unknown> {
  const codec = reg.lookup(typeUrl);
  if (codec) {
    try {
      return { '@type': typeUrl, ...(jsonSafe(codec.decode(value), reg, depth + 1) as object) };
    } catch {
      // fall through to raw bytes
    }
  }
  return { '@type': typeUrl, '@bytes': Buffer.from(value).toString('base64') };
}

export interface TxView {
  messages: Array<Record<string, unknown>>;
  memo: string;
  timeoutHeight: string;
  fee: { amount: Array<{ denom: string; amount: string }>; gasLimit: string; payer: string; granter: string };
  signerInfos: unknown[];
  signatures: string[];
}

/** Decodes tx bytes for display; throws when they are not a cosmos TxRaw. */
export function txView(raw: Uint8Array, reg: MsgRegistry): TxView {
  const tx = TxRaw.decode(raw);
  const body = TxBody.decode(tx.bodyBytes);
  let auth: AuthInfo | undefined;
  try {
    auth = AuthInfo.decode(tx.authInfoBytes);
  } catch {
    // shown without fee and signer infos
  }
  return {
    messages: body.messages.map((m) => anyJson(m.typeUrl, m.value, reg)),
    memo: body.memo,
    timeoutHeight: body.timeoutHeight.toString(),
    fee: {
      amount: (auth?.fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })),
      gasLimit: (auth?.fee?.gasLimit ?? 0n).toString(),
      payer: auth?.fee?.payer ?? '',
      granter: auth?.fee?.granter ?? '',
    },
    signerInfos: jsonSafe(auth?.signerInfos ?? [], reg) as unknown[],
    signatures: tx.signatures.map((s) => Buffer.from(s).toString('base64')),
  };
}
