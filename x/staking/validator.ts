/**
 * Validator values (cosmos.staking.v1beta1.Validator) and the arithmetic on them, as the SDK's
 * x/staking/types/validator.go and commission.go: shares ↔ tokens exchange, status, commission
 * and description checks. Pure functions: nothing here touches the store.
 */
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import {
  BondStatus,
  HistoricalInfo,
  Validator,
  type Commission,
  type CommissionRates,
  type Description,
} from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { Header } from 'cosmjs-types/tendermint/types/types';
import { BinaryWriter } from 'cosmjs-types/binary';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { sha256Truncated } from '../../src/crypto/hash';
import type { ValueCodec } from '../../src/store/collections';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { stakingErrors } from './errors';
import { nsFromTimestamp } from './time';

export { BondStatus, Validator };

export const ED25519_PUBKEY_TYPE_URL = '/cosmos.crypto.ed25519.PubKey';

/**
 * Validator bytes as gogoproto writes them. cosmjs-types writes an empty packed `unbonding_ids`
 * as field 13 with length 0 (`6a00`, always last); gogoproto omits it.
 */
export function encodeValidator(v: Validator): Uint8Array {
  const bytes = Validator.encode(v).finish();
  if (v.unbondingIds.length === 0 && bytes.length >= 2 && bytes[bytes.length - 2] === 0x6a && bytes[bytes.length - 1] === 0) {
    return bytes.subarray(0, bytes.length - 2);
  }
  return bytes;
}

export const validatorValue: ValueCodec<Validator> = { encode: encodeValidator, decode: (b) => Validator.decode(b) };

/** HistoricalInfo with each validator written as gogoproto does (see encodeValidator). */
export const historicalInfoValue: ValueCodec<HistoricalInfo> = {
  encode: (h) => {
    const w = new BinaryWriter();
    Header.encode(h.header, w.uint32(10).fork()).ldelim();
    for (const v of h.valset) w.uint32(18).bytes(encodeValidator(v));
    return w.finish();
  },
  decode: (b) => HistoricalInfo.decode(b),
};

/** The ed25519 consensus key of a MsgCreateValidator / Validator; staking/39 or staking/6 otherwise. */
export function consPubKeyBytes(any: Any | undefined): Uint8Array {
  if (!any || any.typeUrl === '') throw stakingErrors.EmptyValidatorPubKey();
  if (any.typeUrl !== ED25519_PUBKEY_TYPE_URL) {
    throw stakingErrors.ValidatorPubKeyTypeNotSupported(`got: ${any.typeUrl}, expected: [ed25519]`);
  }
  let key: Uint8Array;
  try {
    key = Ed25519PubKey.decode(any.value).key;
  } catch (e) {
    throw sdk.InvalidPubKey(`malformed ed25519 consensus key: ${(e as Error).message}`);
  }
  if (key.length !== 32) throw sdk.InvalidPubKey(`ed25519 consensus key has ${key.length} bytes, expected 32`);
  return key;
}

/** CometBFT's address of an ed25519 key: SHA-256(key)[:20]. */
export function consAddressOf(v: Validator): Uint8Array {
  return sha256Truncated(consPubKeyBytes(v.consensusPubkey));
}

export const tokens = (v: Validator): bigint => BigInt(v.tokens || '0');
export const delegatorShares = (v: Validator): Dec => Dec.fromProto(v.delegatorShares);
export const isBonded = (v: Validator) => v.status === BondStatus.BOND_STATUS_BONDED;
export const isUnbonded = (v: Validator) => v.status === BondStatus.BOND_STATUS_UNBONDED;
export const isUnbonding = (v: Validator) => v.status === BondStatus.BOND_STATUS_UNBONDING;
export const commissionRate = (v: Validator): Dec => Dec.fromProto(v.commission.commissionRates.rate);

/** Tokens are gone but shares remain: no exchange rate to delegate at. */
export function invalidExRate(v: Validator): boolean {
  return tokens(v) === 0n && delegatorShares(v).isPositive();
}

export function tokensFromShares(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokens(v)).quo(delegatorShares(v));
}
export function tokensFromSharesTruncated(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokens(v)).quoTruncate(delegatorShares(v));
}
export function tokensFromSharesRoundUp(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokens(v)).quoRoundUp(delegatorShares(v));
}
export function sharesFromTokens(v: Validator, amount: bigint): Dec {
  if (tokens(v) === 0n) throw stakingErrors.InsufficientShares();
  return delegatorShares(v).mulInt(amount).quoInt(tokens(v));
}
export function sharesFromTokensTruncated(v: Validator, amount: bigint): Dec {
  if (tokens(v) === 0n) throw stakingErrors.InsufficientShares();
  return delegatorShares(v).mulInt(amount).quoTruncate(Dec.fromInt(tokens(v)));
}

/** Adds delegated tokens; the first delegation sets the exchange rate to one share per token. */
export function addTokensFromDel(v: Validator, amount: bigint): [Validator, Dec] {
  const issued = delegatorShares(v).isZero() ? Dec.fromInt(amount) : sharesFromTokens(v, amount);
  return [{ ...v, tokens: (tokens(v) + amount).toString(), delegatorShares: delegatorShares(v).add(issued).toProto() }, issued];
}

export function removeTokens(v: Validator, amount: bigint): Validator {
  if (amount < 0n) throw sdk.Logic(`trying to remove negative tokens ${amount}`);
  if (tokens(v) < amount) throw sdk.Logic(`only have ${tokens(v)} tokens, trying to remove ${amount}`);
  return { ...v, tokens: (tokens(v) - amount).toString() };
}

/** Removes shares; the last shares take every remaining token. Returns the tokens they were worth. */
export function removeDelShares(v: Validator, shares: Dec): [Validator, bigint] {
  const remaining = delegatorShares(v).sub(shares);
  let issued: bigint;
  let left: bigint;
  if (remaining.isZero()) {
    issued = tokens(v);
    left = 0n;
  } else {
    issued = tokensFromShares(v, shares).truncateInt();
    left = tokens(v) - issued;
    if (left < 0n) throw sdk.Logic('attempting to remove more tokens than available in validator');
  }
  return [{ ...v, tokens: left.toString(), delegatorShares: remaining.toProto() }, issued];
}

/** tokens / power_reduction, whatever the status (the SDK's PotentialConsensusPower). */
export function potentialConsensusPower(v: Validator, powerReduction: bigint): bigint {
  return tokens(v) / powerReduction;
}

export function validateCommissionRates(cr: CommissionRates): void {
  const rate = Dec.fromProto(cr.rate);
  const max = Dec.fromProto(cr.maxRate);
  const maxChange = Dec.fromProto(cr.maxChangeRate);
  if (max.isNegative()) throw stakingErrors.CommissionNegative();
  if (max.gt(Dec.ONE)) throw stakingErrors.CommissionHuge();
  if (rate.isNegative()) throw stakingErrors.CommissionNegative();
  if (rate.gt(max)) throw stakingErrors.CommissionGTMaxRate();
  if (maxChange.isNegative()) throw stakingErrors.CommissionChangeRateNegative();
  if (maxChange.gt(max)) throw stakingErrors.CommissionChangeRateGTMaxRate();
}

const DAY_NS = 24n * 3600n * 1_000_000_000n;

/** A commission change: at most once per 24h, within max rate and max change rate. */
export function validateNewRate(c: Commission, newRate: Dec, blockTimeNs: bigint): void {
  if (blockTimeNs - nsFromTimestamp(c.updateTime) < DAY_NS) throw stakingErrors.CommissionUpdateTime();
  if (newRate.isNegative()) throw stakingErrors.CommissionNegative();
  if (newRate.gt(Dec.fromProto(c.commissionRates.maxRate))) throw stakingErrors.CommissionGTMaxRate();
  if (newRate.sub(Dec.fromProto(c.commissionRates.rate)).gt(Dec.fromProto(c.commissionRates.maxChangeRate))) {
    throw stakingErrors.CommissionGTMaxChangeRate();
  }
}

export const DO_NOT_MODIFY = '[do-not-modify]';
const DESCRIPTION_LIMITS: [keyof Description, number, string][] = [
  ['moniker', 70, 'moniker'],
  ['identity', 3000, 'identity'],
  ['website', 140, 'website'],
  ['securityContact', 140, 'security contact'],
  ['details', 280, 'details'],
];

export function isEmptyDescription(d: Description | undefined): boolean {
  return !d || (d.moniker === '' && d.identity === '' && d.website === '' && d.securityContact === '' && d.details === '');
}

export function ensureDescriptionLength(d: Description): Description {
  for (const [field, max, name] of DESCRIPTION_LIMITS) {
    const len = Buffer.byteLength(d[field]);
    if (len > max) throw sdk.InvalidRequest(`invalid ${name} length; got: ${len}, max: ${max}`);
  }
  return d;
}

/** MsgEditValidator's description: "[do-not-modify]" keeps a field. */
export function updateDescription(old: Description, d: Description): Description {
  const pick = (k: keyof Description) => (d[k] === DO_NOT_MODIFY ? old[k] : d[k]);
  return ensureDescriptionLength({
    moniker: pick('moniker'),
    identity: pick('identity'),
    website: pick('website'),
    securityContact: pick('securityContact'),
    details: pick('details'),
  });
}
