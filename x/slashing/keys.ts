/** x/slashing state, with the Cosmos SDK v0.50 prefixes and key layouts (x/slashing/types/keys.go). */
import { Params, ValidatorSigningInfo } from 'cosmjs-types/cosmos/slashing/v1beta1/slashing';
import { Params as HyperParams } from '../../src/gen/hypermesh/slashing/v1/params';
import { concatBytes } from '../../src/store/bytes';
import { keys, Schema, values, type KeyCodec } from '../../src/store/collections';

export const ModuleName = 'slashing';
export const StoreKey = 'slashing';
/** Bits per stored chunk of a missed-block bitmap. */
export const MISSED_BLOCK_BITMAP_CHUNK_SIZE = 1024n;

/** Address bytes with a one-byte length in front (address.MustLengthPrefix), terminal or not. */
const lpBytes: KeyCodec<Uint8Array> = {
  encode: (k) => concatBytes(Uint8Array.of(k.length), k),
  encodeNonTerminal: (k) => concatBytes(Uint8Array.of(k.length), k),
  decode: (b) => {
    const n = b[0]!;
    return [b.subarray(1, 1 + n), 1 + n];
  },
};
export { lpBytes };

export function slashingState() {
  const s = new Schema(StoreKey);
  return {
    params: s.item(0x00, 'params', values.proto(Params)),
    /** consensus address → ValidatorSigningInfo */
    signingInfo: s.map(0x01, 'validator_signing_info', lpBytes, values.proto(ValidatorSigningInfo)),
    /** (consensus address, chunk index) → a chunk of the missed-block bitmap */
    missedBlockBitmap: s.map(0x02, 'missed_block_bitmap', keys.pair(lpBytes, keys.uint64), values.bytes),
    /** consensus address → the consensus public key (an encoded Any) */
    addrPubkeyRelation: s.map(0x03, 'addr_pubkey_relation', lpBytes, values.bytes),
    /** HyperMesh: hypermesh.slashing.v1.Params */
    hyperParams: s.item(0x90, 'hypermesh_params', values.proto(HyperParams)),
  };
}
