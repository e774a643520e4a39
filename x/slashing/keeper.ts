/**
 * SlashingKeeper: signing info per consensus address, the missed-block bitmap, and the three ways
 * a validator loses stake — downtime (from the decided last commit), double signing (from
 * FinalizeBlock's misbehavior), and resource fraud (called by the market modules). As the SDK's
 * x/slashing/keeper (infractions.go, signing_info.go, unjail.go) and x/evidence's
 * HandleEquivocationEvidence.
 */
import { ValidatorSigningInfo, type Params } from 'cosmjs-types/cosmos/slashing/v1beta1/slashing';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { MisbehaviorType, type Misbehavior, type VoteInfo } from 'cosmjs-types/tendermint/abci/types';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { Any as AnyCodec } from 'cosmjs-types/google/protobuf/any';
import type { Params as HyperParams } from '../../src/gen/hypermesh/slashing/v1/params';
import { CMap } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sha256Truncated } from '../../src/crypto/hash';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { getBit, setBit } from './bitmap';
import { slashingErrors } from './errors';
import * as events from './events';
import type { StakingKeeper } from './expected_keepers';
import { lpBytes, MISSED_BLOCK_BITMAP_CHUNK_SIZE, slashingState } from './keys';
import { decOf } from './params';

/** Jailed "forever": the SDK's DoubleSignJailEndTime, 9999-12-31T23:59:59Z. */
export const DOUBLE_SIGN_JAIL_END_SECONDS = 253402300799n;
const NS = 1_000_000_000n;

function tsNs(t: { seconds: bigint; nanos: number } | undefined): bigint {
  return t ? t.seconds * NS + BigInt(t.nanos) : 0n;
}
function tsFromNs(ns: bigint) {
  return { seconds: ns / NS, nanos: Number(ns % NS) };
}

export interface SlashingKeeperDeps {
  staking: StakingKeeper;
  authority: string;
}

export class SlashingKeeper {
  readonly state = slashingState();
  constructor(readonly deps: SlashingKeeperDeps) {}

  private get sk(): StakingKeeper {
    return this.deps.staking;
  }
  get consensusAddressCodec() {
    return this.sk.consensusAddressCodec;
  }

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  hyperParams(ctx: Context): HyperParams {
    return this.state.hyperParams.must(ctx);
  }
  setHyperParams(ctx: Context, p: HyperParams): void {
    this.state.hyperParams.set(ctx, p);
  }

  /** min_signed_per_window × signed_blocks_window, rounded (the SDK's MinSignedPerWindow). */
  minSignedPerWindow(ctx: Context): bigint {
    const p = this.params(ctx);
    return decOf(p.minSignedPerWindow).mulInt(p.signedBlocksWindow).roundInt();
  }

  // --- signing info -------------------------------------------------------------------

  getSigningInfo(ctx: Context, consAddr: Uint8Array): ValidatorSigningInfo | undefined {
    return this.state.signingInfo.get(ctx, consAddr);
  }
  setSigningInfo(ctx: Context, consAddr: Uint8Array, info: ValidatorSigningInfo): void {
    this.state.signingInfo.set(ctx, consAddr, info);
  }

  isTombstoned(ctx: Context, consAddr: Uint8Array): boolean {
    return this.getSigningInfo(ctx, consAddr)?.tombstoned ?? false;
  }

  tombstone(ctx: Context, consAddr: Uint8Array): void {
    const info = this.getSigningInfo(ctx, consAddr);
    if (!info) throw slashingErrors.NoSigningInfoFound('cannot tombstone validator that does not have any signing information');
    if (info.tombstoned) throw slashingErrors.ValidatorTombstoned('cannot tombstone validator that is already tombstoned');
    this.setSigningInfo(ctx, consAddr, { ...info, tombstoned: true });
  }

  jailUntil(ctx: Context, consAddr: Uint8Array, untilNs: bigint): void {
    const info = this.getSigningInfo(ctx, consAddr);
    if (!info) throw slashingErrors.NoSigningInfoFound('cannot jail validator that does not have any signing information');
    this.setSigningInfo(ctx, consAddr, { ...info, jailedUntil: tsFromNs(untilNs) });
  }

  missedBlockBit(ctx: Context, consAddr: Uint8Array, index: bigint): boolean {
    const chunk = this.state.missedBlockBitmap.get(ctx, [consAddr, index / MISSED_BLOCK_BITMAP_CHUNK_SIZE]);
    return getBit(chunk, Number(index % MISSED_BLOCK_BITMAP_CHUNK_SIZE));
  }

  setMissedBlockBit(ctx: Context, consAddr: Uint8Array, index: bigint, missed: boolean): void {
    const key: [Uint8Array, bigint] = [consAddr, index / MISSED_BLOCK_BITMAP_CHUNK_SIZE];
    const chunk = this.state.missedBlockBitmap.get(ctx, key);
    this.state.missedBlockBitmap.set(ctx, key, setBit(chunk, Number(index % MISSED_BLOCK_BITMAP_CHUNK_SIZE), missed));
  }

  deleteMissedBlockBitmap(ctx: Context, consAddr: Uint8Array): void {
    const prefix = CMap.prefixOf(lpBytes, consAddr);
    const keys = [...this.state.missedBlockBitmap.iterate(ctx, { prefix })].map(([k]) => k);
    for (const k of keys) this.state.missedBlockBitmap.delete(ctx, [Uint8Array.from(k[0]), k[1]]);
  }

  /** Indexes of the missed blocks in the current window. */
  missedBlocks(ctx: Context, consAddr: Uint8Array): { index: bigint; missed: boolean }[] {
    const out: { index: bigint; missed: boolean }[] = [];
    const prefix = CMap.prefixOf(lpBytes, consAddr);
    for (const [[, chunkIndex], chunk] of this.state.missedBlockBitmap.iterate(ctx, { prefix })) {
      for (let i = 0n; i < MISSED_BLOCK_BITMAP_CHUNK_SIZE; i++) {
        if (getBit(chunk, Number(i))) out.push({ index: chunkIndex * MISSED_BLOCK_BITMAP_CHUNK_SIZE + i, missed: true });
      }
    }
    return out;
  }

  addPubkey(ctx: Context, pubkey: Any): void {
    const key = Ed25519PubKey.decode(pubkey.value).key;
    this.state.addrPubkeyRelation.set(ctx, sha256Truncated(key), AnyCodec.encode(pubkey).finish());
  }

  // --- liveness -----------------------------------------------------------------------

  /**
   * One validator's vote in the decided last commit: updates its window; once it has missed more
   * than signed_blocks_window − min_signed blocks of a full window, it is slashed by
   * slash_fraction_downtime, jailed for downtime_jail_duration and its window restarts.
   * Votes of validators x/staking does not know (a CometBFT genesis set) are skipped.
   */
  handleValidatorSignature(ctx: Context, consAddr: Uint8Array, power: bigint, flag: BlockIDFlag): void {
    const height = BigInt(ctx.block.height);
    const validator = this.sk.getValidatorByConsAddr(ctx, consAddr);
    if (!validator || validator.jailed) return;
    const info = this.getSigningInfo(ctx, consAddr);
    if (!info) throw slashingErrors.NoSigningInfoFound(this.consensusAddressCodec.encode(consAddr));
    const p = this.params(ctx);
    const window = p.signedBlocksWindow;
    const index = info.indexOffset % window;
    let next: ValidatorSigningInfo = { ...info, indexOffset: info.indexOffset + 1n };

    const previous = this.missedBlockBit(ctx, consAddr, index);
    const missed = flag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT;
    if (!previous && missed) {
      this.setMissedBlockBit(ctx, consAddr, index, true);
      next = { ...next, missedBlocksCounter: next.missedBlocksCounter + 1n };
    } else if (previous && !missed) {
      this.setMissedBlockBit(ctx, consAddr, index, false);
      next = { ...next, missedBlocksCounter: next.missedBlocksCounter - 1n };
    }
    const consStr = this.consensusAddressCodec.encode(consAddr);
    if (missed) ctx.events.emit(events.liveness(consStr, next.missedBlocksCounter, ctx.block.height));

    const minHeight = next.startHeight + window;
    const maxMissed = window - this.minSignedPerWindow(ctx);
    if (height > minHeight && next.missedBlocksCounter > maxMissed) {
      const distributionHeight = height - 1n - 1n; // the SDK: height − ValidatorUpdateDelay − 1
      const burned = this.sk.slash(ctx, consAddr, distributionHeight, power, decOf(p.slashFractionDowntime));
      ctx.events.emit(events.slash(consStr, power, events.Reason.MissingSignature, burned, consStr));
      this.sk.jail(ctx, consAddr);
      next = {
        ...next,
        jailedUntil: tsFromNs(ctx.block.timeNs + tsNs(p.downtimeJailDuration)),
        missedBlocksCounter: 0n,
        indexOffset: 0n,
      };
      this.deleteMissedBlockBitmap(ctx, consAddr);
    }
    this.setSigningInfo(ctx, consAddr, next);
  }

  // --- double signing -----------------------------------------------------------------

  /**
   * Equivocation evidence (DUPLICATE_VOTE or LIGHT_CLIENT_ATTACK), as the SDK's
   * HandleEquivocationEvidence: ignored when the validator is unknown or unbonded, already
   * tombstoned, or the evidence is older than both evidence max ages; otherwise slashed by
   * slash_fraction_double_sign from the infraction height, jailed forever and tombstoned.
   */
  handleEquivocation(ctx: Context, m: Misbehavior): void {
    const consAddr = m.validator.address;
    const validator = this.sk.getValidatorByConsAddr(ctx, consAddr);
    if (!validator || validator.status === 1 /* BOND_STATUS_UNBONDED */) return;
    if (!this.state.addrPubkeyRelation.has(ctx, consAddr)) return;

    const ageDurationNs = ctx.block.timeNs - tsNs(m.time);
    const ageBlocks = BigInt(ctx.block.height) - m.height;
    const ev = ctx.consensusParams?.evidence;
    if (ev && ageDurationNs > tsNs(ev.maxAgeDuration) && ageBlocks > ev.maxAgeNumBlocks) return;

    if (!this.getSigningInfo(ctx, consAddr)) throw slashingErrors.NoSigningInfoFound(`expected signing info for validator ${this.consensusAddressCodec.encode(consAddr)}`);
    if (this.isTombstoned(ctx, consAddr)) return;

    const consStr = this.consensusAddressCodec.encode(consAddr);
    const fraction = decOf(this.params(ctx).slashFractionDoubleSign);
    const burned = this.sk.slash(ctx, consAddr, m.height - 1n, m.validator.power, fraction);
    ctx.events.emit(events.slash(consStr, m.validator.power, events.Reason.DoubleSign, burned));
    if (!validator.jailed) this.sk.jail(ctx, consAddr);
    this.jailUntil(ctx, consAddr, DOUBLE_SIGN_JAIL_END_SECONDS * NS);
    this.tombstone(ctx, consAddr);
  }

  /** BeginBlock: liveness of every vote of the last commit, then the block's misbehavior. */
  beginBlock(ctx: Context, votes: readonly VoteInfo[], misbehavior: readonly Misbehavior[]): void {
    for (const v of votes) this.handleValidatorSignature(ctx, v.validator.address, v.validator.power, v.blockIdFlag);
    for (const m of misbehavior) {
      if (m.type === MisbehaviorType.DUPLICATE_VOTE || m.type === MisbehaviorType.LIGHT_CLIENT_ATTACK) this.handleEquivocation(ctx, m);
    }
  }

  // --- resource fraud -----------------------------------------------------------------

  /**
   * Entry point for the market modules: resource fraud proven against the provider linked to a
   * validator burns resource_fraud_slash_fraction of the validator's stake (its delegators' with
   * it, as any slash), at the current height. The validator is not jailed (the caller decides).
   * Returns the tokens burned; 0 for an unknown or unbonded validator.
   */
  slashForResourceFraud(ctx: Context, valoperAddress: string): bigint {
    const v = this.sk.getValidator(ctx, this.sk.validatorAddressCodec.decode(valoperAddress));
    if (!v || v.status === 1 /* BOND_STATUS_UNBONDED */) return 0n;
    const consAddr = sha256Truncated(Ed25519PubKey.decode(v.consensusPubkey!.value).key);
    const power = this.sk.potentialCometPower(ctx, v);
    const fraction = Dec.fromProto(this.hyperParams(ctx).resourceFraudSlashFraction);
    const burned = this.sk.slash(ctx, consAddr, BigInt(ctx.block.height), power, fraction);
    ctx.events.emit(events.slash(this.consensusAddressCodec.encode(consAddr), power, events.Reason.ResourceFraud, burned));
    return burned;
  }

  // --- unjail -------------------------------------------------------------------------

  /** MsgUnjail: the operator brings a jailed validator back once jail time is over. */
  unjail(ctx: Context, valAddr: Uint8Array): void {
    const v = this.sk.getValidator(ctx, valAddr);
    if (!v) throw slashingErrors.NoValidatorForAddress();
    const selfDel = this.sk.getDelegation(ctx, valAddr, valAddr);
    if (!selfDel) throw slashingErrors.MissingSelfDelegation();
    const tokens = Dec.fromProto(selfDel.shares).mulInt(BigInt(v.tokens)).quo(Dec.fromProto(v.delegatorShares)).truncateInt();
    if (tokens < BigInt(v.minSelfDelegation)) throw slashingErrors.SelfDelegationTooLowToUnjail(`${tokens} less than ${v.minSelfDelegation}`);
    if (!v.jailed) throw slashingErrors.ValidatorNotJailed();
    const consAddr = sha256Truncated(Ed25519PubKey.decode(v.consensusPubkey!.value).key);
    const info = this.getSigningInfo(ctx, consAddr);
    if (info) {
      if (info.tombstoned) throw slashingErrors.ValidatorJailed('validator is tombstoned');
      if (ctx.block.timeNs < tsNs(info.jailedUntil)) throw slashingErrors.ValidatorJailed(`validator jailed until ${info.jailedUntil?.seconds}s`);
    }
    this.sk.unjail(ctx, consAddr);
  }

  /** A fresh signing info from this height (AfterValidatorBonded), or its start height moved here. */
  afterValidatorBonded(ctx: Context, consAddr: Uint8Array): void {
    const info = this.getSigningInfo(ctx, consAddr);
    const height = BigInt(ctx.block.height);
    this.setSigningInfo(
      ctx,
      consAddr,
      info
        ? { ...info, startHeight: height }
        : ValidatorSigningInfo.fromPartial({
            address: this.consensusAddressCodec.encode(consAddr),
            startHeight: height,
            indexOffset: 0n,
            jailedUntil: { seconds: 0n, nanos: 0 },
            tombstoned: false,
            missedBlocksCounter: 0n,
          }),
    );
  }
}
