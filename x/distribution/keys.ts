/** x/distribution state, with the Cosmos SDK v0.50 prefixes and key layouts (x/distribution/types/keys.go). */
import {
  DelegatorStartingInfo,
  FeePool,
  Params,
  ValidatorAccumulatedCommission,
  ValidatorCurrentRewards,
  ValidatorHistoricalRewards,
  ValidatorOutstandingRewards,
  ValidatorSlashEvent,
} from 'cosmjs-types/cosmos/distribution/v1beta1/distribution';
import { Params as HyperParams } from '../../src/gen/hypermesh/distribution/v1/params';
import { concatBytes } from '../../src/store/bytes';
import { keys, Schema, values, type KeyCodec } from '../../src/store/collections';

export const ModuleName = 'distribution';
export const StoreKey = 'distribution';

/** Address bytes with a one-byte length in front (address.MustLengthPrefix), terminal or not. */
export const lpBytes: KeyCodec<Uint8Array> = {
  encode: (k) => concatBytes(Uint8Array.of(k.length), k),
  encodeNonTerminal: (k) => concatBytes(Uint8Array.of(k.length), k),
  decode: (b) => {
    const n = b[0]!;
    return [b.subarray(1, 1 + n), 1 + n];
  },
};

/** 8 bytes little-endian: the period in GetValidatorHistoricalRewardsKey. */
const u64le: KeyCodec<bigint> = {
  encode: (k) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, k, true);
    return b;
  },
  encodeNonTerminal: (k) => u64le.encode(k),
  decode: (b) => [new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true), 8],
};

export function distributionState() {
  const s = new Schema(StoreKey);
  return {
    feePool: s.item(0x00, 'fee_pool', values.proto(FeePool)),
    /** consensus address of the previous block's proposer */
    previousProposer: s.item(0x01, 'previous_proposer', values.bytes),
    outstandingRewards: s.map(0x02, 'validator_outstanding_rewards', lpBytes, values.proto(ValidatorOutstandingRewards)),
    /** delegator → withdraw address bytes */
    withdrawAddr: s.map(0x03, 'delegator_withdraw_address', lpBytes, values.bytes),
    /** (validator, delegator) → starting info */
    startingInfo: s.map(0x04, 'delegator_starting_info', keys.pair(lpBytes, lpBytes), values.proto(DelegatorStartingInfo)),
    /** (validator, period LE) → historical rewards */
    historicalRewards: s.map(0x05, 'validator_historical_rewards', keys.pair(lpBytes, u64le), values.proto(ValidatorHistoricalRewards)),
    currentRewards: s.map(0x06, 'validator_current_rewards', lpBytes, values.proto(ValidatorCurrentRewards)),
    accumulatedCommission: s.map(0x07, 'validator_accumulated_commission', lpBytes, values.proto(ValidatorAccumulatedCommission)),
    /** (validator, height BE, period BE) → slash event */
    slashEvents: s.map(0x08, 'validator_slash_events', keys.triple(lpBytes, keys.uint64, keys.uint64), values.proto(ValidatorSlashEvent)),
    params: s.item(0x09, 'params', values.proto(Params)),
    /** HyperMesh: hypermesh.distribution.v1.Params */
    hyperParams: s.item(0x90, 'hypermesh_params', values.proto(HyperParams)),
  };
}
