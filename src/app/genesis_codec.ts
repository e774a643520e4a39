/** Genesis sections in the Cosmos SDK's JSON, converted through the protobuf descriptors. */
import { fromSdkJsonOf, toSdkJsonOf } from '../codec/proto_json';
import type { GenesisCodec } from './base_app';

export const sdkGenesisCodec: GenesisCodec = {
  decode: (genesis, json) => fromSdkJsonOf(genesis.type, json),
  encode: (genesis, value) => toSdkJsonOf(genesis.type, value),
};
