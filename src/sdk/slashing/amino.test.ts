import { AminoTypes } from '@cosmjs/stargate';
import { createSlashingAminoConverters, MSG_UNJAIL } from './amino';

test('MsgUnjail amino round trip with the SDK legacy name', () => {
  const amino = new AminoTypes(createSlashingAminoConverters());
  const msg = { typeUrl: MSG_UNJAIL, value: { validatorAddr: 'hypervaloper1abc' } };
  const a = amino.toAmino(msg);
  expect(a).toEqual({ type: 'cosmos-sdk/MsgUnjail', value: { address: 'hypervaloper1abc' } });
  expect(amino.fromAmino(a)).toEqual(msg);
});
