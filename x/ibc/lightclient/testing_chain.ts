/**
 * A synthetic CometBFT chain for light client tests: ed25519 validators (deterministic keys),
 * headers hashed and commits signed exactly as CometBFT does (tm_hash.ts), so the verifier is
 * exercised end to end without a node.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import { Header as IbcHeader } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import { Commit, Header, type SignedHeader } from 'cosmjs-types/tendermint/types/types';
import type { Validator } from 'cosmjs-types/tendermint/types/validator';
import { sha256 } from '../../../src/crypto/hash';
import { parseChainIdRevision } from '../host';
import { headerHash, validatorSetHash, voteSignBytes } from './tm_hash';

export interface TestValidator {
  priv: Uint8Array;
  pub: Uint8Array;
  address: Uint8Array;
  power: bigint;
}

export function testValidator(seed: number, power: bigint): TestValidator {
  const priv = sha256(Uint8Array.of(0x7e, seed & 0xff, seed >> 8));
  const pub = ed25519.getPublicKey(priv);
  return { priv, pub, address: sha256(pub).subarray(0, 20), power };
}

/** CometBFT order: voting power descending, then address ascending. */
export function toValidators(vals: TestValidator[]): Validator[] {
  return [...vals]
    .sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(Buffer.from(a.address), Buffer.from(b.address))))
    .map((v) => ({ address: v.address, pubKey: { ed25519: v.pub }, votingPower: v.power, proposerPriority: 0n }));
}

export const ts = (seconds: bigint, nanos = 0): Timestamp => ({ seconds, nanos });

export interface BlockSpec {
  chainId: string;
  height: bigint;
  time: Timestamp;
  vals: TestValidator[];
  nextVals: TestValidator[];
  appHash?: Uint8Array;
  /** Which validators sign (by index into the sorted set); all by default. */
  signers?: (i: number) => boolean;
  /** Signs with this chain id instead (a forged header). */
  signChainId?: string;
  round?: number;
}

export function signedHeader(b: BlockSpec): SignedHeader {
  const sorted = toValidators(b.vals);
  const header = Header.fromPartial({
    version: { block: 11n, app: 0n },
    chainId: b.chainId,
    height: b.height,
    time: b.time,
    lastBlockId: { hash: sha256(Uint8Array.of(1)), partSetHeader: { total: 1, hash: sha256(Uint8Array.of(2)) } },
    lastCommitHash: sha256(Uint8Array.of(3)),
    dataHash: sha256(new Uint8Array()),
    validatorsHash: validatorSetHash(sorted),
    nextValidatorsHash: validatorSetHash(toValidators(b.nextVals)),
    consensusHash: sha256(Uint8Array.of(4)),
    appHash: b.appHash ?? sha256(Uint8Array.of(5, Number(b.height & 0xffn))),
    lastResultsHash: sha256(new Uint8Array()),
    evidenceHash: sha256(new Uint8Array()),
    proposerAddress: sorted[0].address,
  });
  const blockId = { hash: headerHash(header)!, partSetHeader: { total: 1, hash: sha256(Uint8Array.of(6)) } };
  const commit = Commit.fromPartial({
    height: b.height,
    round: b.round ?? 0,
    blockId,
    signatures: sorted.map((v) => ({ blockIdFlag: 2, validatorAddress: v.address, timestamp: b.time, signature: new Uint8Array(64) })),
  });
  const byAddr = new Map(b.vals.map((v) => [Buffer.from(v.address).toString('hex'), v]));
  commit.signatures.forEach((s, i) => {
    if (b.signers && !b.signers(i)) {
      commit.signatures[i] = { blockIdFlag: 1, validatorAddress: new Uint8Array(), timestamp: { seconds: -62135596800n, nanos: 0 }, signature: new Uint8Array() };
      return;
    }
    const v = byAddr.get(Buffer.from(s.validatorAddress).toString('hex'))!;
    s.signature = ed25519.sign(voteSignBytes(b.signChainId ?? b.chainId, commit, i), v.priv);
  });
  return { header, commit };
}

/** An ibc-go tendermint Header for MsgUpdateClient. */
export function ibcHeader(sh: SignedHeader, vals: TestValidator[], trustedHeight: bigint, trustedVals: TestValidator[]): IbcHeader {
  const sorted = toValidators(vals);
  const trusted = toValidators(trustedVals);
  return IbcHeader.fromPartial({
    signedHeader: sh,
    validatorSet: { validators: sorted, proposer: sorted[0], totalVotingPower: 0n },
    trustedHeight: { revisionNumber: parseChainIdRevision(sh.header!.chainId), revisionHeight: trustedHeight },
    trustedValidators: { validators: trusted, proposer: trusted[0], totalVotingPower: 0n },
  });
}
