/**
 * x/staking state, with the Cosmos SDK v0.50 prefixes and key layouts (x/staking/types/keys.go):
 * addresses are length-prefixed, the power index sorts by consensus power then inverted operator
 * address, queues are keyed by the SDK's sortable time bytes.
 */
import { DVPairs, DVVTriplets, Delegation, Params, Redelegation, UnbondingDelegation, ValAddresses } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { Params as HyperParams } from '../../src/gen/hypermesh/staking/v1/params';
import { concatBytes } from '../../src/store/bytes';
import { keys, Schema, values, type KeyCodec } from '../../src/store/collections';
import { historicalInfoValue, validatorValue } from './validator';

export const ModuleName = 'staking';
export const StoreKey = 'staking';
export const BondedPoolName = 'bonded_tokens_pool';
export const NotBondedPoolName = 'not_bonded_tokens_pool';

/** Address bytes with a one-byte length in front, wherever they sit in the key (address.MustLengthPrefix). */
export const lpBytes: KeyCodec<Uint8Array> = {
  encode: (k) => {
    if (k.length > 255) throw new Error('address longer than 255 bytes');
    return concatBytes(Uint8Array.of(k.length), k);
  },
  encodeNonTerminal: (k) => lpBytes.encode(k),
  decode: (b) => {
    const n = b[0];
    if (n === undefined || b.length < 1 + n) throw new Error('truncated length-prefixed key');
    return [b.subarray(1, 1 + n), 1 + n];
  },
};

function u64(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n));
  return b;
}

/** power (8 bytes BE) | len(addr) | ^addr: the SDK's GetValidatorsByPowerIndexKey. */
export const powerIndexKey: KeyCodec<[bigint, Uint8Array]> = {
  encode: ([power, addr]) => concatBytes(u64(power), Uint8Array.of(addr.length), addr.map((x) => ~x & 0xff)),
  encodeNonTerminal: (k) => powerIndexKey.encode(k),
  decode: (b) => {
    const power = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
    const n = b[8]!;
    return [[power, b.subarray(9, 9 + n).map((x) => ~x & 0xff)], 9 + n];
  },
};

/**
 * len(time) (8 bytes BE) | time | height (8 bytes BE): GetValidatorQueueKey, where time is the
 * SDK's sortable time string (see time.ts).
 */
export const validatorQueueKey: KeyCodec<[string, bigint]> = {
  encode: ([time, height]) => {
    const t = new TextEncoder().encode(time);
    return concatBytes(u64(BigInt(t.length)), t, u64(height));
  },
  encodeNonTerminal: (k) => validatorQueueKey.encode(k),
  decode: (b) => {
    const view = new DataView(b.buffer, b.byteOffset, b.length);
    const n = Number(view.getBigUint64(0));
    const time = new TextDecoder().decode(b.subarray(8, 8 + n));
    return [[time, view.getBigUint64(8 + n)], 16 + n];
  },
};

/** google.protobuf.Int64Value (gogotypes.Int64Value): field 1, omitted when 0. */
const int64Value = {
  encode: (v: bigint) => (v === 0n ? new Uint8Array() : new BinaryWriter().uint32(8).int64(v).finish()),
  decode: (b: Uint8Array) => {
    const r = new BinaryReader(b);
    let value = 0n;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === 8) value = r.int64();
      else r.skipType(tag & 7);
    }
    return value;
  },
};

export function stakingState() {
  const s = new Schema(StoreKey);
  return {
    /** operator → consensus power last sent to CometBFT (bonded validators only) */
    lastValidatorPower: s.map(0x11, 'last_validator_power', lpBytes, int64Value),
    lastTotalPower: s.item(0x12, 'last_total_power', values.int),
    validators: s.map(0x21, 'validators', lpBytes, validatorValue),
    /** consensus address → operator */
    validatorsByConsAddr: s.map(0x22, 'validators_by_cons_addr', lpBytes, values.bytes),
    /** (power, operator) → operator, iterated in reverse: the candidates for the active set */
    validatorsByPower: s.map(0x23, 'validators_by_power', powerIndexKey, values.bytes),
    /** (delegator, validator) → Delegation */
    delegations: s.map(0x31, 'delegations', keys.pair(lpBytes, lpBytes), values.proto(Delegation)),
    /** (delegator, validator) → UnbondingDelegation */
    unbondingDelegations: s.map(0x32, 'unbonding_delegations', keys.pair(lpBytes, lpBytes), values.proto(UnbondingDelegation)),
    /** (validator, delegator) → nothing */
    unbondingDelegationsByVal: s.map(0x33, 'unbonding_delegations_by_val', keys.pair(lpBytes, lpBytes), values.none),
    /** (delegator, source, destination) → Redelegation */
    redelegations: s.map(0x34, 'redelegations', keys.triple(lpBytes, lpBytes, lpBytes), values.proto(Redelegation)),
    /** (source, delegator, destination) → nothing */
    redelegationsBySrc: s.map(0x35, 'redelegations_by_src', keys.triple(lpBytes, lpBytes, lpBytes), values.none),
    /** (destination, delegator, source) → nothing */
    redelegationsByDst: s.map(0x36, 'redelegations_by_dst', keys.triple(lpBytes, lpBytes, lpBytes), values.none),
    /** the last unbonding id handed out */
    unbondingId: s.item(0x37, 'unbonding_id', values.uint64),
    /** completion time → (delegator, validator) pairs */
    unbondingQueue: s.map(0x41, 'unbonding_queue', keys.string, values.proto(DVPairs)),
    /** completion time → (delegator, source, destination) triplets */
    redelegationQueue: s.map(0x42, 'redelegation_queue', keys.string, values.proto(DVVTriplets)),
    /** (unbonding time, unbonding height) → validator operators */
    validatorQueue: s.map(0x43, 'validator_queue', validatorQueueKey, values.proto(ValAddresses)),
    historicalInfo: s.map(0x50, 'historical_info', keys.uint64, historicalInfoValue),
    params: s.item(0x51, 'params', values.proto(Params)),
    /** (validator, delegator) → nothing: GetDelegationsByValKey (delegator not length-prefixed) */
    delegationsByVal: s.map(0x71, 'delegations_by_val', keys.pair(lpBytes, keys.bytes), values.none),
    /** HyperMesh: resource-validated power params (hypermesh.staking.v1.Params) */
    hyperParams: s.item(0x90, 'hypermesh_params', values.proto(HyperParams)),
  };
}
export type StakingState = ReturnType<typeof stakingState>;
