/** x/mint state, with the Cosmos SDK v0.50 prefixes (x/mint/types/keys.go). */
import { Minter, Params } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import { Schema, values } from '../../src/store/collections';

export const ModuleName = 'mint';
export const StoreKey = 'mint';

export function mintState() {
  const s = new Schema(StoreKey);
  return {
    minter: s.item(0x00, 'minter', values.proto(Minter)),
    params: s.item(0x01, 'params', values.proto(Params)),
  };
}
