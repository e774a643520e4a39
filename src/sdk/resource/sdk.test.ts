/**
 * The client SDK: every routed x/resource Msg has a Registry entry and an Amino converter, amino
 * names are unique and match the protos' amino.name, fromAmino(toAmino(m)) = m byte for byte, and
 * a tx signed in SIGN_MODE_LEGACY_AMINO_JSON with these converters is accepted by the app.
 */
import { makeSignDoc as makeAminoSignDoc, Secp256k1Wallet } from '@cosmjs/amino';
import { fromBase64 } from '@cosmjs/encoding';
import { encodePubkey, makeAuthInfoBytes, Registry } from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { AminoTypes } from '@cosmjs/stargate';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { ChallengeKind } from '../../gen/hypermesh/resource/v1/resource';
import { DEFAULT_PARAMS } from '../../../x/resource/params';
import { resourceMsgs } from '../../../x/resource/msg_server';
import { accountAddresses } from '../../crypto/address';
import { CHAIN_ID } from '../../../test/helpers/test_app';
import { HYPER, nodeKey, registerProvider, setupResource } from '../../../x/resource/test_helpers';
import { createResourceAminoConverters, resourceTypes, signHeartbeat, signNodeRegistration, transactionIdHex } from './index';
import * as urls from './messages';
import { getOption, hasOption } from '@bufbuild/protobuf';
import { messageDesc, protoRegistry } from '../../codec/descriptors';

const addr = 'hyper1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du';
const node = nodeKey(1);

const SAMPLES: Record<string, object> = {
  [urls.MSG_REGISTER_PROVIDER]: { provider: addr, moniker: 'm', contact: 'c', validator: '', bond: { denom: 'uhyper', amount: '10' }, prices: [{ denom: 'rcpu', price: '1000000000000000000' }] },
  [urls.MSG_UPDATE_PROVIDER]: { provider: addr, moniker: 'm', contact: '', validator: 'hypervaloper1x', prices: [] },
  [urls.MSG_ADD_BOND]: { provider: addr, amount: { denom: 'uhyper', amount: '5' } },
  [urls.MSG_UNBOND_PROVIDER]: { provider: addr },
  [urls.MSG_REGISTER_NODE]: {
    provider: addr,
    nodeId: node.nodeId,
    clusterId: 'c',
    region: '',
    capacity: { cpuMillicores: 1000n, memoryBytes: 0n, storageBytes: 5n, networkBytesPerSecond: 0n },
    attributes: [{ key: 'a', value: '' }],
    nodeSignature: signNodeRegistration(node, 'c', addr),
  },
  [urls.MSG_SIGN_ATTRIBUTES]: { auditor: addr, nodeId: node.nodeId, attributes: [], capacity: { cpuMillicores: 0n, memoryBytes: 0n, storageBytes: 0n, networkBytesPerSecond: 0n } },
  [urls.MSG_HEARTBEAT]: { submitter: addr, heartbeats: [signHeartbeat(node, 'c', { sequence: 3n, height: 9n, used: { cpuMillicores: 1n } })] },
  [urls.MSG_MINT]: { provider: addr, amount: { denom: 'rcpu', amount: '7' } },
  [urls.MSG_RETIRE]: { provider: addr, amount: { denom: 'rcpu', amount: '7' } },
  [urls.MSG_REDEEM]: { consumer: addr, amount: { denom: 'rcpu', amount: '7' }, durationSeconds: 3600n, provider: '', nodeId: node.nodeId },
  [urls.MSG_CHALLENGE]: { challenger: addr, kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, leaseId: 0n, heartbeat: signHeartbeat(node, 'c', { sequence: 1n, height: 1n }) },
  [urls.MSG_UPDATE_PARAMS]: { authority: addr, params: { ...DEFAULT_PARAMS, auditors: [addr], requireAudit: true } },
};

describe('registry and amino', () => {
  const converters = createResourceAminoConverters();
  const routed = resourceMsgs({} as never, accountAddresses, addr).map((r) => r.type.typeUrl).sort();

  test('every routed Msg has a Registry entry and an Amino converter', () => {
    expect(resourceTypes.map(([u]) => u).sort()).toEqual(routed);
    expect(Object.keys(converters).sort()).toEqual(routed);
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

  test.each(Object.keys(SAMPLES))('fromAmino(toAmino(m)) = m for %s', (url) => {
    const [, type] = resourceTypes.find(([u]) => u === url)!;
    const value = (type as any).fromPartial(SAMPLES[url]);
    const amino = new AminoTypes(converters);
    const json = amino.toAmino({ typeUrl: url, value });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json); // plain JSON: no bigint, no bytes
    const back = amino.fromAmino(json);
    expect(back.typeUrl).toBe(url);
    expect(Buffer.from((type as any).encode(back.value).finish()).toString('hex')).toBe(Buffer.from((type as any).encode(value).finish()).toString('hex'));
  });
});

describe('a SIGN_MODE_LEGACY_AMINO_JSON tx of x/resource Msgs', () => {
  test('is accepted by the app (its ante handler rebuilds the sign bytes with the same converters)', async () => {
    const x = await setupResource(2);
    try {
      await x.t.block([]);
      const key = x.s.keys[0];
      const msgs = [registerProvider(key.address, 10n * HYPER, { prices: [{ denom: 'rcpu', price: '5000000000000000000000' }] })];
      const amino = new AminoTypes(createResourceAminoConverters());
      const fee = { amount: [{ denom: 'uhyper', amount: '4000' }], gas: '400000' };
      const doc = makeAminoSignDoc(msgs.map((m) => amino.toAmino(m)), fee, CHAIN_ID, '', '0', '0');
      const wallet = await Secp256k1Wallet.fromKey(key.privkey, 'hyper');
      const { signature, signed } = await wallet.signAmino(key.address, doc);
      const registry = new Registry(resourceTypes);
      const bodyBytes = registry.encodeTxBody({ messages: signed.msgs.map((m) => amino.fromAmino(m)), memo: '' });
      const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(key.pubkey)), sequence: 0 }], fee.amount, 400000, undefined, undefined, SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
      const tx = TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
      const [r] = await x.t.block([tx]);
      expect([r.codespace, r.code, r.log]).toEqual(['', 0, '']);
      expect(x.k.getProvider(x.t.app.readCtx(x.t.height), accountAddresses.decode(key.address))?.prices[0].price).toBe('5000000000000000000000');
    } finally {
      await x.t.close();
    }
  });
});

test('transactionIdHex is the BLAKE3 id the chain reports', () => {
  expect(transactionIdHex({ nodeId: node.nodeId, resourceType: 1, amount: '1', durationSeconds: 1n, pricePerUnit: '0', consumer: addr, provider: addr, timestamp: { seconds: 1n, nanos: 0 }, leaseId: 1n })).toMatch(/^[0-9a-f]{64}$/);
});
