/**
 * ICS-20 packet data and acknowledgements as ibc-go v8 writes them, and denom trace rules.
 * Packet data vectors: ibc-go's FungibleTokenPacketData.GetBytes (v8: sdk.MustSortJSON of the
 * proto JSON), printed by a throwaway Go program with cosmos-sdk's MustSortJSON (not committed).
 */
import { ibcErrors } from '../ibc/errors';
import { fullDenomPath, ibcDenom, parseDenomTrace, receiverChainIsSource, senderChainIsSource, traceHash } from './denom';
import { decodePacketData, errorAck, packetDataBytes, parseAck, SUCCESS_ACK, validatePacketData } from './packet';
import { transferErrors } from './errors';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

test.each([
  [{ denom: 'uhyper', amount: '100', sender: 'hyper1sender', receiver: 'hyper1receiver', memo: '' }, '{"amount":"100","denom":"uhyper","receiver":"hyper1receiver","sender":"hyper1sender"}'],
  [
    { denom: 'transfer/channel-0/uatom', amount: '18446744073709551616', sender: 'a<b', receiver: 'c&d', memo: 'memo "x" é \u2028 >' },
    '{"amount":"18446744073709551616","denom":"transfer/channel-0/uatom","memo":"memo \\"x\\" é \\u2028 \\u003e","receiver":"c\\u0026d","sender":"a\\u003cb"}',
  ],
])('packet data bytes equal ibc-go v8 GetBytes (%#)', (data, want) => {
  expect(text(packetDataBytes(data))).toBe(want);
  expect(decodePacketData(packetDataBytes(data))).toEqual(data);
});

test('acknowledgements: ibc-go NewResultAcknowledgement([]byte{1}) and NewErrorAcknowledgement', () => {
  expect(text(SUCCESS_ACK)).toBe('{"result":"AQ=="}');
  expect(text(errorAck(5))).toBe('{"error":"ABCI code: 5: error handling packet: see events for details"}');
  expect(parseAck(SUCCESS_ACK)).toEqual({ success: true, text: 'AQ==' });
  expect(parseAck(errorAck(8)).success).toBe(false);
  expect(ibcErrors.UnknownRequest.is(catchErr(() => parseAck(new TextEncoder().encode('{"foo":1}'))))).toBe(true);
});

test('packet data is decoded strictly and validated', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  expect(ibcErrors.InvalidType.is(catchErr(() => decodePacketData(enc('not json'))))).toBe(true);
  expect(ibcErrors.InvalidType.is(catchErr(() => decodePacketData(enc('{"denom":"a","extra":"x"}'))))).toBe(true);
  const ok = { denom: 'uatom', amount: '5', sender: 's', receiver: 'r', memo: '' };
  expect(validatePacketData(ok)).toBe(5n);
  expect(transferErrors.InvalidAmount.is(catchErr(() => validatePacketData({ ...ok, amount: '0' })))).toBe(true);
  expect(transferErrors.InvalidAmount.is(catchErr(() => validatePacketData({ ...ok, amount: '-1' })))).toBe(true);
  expect(ibcErrors.InvalidAddress.is(catchErr(() => validatePacketData({ ...ok, receiver: ' ' })))).toBe(true);
});

test('denom traces: parsing, hashing, source rules', () => {
  expect(parseDenomTrace('uatom')).toEqual({ path: '', baseDenom: 'uatom' });
  expect(parseDenomTrace('transfer/channel-0/uatom')).toEqual({ path: 'transfer/channel-0', baseDenom: 'uatom' });
  expect(parseDenomTrace('transfer/channel-0/transfer/channel-12/gamm/pool/1')).toEqual({ path: 'transfer/channel-0/transfer/channel-12', baseDenom: 'gamm/pool/1' });
  expect(parseDenomTrace('gamm/pool/1')).toEqual({ path: '', baseDenom: 'gamm/pool/1' });
  const t = { path: 'transfer/channel-0', baseDenom: 'uatom' };
  expect(fullDenomPath(t)).toBe('transfer/channel-0/uatom');
  expect(traceHash(t)).toBe('27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2');
  expect(ibcDenom({ path: '', baseDenom: 'uhyper' })).toBe('uhyper');
  expect(receiverChainIsSource('transfer', 'channel-0', 'transfer/channel-0/uhyper')).toBe(true);
  expect(senderChainIsSource('transfer', 'channel-0', 'uhyper')).toBe(true);
  expect(senderChainIsSource('transfer', 'channel-0', 'transfer/channel-01/uhyper')).toBe(true);
});

function catchErr(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
