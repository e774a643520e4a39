/** x/bank state, with the Cosmos SDK v0.50 prefixes (x/bank/types/keys.go). */
import { Metadata, Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { keys, Schema, values, type ValueCodec } from '../../src/store/collections';

export const ModuleName = 'bank';
export const StoreKey = 'bank';

/** The SDK's collections.BoolValue: "true"/"false" as bytes. */
const boolValue: ValueCodec<boolean> = {
  encode: (v) => new TextEncoder().encode(v ? 'true' : 'false'),
  decode: (b) => new TextDecoder().decode(b) === 'true',
};

export function bankState() {
  const s = new Schema(StoreKey);
  return {
    /** denom → total supply */
    supply: s.map(0, 'supply', keys.string, values.int),
    denomMetadata: s.map(1, 'denom_metadata', keys.string, values.proto(Metadata)),
    /** (address, denom) → amount: 0x02 | len(address) | address | denom, as the SDK stores it */
    balances: s.map(2, 'balances', keys.pair(keys.bytes, keys.string), values.int),
    /** (denom, address) → nothing: who holds a denom */
    denomOwners: s.map(3, 'denom_owners', keys.pair(keys.string, keys.bytes), values.none),
    sendEnabled: s.map(4, 'send_enabled', keys.string, boolValue),
    params: s.item(5, 'params', values.proto(Params)),
  };
}
export type BankState = ReturnType<typeof bankState>;
