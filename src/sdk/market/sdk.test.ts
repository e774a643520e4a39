/**
 * The market and paych client SDKs: every routed Msg has a Registry entry and an Amino converter,
 * amino names are unique and equal the protos' amino.name, fromAmino(toAmino(m)) = m byte for byte,
 * and a tx signed in SIGN_MODE_LEGACY_AMINO_JSON with these converters is accepted by the app.
 */
import { makeSignDoc as makeAminoSignDoc, Secp256k1Wallet, encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { fromBase64 } from '@cosmjs/encoding';
import { encodePubkey, makeAuthInfoBytes, Registry, type GeneratedType } from '@cosmjs/proto-signing';
import { AminoTypes, type AminoConverters } from '@cosmjs/stargate';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { getOption, hasOption } from '@bufbuild/protobuf';
import { BreachKind, OrderType, Side, TimeInForce } from '../../gen/hypermesh/market/v1/market';
import { marketMsgs } from '../../../x/market/msg_server';
import { DEFAULT_PARAMS as MARKET_DEFAULTS } from '../../../x/market/params';
import { paychMsgs } from '../../../x/paych/msg_server';
import { DEFAULT_PARAMS as PAYCH_DEFAULTS } from '../../../x/paych/params';
import { accountAddresses } from '../../crypto/address';
import { messageDesc, protoRegistry } from '../../codec/descriptors';
import { CHAIN_ID } from '../../../test/helpers/test_app';
import { nodeKeyFromSeed, signHeartbeat } from '../resource';
import { setupMarket } from '../../../x/market/test_helpers';
import { createPaychAminoConverters, paychTypes, signVoucher } from '../paych';
import * as purls from '../paych/messages';
import { createMarketAminoConverters, marketTypes, placeOrderMsg } from './index';
import * as urls from './messages';

const addr = 'hyper1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du';
const hbKey = nodeKeyFromSeed(new Uint8Array(32).fill(3));

const MARKET_SAMPLES: Record<string, object> = {
  [urls.MSG_PLACE_ORDER]: { owner: addr, denom: 'rcpu', side: Side.SIDE_BUY, orderType: OrderType.ORDER_TYPE_LIMIT, timeInForce: TimeInForce.TIME_IN_FORCE_FOK, price: '10000000000000000000000', quantity: '5', maxQuote: '', postOnly: true, priorityFee: '7' },
  [urls.MSG_CANCEL_ORDER]: { owner: addr, orderId: 9n },
  [urls.MSG_CREATE_REQUEST]: {
    consumer: addr,
    resources: [{ denom: 'rcpu', amount: '2' }, { denom: 'rmem', amount: '4' }],
    maxPrices: [{ denom: 'rcpu', price: '1' }, { denom: 'rmem', price: '2' }],
    durationBlocks: 100n,
    biddingBlocks: 5n,
    region: 'eu',
    attributes: [{ key: 'gpu', value: 'a100' }],
    minReputation: '500000000000000000',
    sla: { uptimeBps: 9900, heartbeatIntervalSeconds: 60n, maxMissedWindows: 2, penalty: '100', penaltyBondFraction: '' },
    priorityFee: '',
  },
  [urls.MSG_CANCEL_REQUEST]: { consumer: addr, requestId: 3n },
  [urls.MSG_BID]: { provider: addr, requestId: 3n, nodeId: 'ab'.repeat(32), prices: [{ denom: 'rcpu', price: '1' }] },
  [urls.MSG_CANCEL_BID]: { provider: addr, requestId: 3n },
  [urls.MSG_DEPOSIT_LEASE]: { consumer: addr, leaseId: 2n, amount: { denom: 'uhyper', amount: '10' } },
  [urls.MSG_CLOSE_LEASE]: { sender: addr, leaseId: 2n },
  [urls.MSG_REPORT_BREACH]: { consumer: addr, leaseId: 2n, kind: BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT, heartbeat: signHeartbeat(hbKey, 'c', { sequence: 4n, height: 10n, used: { cpuMillicores: 9n } }) },
  [urls.MSG_MARKET_UPDATE_PARAMS]: { authority: addr, params: MARKET_DEFAULTS },
};

const PAYCH_SAMPLES: Record<string, object> = {
  [purls.MSG_CREATE_CHANNEL]: { payer: addr, payee: addr, deposit: { denom: 'uhyper', amount: '100' } },
  [purls.MSG_FUND_CHANNEL]: { payer: addr, channelId: 1n, amount: { denom: 'uhyper', amount: '5' } },
  [purls.MSG_UPDATE_CHANNEL]: { sender: addr, voucher: signVoucher({ algo: 'ed25519', privateKey: new Uint8Array(32).fill(1) }, 'c', { channelId: 1n, lane: 2n, nonce: 3n, amount: 40n, minSettleHeight: 9n }) },
  [purls.MSG_SETTLE]: { sender: addr, channelId: 1n },
  [purls.MSG_COLLECT]: { sender: addr, channelId: 1n },
  [purls.MSG_PAYCH_UPDATE_PARAMS]: { authority: addr, params: PAYCH_DEFAULTS },
};

describe.each([
  ['market', marketTypes, createMarketAminoConverters(), marketMsgs({} as never, accountAddresses, addr), MARKET_SAMPLES],
  ['paych', paychTypes, createPaychAminoConverters(), paychMsgs({} as never, accountAddresses, addr), PAYCH_SAMPLES],
] as [string, ReadonlyArray<[string, GeneratedType]>, AminoConverters, { type: { typeUrl: string } }[], Record<string, object>][])('%s registry and amino', (_m, types, converters, routes, samples) => {
  const routed = routes.map((r) => r.type.typeUrl).sort();

  test('every routed Msg has a Registry entry, an Amino converter and a sample here', () => {
    expect(types.map(([u]) => u).sort()).toEqual(routed);
    expect(Object.keys(converters).sort()).toEqual(routed);
    expect(Object.keys(samples).sort()).toEqual(routed);
  });

  test('amino names are unique and are the protos’ amino.name', () => {
    const names = Object.values(converters).map((c) => c.aminoType);
    expect(new Set(names).size).toBe(names.length);
    const ext = protoRegistry().getExtension('amino.name')!;
    for (const [url, c] of Object.entries(converters)) {
      const desc = messageDesc(url.slice(1))!;
      expect((hasOption as any)(desc, ext)).toBe(true);
      expect((getOption as any)(desc, ext)).toBe(c.aminoType);
    }
  });

  test.each(Object.keys(samples))('fromAmino(toAmino(m)) = m for %s', (url) => {
    const [, type] = types.find(([u]) => u === url)!;
    const value = (type as any).fromPartial(samples[url]);
    const amino = new AminoTypes(converters);
    const json = amino.toAmino({ typeUrl: url, value });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const back = amino.fromAmino(json);
    expect(back.typeUrl).toBe(url);
    expect(Buffer.from((type as any).encode(back.value).finish()).toString('hex')).toBe(Buffer.from((type as any).encode(value).finish()).toString('hex'));
  });
});

describe('a SIGN_MODE_LEGACY_AMINO_JSON tx of x/market Msgs', () => {
  test('is accepted by the app (its ante handler rebuilds the sign bytes with the same converters)', async () => {
    const x = await setupMarket({ tokens: { rcpu: 10n } });
    try {
      await x.t.block([]);
      const key = x.s.keys[0];
      const msgs = [placeOrderMsg({ owner: key.address, denom: 'rcpu', side: 'sell', price: '12345', quantity: 3n, postOnly: true })];
      const amino = new AminoTypes(createMarketAminoConverters());
      const fee = { amount: [{ denom: 'uhyper', amount: '4000' }], gas: '400000' };
      const doc = makeAminoSignDoc(msgs.map((m) => amino.toAmino(m)), fee, CHAIN_ID, '', '0', '0');
      const wallet = await Secp256k1Wallet.fromKey(key.privkey, 'hyper');
      const { signature, signed } = await wallet.signAmino(key.address, doc);
      const registry = new Registry(marketTypes);
      const bodyBytes = registry.encodeTxBody({ messages: signed.msgs.map((m) => amino.fromAmino(m)), memo: '' });
      const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(key.pubkey)), sequence: 0 }], fee.amount, 400000, undefined, undefined, SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
      const tx = TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
      const [r] = await x.t.block([tx]);
      expect([r.codespace, r.code, r.log]).toEqual(['', 0, '']);
      expect(x.k.state.orders.get(x.ctx(), 1n)).toMatchObject({ owner: key.address, quantity: '3', postOnly: true });
    } finally {
      await x.t.close();
    }
  });
});
