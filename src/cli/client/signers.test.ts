import { MsgMultiSend, MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { msgSigners } from './signers';

const A = 'hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an';
const B = 'hyper16xvv2kempan9rmtzczk6w3uvh4nljjuq3xvny5';

test('signers come from the cosmos.msg.v1.signer option, nested fields included', () => {
  const send = { typeUrl: MsgSend.typeUrl, value: MsgSend.encode(MsgSend.fromPartial({ fromAddress: A, toAddress: B, amount: [] })).finish() };
  expect(msgSigners([send])).toEqual([A]);
  const multi = {
    typeUrl: MsgMultiSend.typeUrl,
    value: MsgMultiSend.encode(MsgMultiSend.fromPartial({ inputs: [{ address: B, coins: [] }], outputs: [{ address: A, coins: [] }] })).finish(),
  };
  expect(msgSigners([send, multi, send])).toEqual([A, B]);
  expect(msgSigners([{ typeUrl: '/unknown.Msg', value: new Uint8Array() }])).toEqual([]);
});
