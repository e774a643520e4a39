/**
 * The 07-tendermint light client (ibc-go modules/light-clients/07-tendermint): client state
 * validation, status (active / expired / frozen), header verification (adjacent and non-adjacent
 * per CometBFT's light verifier), misbehaviour (two conflicting headers, or a header that breaks
 * time monotonicity, freezes the client), consensus state metadata and pruning, and ICS-23
 * membership / non-membership proofs against a stored consensus root.
 *
 * State lives in the `ibc` store under `clients/{clientId}/...` exactly as ibc-go writes it.
 */
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { Duration } from 'cosmjs-types/google/protobuf/duration';
import { ProofSpec } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { Height as ProtoHeight } from 'cosmjs-types/ibc/core/client/v1/client';
import { ClientState, ConsensusState, Header, Misbehaviour } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import type { KVStore } from '../../../src/store/types';
import { equalBytes } from '../../../src/store/bytes';
import type { SignatureVerifier } from '../../../src/crypto/verify';
import { clientErrors, tendermintErrors } from '../errors';
import { compareHeights, heightString, isRevisionFormat, iterationKey, iterationPrefix, key, parseChainIdRevision, paths, setRevisionNumber, type Height } from '../host';
import { verifyMerkleMembership, verifyMerkleNonMembership } from '../commitment';
import { validatorSetHash } from './tm_hash';
import { ExpiredError, timeNs, validateSignedHeader, validateValidatorSet, verifyCommitLight, verifyCommitLightTrusting, verifyLight } from './tm_verify';

export const CLIENT_TYPE = '07-tendermint';
export const CLIENT_STATE_TYPE_URL = ClientState.typeUrl;
export const CONSENSUS_STATE_TYPE_URL = ConsensusState.typeUrl;
export const HEADER_TYPE_URL = Header.typeUrl;
export const MISBEHAVIOUR_TYPE_URL = Misbehaviour.typeUrl;

export type Status = 'Active' | 'Expired' | 'Frozen' | 'Unknown' | 'Unauthorized';

const NS = 1_000_000_000n;
export const durationNs = (d: Duration | undefined): bigint => (d ? d.seconds * NS + BigInt(d.nanos) : 0n);
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex').toUpperCase();

// --- canonical bytes ------------------------------------------------------------------------
// Decoding fills every non-nullable field with its zero value, and encoding then writes it, as
// gogoproto does for (gogoproto.nullable) = false fields: re-encoding a decoded value is the
// canonical form (known_answers.test.ts checks these bytes against ibc-go's).

export function canonicalClientState(cs: ClientState): ClientState {
  return ClientState.decode(ClientState.encode(cs).finish());
}
export function canonicalConsensusState(cs: ConsensusState): ConsensusState {
  return ConsensusState.decode(ConsensusState.encode(cs).finish());
}
export function clientStateAnyBytes(cs: ClientState): Uint8Array {
  return Any.encode({ typeUrl: CLIENT_STATE_TYPE_URL, value: ClientState.encode(canonicalClientState(cs)).finish() }).finish();
}
export function consensusStateAnyBytes(cs: ConsensusState): Uint8Array {
  return Any.encode({ typeUrl: CONSENSUS_STATE_TYPE_URL, value: ConsensusState.encode(canonicalConsensusState(cs)).finish() }).finish();
}

export function unpackClientState(any: Any | undefined): ClientState {
  if (!any) throw clientErrors.InvalidClient('client state cannot be nil');
  if (any.typeUrl !== CLIENT_STATE_TYPE_URL) throw clientErrors.InvalidClientType(`client type ${any.typeUrl} is not supported; allowed: ${CLIENT_STATE_TYPE_URL}`);
  try {
    return ClientState.decode(any.value);
  } catch (e) {
    throw clientErrors.InvalidClient(`cannot decode client state: ${(e as Error).message}`);
  }
}
export function unpackConsensusState(any: Any | undefined): ConsensusState {
  if (!any) throw clientErrors.InvalidConsensus('consensus state cannot be nil');
  if (any.typeUrl !== CONSENSUS_STATE_TYPE_URL) throw clientErrors.InvalidConsensus(`consensus state type ${any.typeUrl} is not ${CONSENSUS_STATE_TYPE_URL}`);
  try {
    return ConsensusState.decode(any.value);
  } catch (e) {
    throw clientErrors.InvalidConsensus(`cannot decode consensus state: ${(e as Error).message}`);
  }
}

// --- validation ----------------------------------------------------------------------------

export function validateClientState(cs: ClientState): void {
  if (cs.chainId.trim() === '') throw tendermintErrors.InvalidChainID('chain id cannot be empty string');
  if (cs.chainId.length > 50) throw tendermintErrors.InvalidChainID(`chainID is too long; got: ${cs.chainId.length}, max: 50`);
  const tl = cs.trustLevel;
  if (!tl || tl.denominator === 0n || tl.numerator * 3n < tl.denominator || tl.numerator > tl.denominator) {
    throw tendermintErrors.InvalidTrustLevel(`trust level must be within [1/3, 1], got ${tl?.numerator}/${tl?.denominator}`);
  }
  const [trusting, unbonding, drift] = [durationNs(cs.trustingPeriod), durationNs(cs.unbondingPeriod), durationNs(cs.maxClockDrift)];
  if (trusting <= 0n) throw tendermintErrors.InvalidTrustingPeriod('trusting period must be greater than zero');
  if (unbonding <= 0n) throw tendermintErrors.InvalidUnbondingPeriod('unbonding period must be greater than zero');
  if (drift <= 0n) throw tendermintErrors.InvalidMaxClockDrift('max clock drift must be greater than zero');
  if (cs.latestHeight.revisionHeight === 0n) throw tendermintErrors.InvalidHeaderHeight("tendermint client's latest height revision height cannot be zero");
  if (trusting >= unbonding) throw tendermintErrors.InvalidTrustingPeriod(`trusting period (${trusting}ns) should be < unbonding period (${unbonding}ns)`);
  if (cs.proofSpecs.length === 0) throw tendermintErrors.InvalidProofSpecs('proof specs cannot be nil for tm client');
  if (cs.latestHeight.revisionNumber !== parseChainIdRevision(cs.chainId)) {
    throw tendermintErrors.InvalidHeaderHeight('latest height revision number must match chain id revision number');
  }
  for (const k of cs.upgradePath) if (k.trim() === '') throw clientErrors.InvalidClient('key in upgrade path at index cannot be empty');
}

export function validateConsensusState(cs: ConsensusState): void {
  if (!cs.root || cs.root.hash.length === 0) throw clientErrors.InvalidConsensus('root cannot be empty');
  if (cs.nextValidatorsHash.length !== 32) throw clientErrors.InvalidConsensus(`next validators hash is invalid: expected size to be 32 bytes, got ${cs.nextValidatorsHash.length} bytes`);
  if (!cs.timestamp || cs.timestamp.seconds <= 0n) throw clientErrors.InvalidConsensus('timestamp must be a positive Unix time');
}

// --- the client store ------------------------------------------------------------------------

const u64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
};

export class TendermintClient {
  constructor(
    readonly store: KVStore,
    readonly clientId: string,
    private readonly verifier?: SignatureVerifier,
  ) {}

  clientState(): ClientState | undefined {
    const b = this.store.get(key(paths.clientState(this.clientId)));
    return b ? unpackClientState(Any.decode(b)) : undefined;
  }
  setClientState(cs: ClientState): void {
    this.store.set(key(paths.clientState(this.clientId)), clientStateAnyBytes(cs));
  }
  consensusState(h: Height): ConsensusState | undefined {
    const b = this.store.get(key(paths.consensusState(this.clientId, h)));
    return b ? unpackConsensusState(Any.decode(b)) : undefined;
  }
  /** Stores the consensus state with its metadata: processed time and height, iteration key. */
  setConsensusState(h: Height, cs: ConsensusState, blockTimeNs: bigint, selfHeight: Height): void {
    const prefix = `clients/${this.clientId}/`;
    this.store.set(key(paths.consensusState(this.clientId, h)), consensusStateAnyBytes(cs));
    this.store.set(key(prefix + paths.processedTime(h)), u64(blockTimeNs));
    this.store.set(key(prefix + paths.processedHeight(h)), new TextEncoder().encode(heightString(selfHeight)));
    this.store.set(iterationKey(this.clientId, h), key(paths.consensusState(this.clientId, h)));
  }
  private deleteConsensusState(h: Height): void {
    const prefix = `clients/${this.clientId}/`;
    this.store.delete(key(paths.consensusState(this.clientId, h)));
    this.store.delete(key(prefix + paths.processedTime(h)));
    this.store.delete(key(prefix + paths.processedHeight(h)));
    this.store.delete(iterationKey(this.clientId, h));
  }

  /** Consensus heights in ascending order (the iteration index). */
  *consensusHeights(reverse = false): IterableIterator<Height> {
    const p = iterationPrefix(this.clientId);
    const end = Uint8Array.from(p);
    end[end.length - 1]++;
    const it = reverse ? this.store.reverseIterator(p, end) : this.store.iterator(p, end);
    for (const [k] of it) {
      const dv = new DataView(k.buffer, k.byteOffset + p.length, 16);
      yield { revisionNumber: dv.getBigUint64(0), revisionHeight: dv.getBigUint64(8) };
    }
  }

  // --- status ---------------------------------------------------------------------------

  status(nowNs: bigint): Status {
    const cs = this.clientState();
    if (!cs) return 'Unknown';
    if (cs.frozenHeight.revisionNumber !== 0n || cs.frozenHeight.revisionHeight !== 0n) return 'Frozen';
    const cons = this.consensusState(cs.latestHeight);
    if (!cons) return 'Expired';
    if (timeNs(cons.timestamp) + durationNs(cs.trustingPeriod) <= nowNs) return 'Expired';
    return 'Active';
  }

  // --- create ---------------------------------------------------------------------------

  initialize(cs: ClientState, cons: ConsensusState, blockTimeNs: bigint, selfHeight: Height): void {
    validateClientState(cs);
    validateConsensusState(cons);
    this.setClientState(cs);
    this.setConsensusState(cs.latestHeight, cons, blockTimeNs, selfHeight);
  }

  // --- update ---------------------------------------------------------------------------

  /** VerifyClientMessage: throws a registered error when the header or misbehaviour is invalid. */
  verifyClientMessage(msg: Any, nowNs: bigint): Header | Misbehaviour {
    const cs = this.mustClientState();
    if (msg.typeUrl === HEADER_TYPE_URL) {
      const header = decodeOr(Header, msg.value, 'header');
      this.verifyHeader(cs, header, nowNs);
      return header;
    }
    if (msg.typeUrl === MISBEHAVIOUR_TYPE_URL) {
      const m = decodeOr(Misbehaviour, msg.value, 'misbehaviour');
      this.verifyMisbehaviour(cs, m, nowNs);
      return m;
    }
    throw clientErrors.InvalidClientType(`expected ${HEADER_TYPE_URL} or ${MISBEHAVIOUR_TYPE_URL}, got ${msg.typeUrl}`);
  }

  private mustClientState(): ClientState {
    const cs = this.clientState();
    if (!cs) throw clientErrors.ClientNotFound(this.clientId);
    return cs;
  }

  headerHeight(h: Header): Height {
    const height = h.signedHeader?.header?.height ?? 0n;
    return { revisionNumber: parseChainIdRevision(h.signedHeader?.header?.chainId ?? ''), revisionHeight: height };
  }

  /** Header.ValidateBasic (ibc-go): the header is self-consistent before any trust is involved. */
  private validateHeaderBasic(h: Header): void {
    if (!h.signedHeader?.header || !h.signedHeader.commit) throw clientErrors.InvalidHeader('tendermint signed header cannot be nil');
    if (!h.validatorSet || h.validatorSet.validators.length === 0) throw clientErrors.InvalidHeader('validator set is nil');
    if (!h.trustedValidators || h.trustedValidators.validators.length === 0) throw clientErrors.InvalidHeader('trusted validator set is nil');
    try {
      validateSignedHeader(h.signedHeader, h.signedHeader.header.chainId);
      validateValidatorSet(h.validatorSet.validators);
    } catch (e) {
      throw clientErrors.InvalidHeader(`header failed basic validation: ${(e as Error).message}`);
    }
    const height = this.headerHeight(h);
    const trusted = h.trustedHeight ?? ProtoHeight.fromPartial({});
    if (trusted.revisionNumber !== height.revisionNumber) {
      throw tendermintErrors.InvalidHeaderHeight(`trusted height revision number (${trusted.revisionNumber}) does not match header revision number (${height.revisionNumber})`);
    }
    if (compareHeights(trusted, height) >= 0) {
      throw clientErrors.InvalidHeader(`trusted height ${heightString(trusted)} must be less than header height ${heightString(height)}`);
    }
    if (!equalBytes(validatorSetHash(h.validatorSet.validators), h.signedHeader.header.validatorsHash)) {
      throw clientErrors.InvalidHeader('validator set does not match hash');
    }
  }

  private trustedConsensus(h: Header): { cons: ConsensusState; trusted: Height } {
    const trusted = h.trustedHeight ?? ProtoHeight.fromPartial({});
    const cons = this.consensusState(trusted);
    if (!cons) throw clientErrors.ConsensusStateNotFound(`could not get trusted consensus state from clientStore for Header at TrustedHeight: ${heightString(trusted)}`);
    // the trusted validators must be the next validators of the trusted header
    const tvh = validatorSetHash(h.trustedValidators!.validators);
    if (!equalBytes(cons.nextValidatorsHash, tvh)) {
      throw tendermintErrors.InvalidValidatorSet(`trusted validators does not hash to latest trusted validators. Expected: ${hex(cons.nextValidatorsHash)}, got: ${hex(tvh)}`);
    }
    return { cons, trusted };
  }

  private chainIdAt(cs: ClientState, revision: bigint): string {
    return isRevisionFormat(cs.chainId) ? setRevisionNumber(cs.chainId, revision) : cs.chainId;
  }

  verifyHeader(cs: ClientState, h: Header, nowNs: bigint): void {
    this.validateHeaderBasic(h);
    const { cons, trusted } = this.trustedConsensus(h);
    const height = this.headerHeight(h);
    const chainId = this.chainIdAt(cs, height.revisionNumber);
    try {
      verifyLight(
        { chainId, height: trusted.revisionHeight, timeNs: timeNs(cons.timestamp), nextValidatorsHash: cons.nextValidatorsHash },
        h.trustedValidators!.validators,
        h.signedHeader!,
        h.validatorSet!.validators,
        { trustingPeriodNs: durationNs(cs.trustingPeriod), nowNs, maxClockDriftNs: durationNs(cs.maxClockDrift), trustLevel: cs.trustLevel, verifier: this.verifier },
      );
    } catch (e) {
      if (e instanceof ExpiredError) throw tendermintErrors.TrustingPeriodExpired(`failed to verify header: ${e.message}`);
      throw tendermintErrors.InvalidHeader(`failed to verify header: ${(e as Error).message}`);
    }
  }

  private verifyMisbehaviour(cs: ClientState, m: Misbehaviour, nowNs: bigint): void {
    const [h1, h2] = [m.header1, m.header2];
    if (!h1 || !h2) throw clientErrors.InvalidMisbehaviour('misbehaviour headers cannot be nil');
    this.validateHeaderBasic(h1);
    this.validateHeaderBasic(h2);
    if (h1.signedHeader!.header!.chainId !== h2.signedHeader!.header!.chainId) throw clientErrors.InvalidMisbehaviour('headers must have identical chainIDs');
    if (compareHeights(this.headerHeight(h1), this.headerHeight(h2)) < 0) throw clientErrors.InvalidMisbehaviour('Header1 height is less than Header2 height');
    for (const h of [h1, h2]) {
      const { cons } = this.trustedConsensus(h);
      if (nowNs - timeNs(cons.timestamp) >= durationNs(cs.trustingPeriod)) {
        throw tendermintErrors.TrustingPeriodExpired(`current timestamp minus the latest consensus state timestamp is greater than or equal to the trusting period`);
      }
      const chainId = this.chainIdAt(cs, this.headerHeight(h).revisionNumber);
      try {
        verifyCommitLightTrusting(chainId, h.trustedValidators!.validators, h.signedHeader!.commit!, cs.trustLevel, this.verifier);
        verifyCommitLight(chainId, h.validatorSet!.validators, h.signedHeader!.commit!, h.signedHeader!.header!.height, this.verifier);
      } catch (e) {
        throw clientErrors.InvalidMisbehaviour(`validator set in header has too much change from trusted validator set: ${(e as Error).message}`);
      }
    }
  }

  /** CheckForMisbehaviour: conflicting headers, or a header that conflicts with stored state. */
  checkForMisbehaviour(msg: Header | Misbehaviour): boolean {
    if (isMisbehaviour(msg)) {
      const [h1, h2] = [msg.header1!, msg.header2!];
      if (compareHeights(this.headerHeight(h1), this.headerHeight(h2)) === 0) {
        return !equalBytes(h1.signedHeader!.commit!.blockId!.hash, h2.signedHeader!.commit!.blockId!.hash);
      }
      return timeNs(h1.signedHeader!.header!.time) <= timeNs(h2.signedHeader!.header!.time);
    }
    const height = this.headerHeight(msg);
    const sh = msg.signedHeader!.header!;
    const t = timeNs(sh.time);
    const existing = this.consensusState(height);
    if (existing) {
      const same = timeNs(existing.timestamp) === t && equalBytes(existing.root?.hash ?? new Uint8Array(), sh.appHash) && equalBytes(existing.nextValidatorsHash, sh.nextValidatorsHash);
      return !same;
    }
    // time monotonicity with the neighbouring consensus states
    let prev: ConsensusState | undefined;
    let next: ConsensusState | undefined;
    for (const h of this.consensusHeights()) {
      const c = compareHeights(h, height);
      if (c < 0) prev = this.consensusState(h);
      else if (c > 0 && !next) next = this.consensusState(h);
    }
    if (prev && timeNs(prev.timestamp) >= t) return true;
    if (next && timeNs(next.timestamp) <= t) return true;
    return false;
  }

  /** Freezes the client (FrozenHeight = 0-1, as ibc-go). */
  updateStateOnMisbehaviour(): void {
    const cs = this.mustClientState();
    cs.frozenHeight = { revisionNumber: 0n, revisionHeight: 1n };
    this.setClientState(cs);
  }

  /** UpdateState: prunes expired consensus states, stores the header's one; returns the height. */
  updateState(h: Header, blockTimeNs: bigint, selfHeight: Height): Height {
    const cs = this.mustClientState();
    this.pruneOldest(cs, blockTimeNs);
    const height = this.headerHeight(h);
    if (this.consensusState(height)) return height; // a duplicate update is a no-op
    if (compareHeights(height, cs.latestHeight) > 0) cs.latestHeight = { ...height };
    const sh = h.signedHeader!.header!;
    this.setClientState(cs);
    this.setConsensusState(height, ConsensusState.fromPartial({ timestamp: sh.time, root: { hash: sh.appHash }, nextValidatorsHash: sh.nextValidatorsHash }), blockTimeNs, selfHeight);
    return height;
  }

  /** Deletes the oldest consensus state when it has expired (one per update, as ibc-go). */
  private pruneOldest(cs: ClientState, nowNs: bigint): void {
    for (const h of this.consensusHeights()) {
      const cons = this.consensusState(h);
      if (cons && timeNs(cons.timestamp) + durationNs(cs.trustingPeriod) <= nowNs) this.deleteConsensusState(h);
      return;
    }
  }

  // --- proofs -----------------------------------------------------------------------------

  private rootAt(cs: ClientState, height: Height): Uint8Array {
    if (compareHeights(cs.latestHeight, height) < 0) {
      throw clientErrors.InvalidHeight(`client state height < proof height (${heightString(cs.latestHeight)} < ${heightString(height)}), please ensure the client has been updated`);
    }
    const cons = this.consensusState(height);
    if (!cons) throw clientErrors.ConsensusStateNotFound(`please ensure the proof was constructed against a height that exists on the client: ${heightString(height)}`);
    return cons.root?.hash ?? new Uint8Array();
  }

  verifyMembership(height: Height, proof: Uint8Array, prefix: Uint8Array, path: string, value: Uint8Array): void {
    const cs = this.mustClientState();
    const root = this.rootAt(cs, height);
    verifyMerkleMembership(proof, cs.proofSpecs.map((s) => ProofSpec.fromPartial(s)), root, prefix, key(path), value);
  }

  verifyNonMembership(height: Height, proof: Uint8Array, prefix: Uint8Array, path: string): void {
    const cs = this.mustClientState();
    const root = this.rootAt(cs, height);
    verifyMerkleNonMembership(proof, cs.proofSpecs.map((s) => ProofSpec.fromPartial(s)), root, prefix, key(path));
  }

  /**
   * A connection's delay period: the consensus state at `height` must have been stored at least
   * `delayNs` and `delayBlocks` ago (inclusive), by its processed time and height.
   */
  verifyDelayPassed(height: Height, delayNs: bigint, delayBlocks: bigint, nowNs: bigint, selfHeight: Height): void {
    const prefix = `clients/${this.clientId}/`;
    if (delayNs !== 0n) {
      const b = this.store.get(key(prefix + paths.processedTime(height)));
      if (!b) throw tendermintErrors.ProcessedTimeNotFound(`processed time not found for height: ${heightString(height)}`);
      const valid = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0) + delayNs;
      if (nowNs < valid) throw tendermintErrors.DelayPeriodNotPassed(`cannot verify packet until time: ${valid}, current time: ${nowNs}`);
    }
    if (delayBlocks !== 0n) {
      const b = this.store.get(key(prefix + paths.processedHeight(height)));
      if (!b) throw tendermintErrors.ProcessedHeightNotFound(`processed height not found for height: ${heightString(height)}`);
      const [rev, h] = new TextDecoder().decode(b).split('-').map(BigInt);
      const valid = { revisionNumber: rev, revisionHeight: h + delayBlocks };
      if (compareHeights(selfHeight, valid) < 0) throw tendermintErrors.DelayPeriodNotPassed(`cannot verify packet until height: ${heightString(valid)}, current height: ${heightString(selfHeight)}`);
    }
  }

  /** Timestamp (ns) of the consensus state at `height`: packet timeouts are judged by it. */
  timestampAt(height: Height): bigint {
    const cons = this.consensusState(height);
    if (!cons) throw clientErrors.ConsensusStateNotFound(`consensus state not found at height ${heightString(height)}`);
    return timeNs(cons.timestamp);
  }
}

export function isMisbehaviour(m: Header | Misbehaviour): m is Misbehaviour {
  return 'header1' in m;
}

function decodeOr<T>(codec: { decode(b: Uint8Array): T }, value: Uint8Array, what: string): T {
  try {
    return codec.decode(value);
  } catch (e) {
    throw clientErrors.InvalidHeader(`cannot decode ${what}: ${(e as Error).message}`);
  }
}

