/**
 * CometBFT v0.38 light client verification (light/verifier.go, types/validator_set.go):
 * VerifyCommitLight (+2/3 of the header's own validators, looked up by index),
 * VerifyCommitLightTrusting (trust level of the trusted validators, looked up by address, double
 * votes refused), and Verify (adjacent / non-adjacent). Signatures are ed25519 under ZIP-215
 * (src/crypto/verify.ts). Errors are plain Errors; the 07-tendermint client wraps them.
 */
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { Commit, Header, SignedHeader } from 'cosmjs-types/tendermint/types/types';
import type { Validator } from 'cosmjs-types/tendermint/types/validator';
import { sha256 } from '../../../src/crypto/hash';
import { defaultVerifier, type SignatureVerifier } from '../../../src/crypto/verify';
import { equalBytes } from '../../../src/store/bytes';
import { headerHash, isZeroBlockId, validatorSetHash, voteSignBytes } from './tm_hash';

const NS = 1_000_000_000n;
export const timeNs = (t: Timestamp | undefined): bigint => (t ? t.seconds * NS + BigInt(t.nanos) : 0n);
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex').toUpperCase();

export class NotEnoughVotingPower extends Error {}

export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** types.Validator.ValidateBasic + ValidatorSet.ValidateBasic. */
export function validateValidatorSet(vals: readonly Validator[]): void {
  if (vals.length === 0) throw new Error('validator set is nil or empty');
  for (const v of vals) {
    const key = v.pubKey?.ed25519;
    if (!key || key.length !== 32) throw new Error('validator does not have an ed25519 public key');
    if (v.votingPower < 0n) throw new Error('validator has negative voting power');
    const addr = sha256(key).subarray(0, 20);
    if (!equalBytes(addr, v.address)) throw new Error(`validator address is incorrectly derived from pubkey. Exp: ${hex(addr)}, got ${hex(v.address)}`);
  }
}

export function totalVotingPower(vals: readonly Validator[]): bigint {
  let sum = 0n;
  for (const v of vals) sum += v.votingPower;
  if (sum > (1n << 60n)) throw new Error('total voting power exceeds the maximum');
  return sum;
}

/** Commit.ValidateBasic. */
export function validateCommit(c: Commit): void {
  if (c.height < 0n) throw new Error('negative Height');
  if (c.round < 0) throw new Error('negative Round');
  if (c.height >= 1n) {
    if (isZeroBlockId(c.blockId)) throw new Error('commit cannot be for nil block');
    if (c.signatures.length === 0) throw new Error('no signatures in commit');
    c.signatures.forEach((s, i) => {
      if (s.blockIdFlag < 1 || s.blockIdFlag > 3) throw new Error(`wrong CommitSig #${i}: unknown BlockIDFlag: ${s.blockIdFlag}`);
      if (s.blockIdFlag === 1) {
        if (s.validatorAddress.length || s.signature.length || (s.timestamp && (s.timestamp.seconds !== 0n || s.timestamp.nanos !== 0) && s.timestamp.seconds !== -62135596800n)) {
          throw new Error(`wrong CommitSig #${i}: absent signature carries data`);
        }
      } else {
        if (s.validatorAddress.length !== 20) throw new Error(`wrong CommitSig #${i}: expected ValidatorAddress size to be 20 bytes, got ${s.validatorAddress.length} bytes`);
        if (s.signature.length === 0) throw new Error(`wrong CommitSig #${i}: signature is missing`);
        if (s.signature.length > 64) throw new Error(`wrong CommitSig #${i}: signature is too big (max: 64)`);
      }
    });
  }
}

function verifyCommitSingle(chainId: string, vals: readonly Validator[], commit: Commit, needed: bigint, byIndex: boolean, verifier: SignatureVerifier): void {
  let tallied = 0n;
  const seen = new Map<number, number>();
  for (let idx = 0; idx < commit.signatures.length; idx++) {
    const sig = commit.signatures[idx];
    if (sig.blockIdFlag !== 2) continue; // only votes for the block count
    let val: Validator | undefined;
    if (byIndex) {
      val = vals[idx];
    } else {
      const vi = vals.findIndex((v) => equalBytes(v.address, sig.validatorAddress));
      if (vi < 0) continue;
      val = vals[vi];
      const first = seen.get(vi);
      if (first !== undefined) throw new Error(`double vote from ${hex(val.address)} (${first} and ${idx})`);
      seen.set(vi, idx);
    }
    const key = val.pubKey?.ed25519;
    if (!key) throw new Error(`validator #${idx} has a nil PubKey`);
    if (!verifier.ed25519(key, voteSignBytes(chainId, commit, idx), sig.signature)) {
      throw new Error(`wrong signature (#${idx}): ${hex(sig.signature)}`);
    }
    tallied += val.votingPower;
    if (tallied > needed) return;
  }
  throw new NotEnoughVotingPower(`invalid commit -- insufficient voting power: got ${tallied}, needed more than ${needed}`);
}

/** +2/3 of `vals` (the header's own validators) signed the commit for `blockIdHash` at `height`. */
export function verifyCommitLight(chainId: string, vals: readonly Validator[], commit: Commit, height: bigint, verifier = defaultVerifier): void {
  if (vals.length !== commit.signatures.length) {
    throw new Error(`Invalid commit -- wrong set size: ${vals.length} vs ${commit.signatures.length}`);
  }
  if (height !== commit.height) throw new Error(`Invalid commit -- wrong height: ${height} vs ${commit.height}`);
  const needed = (totalVotingPower(vals) * 2n) / 3n;
  verifyCommitSingle(chainId, vals, commit, needed, true, verifier);
}

/** More than `trust` of `vals` (trusted validators) signed the commit. */
export function verifyCommitLightTrusting(chainId: string, vals: readonly Validator[], commit: Commit, trust: Fraction, verifier = defaultVerifier): void {
  if (trust.denominator === 0n) throw new Error('trustLevel has zero Denominator');
  const needed = (totalVotingPower(vals) * trust.numerator) / trust.denominator;
  verifyCommitSingle(chainId, vals, commit, needed, false, verifier);
}

/** SignedHeader.ValidateBasic(chainID): header and commit agree, the commit is for this header's hash. */
export function validateSignedHeader(sh: SignedHeader, chainId: string): { header: Header; commit: Commit } {
  const { header, commit } = sh;
  if (!header) throw new Error('missing header');
  if (!commit) throw new Error('missing commit');
  if (header.chainId !== chainId) throw new Error(`header belongs to another chain ${JSON.stringify(header.chainId)}, not ${JSON.stringify(chainId)}`);
  if (header.chainId.length > 50) throw new Error('chainID is too long');
  if (header.height <= 0n) throw new Error('non positive Height');
  if (header.validatorsHash.length !== 32) throw new Error('wrong ValidatorsHash');
  if (header.nextValidatorsHash.length !== 32) throw new Error('wrong NextValidatorsHash');
  if (header.proposerAddress.length !== 20) throw new Error('invalid ProposerAddress length');
  validateCommit(commit);
  if (header.height !== commit.height) throw new Error(`header and commit height mismatch: ${header.height} vs ${commit.height}`);
  const hash = headerHash(header);
  if (!hash || !equalBytes(hash, commit.blockId?.hash ?? new Uint8Array())) {
    throw new Error(`commit signs block ${hex(commit.blockId?.hash)}, header is block ${hex(hash)}`);
  }
  return { header, commit };
}

export interface TrustedState {
  chainId: string;
  height: bigint;
  timeNs: bigint;
  nextValidatorsHash: Uint8Array;
}

export interface VerifyOptions {
  trustingPeriodNs: bigint;
  nowNs: bigint;
  maxClockDriftNs: bigint;
  trustLevel: Fraction;
  verifier?: SignatureVerifier;
}

export class ExpiredError extends Error {}

/** light.Verify: adjacent when the untrusted header is trusted height + 1, else non-adjacent. */
export function verifyLight(trusted: TrustedState, trustedVals: readonly Validator[], untrusted: SignedHeader, untrustedVals: readonly Validator[], o: VerifyOptions): void {
  const verifier = o.verifier ?? defaultVerifier;
  const { header, commit } = validateSignedHeader(untrusted, trusted.chainId);
  const adjacent = header.height === trusted.height + 1n;
  if (adjacent && trusted.nextValidatorsHash.length === 0) throw new Error('next validators hash in trusted header is empty');
  // HeaderExpired: trusted time + trusting period must be after now
  if (trusted.timeNs + o.trustingPeriodNs <= o.nowNs) {
    throw new ExpiredError(`old header has expired at ${trusted.timeNs + o.trustingPeriodNs} (now: ${o.nowNs})`);
  }
  // verifyNewHeaderAndVals
  if (header.height <= trusted.height) throw new Error(`expected new header height ${header.height} to be greater than one of old header ${trusted.height}`);
  const t = timeNs(header.time);
  if (t <= trusted.timeNs) throw new Error(`expected new header time ${t} to be after old header time ${trusted.timeNs}`);
  if (t >= o.nowNs + o.maxClockDriftNs) throw new Error(`new header has a time from the future ${t} (now: ${o.nowNs}; max clock drift: ${o.maxClockDriftNs})`);
  validateValidatorSet(untrustedVals);
  const valsHash = validatorSetHash(untrustedVals);
  if (!equalBytes(header.validatorsHash, valsHash)) {
    throw new Error(`expected new header validators (${hex(header.validatorsHash)}) to match those that were supplied (${hex(valsHash)}) at height ${header.height}`);
  }
  if (adjacent) {
    if (!equalBytes(header.validatorsHash, trusted.nextValidatorsHash)) {
      throw new Error(`expected old header next validators (${hex(trusted.nextValidatorsHash)}) to match those from new header (${hex(header.validatorsHash)})`);
    }
  } else {
    validateValidatorSet(trustedVals);
    verifyCommitLightTrusting(trusted.chainId, trustedVals, commit, o.trustLevel, verifier);
  }
  verifyCommitLight(trusted.chainId, untrustedVals, commit, header.height, verifier);
}
