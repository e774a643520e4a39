/**
 * Txs built and signed by the CLI verify as the chain checks them: the sign bytes the ante
 * handler computes (src/app/ante/sign_bytes.ts) from the decoded tx, under the key's public key,
 * for both sign modes and both key types; and an unsigned tx survives the SDK JSON round trip
 * of --generate-only / tx sign / tx broadcast with the same bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { Tx } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { defaultRegistryTypes } from '@cosmjs/stargate';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { decodeTx } from '../../codec/tx_decoder';
import { TypeRegistry } from '../../codec/type_registry';
import { fromSdkJsonOf, toSdkJsonStringOf } from '../../codec/proto_json';
import { openKeyring, type Keyring } from '../../crypto/keyring';
import { decodePubKey } from '../../crypto/pubkey';
import { verifySignature } from '../../crypto/verify';
import { signBytesFor } from '../../app/ante/sign_bytes';
import { buildTxCodec } from './context';
import { signTx, simulationBytes, txBytes, txHashHex, unsignedTx, type SignModeName } from './tx_build';
import { bankTxModule } from '../commands/tx_bank';

const codec = buildTxCodec([bankTxModule]);
const registry = new TypeRegistry().register(...defaultRegistryTypes.map(([, t]) => t as any).filter((t) => typeof t.typeUrl === 'string'));

let dir: string;
let kr: Keyring;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-txbuild-'));
  kr = await openKeyring({ dir, backend: 'test' });
  await kr.add('secp', { algo: 'secp256k1' });
  await kr.add('ed', { algo: 'ed25519' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function send(from: string) {
  return codec.registry.encodeAsAny({
    typeUrl: MsgSend.typeUrl,
    value: MsgSend.fromPartial({ fromAddress: from, toAddress: 'hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an', amount: [{ denom: 'uhyper', amount: '1000' }] }),
  });
}

describe.each([
  ['secp', 'direct'],
  ['secp', 'amino-json'],
  ['ed', 'direct'],
  ['ed', 'amino-json'],
] as const)('%s key, %s mode', (name, mode) => {
  test('the signature verifies over the sign bytes the chain computes', async () => {
    const key = await kr.get(name);
    const unsigned = unsignedTx({ messages: [send(key.address)], memo: 'hello', fee: [{ denom: 'uhyper', amount: 2000n }], gasLimit: 200000n });
    const account = { address: key.address, pubkey: { algo: key.algo, key: key.pubkey }, accountNumber: 7n, sequence: 3n };
    const signed = await signTx(codec, unsigned, await kr.signer(name), account, 'hypermesh-devnet-1', mode as SignModeName);

    const decoded = decodeTx(txBytes(signed), registry);
    const info = decoded.authInfo.signerInfos[0];
    expect(info.sequence).toBe(3n);
    expect(info.modeInfo?.single?.mode).toBe(mode === 'direct' ? SignMode.SIGN_MODE_DIRECT : SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    const signBytes = signBytesFor(info.modeInfo!.single!.mode, decoded, { chainId: 'hypermesh-devnet-1', accountNumber: 7n, sequence: 3n }, codec.amino);
    expect(verifySignature(decodePubKey(info.publicKey), signBytes, decoded.txRaw.signatures[0])).toBe(true);
    // another chain id does not verify
    const other = signBytesFor(info.modeInfo!.single!.mode, decoded, { chainId: 'other', accountNumber: 7n, sequence: 3n }, codec.amino);
    expect(verifySignature(decodePubKey(info.publicKey), other, decoded.txRaw.signatures[0])).toBe(false);
  });
});

test('generate-only JSON → sign → JSON → broadcast bytes: the signed bytes are unchanged', async () => {
  const key = await kr.get('secp');
  const unsigned = unsignedTx({ messages: [send(key.address)], memo: 'offline', fee: [{ denom: 'uhyper', amount: 2000n }], gasLimit: 200000n });
  const unsignedJson = toSdkJsonStringOf(Tx, unsigned);
  expect(JSON.parse(unsignedJson)).toMatchObject({ body: { memo: 'offline' }, auth_info: { signer_infos: [], fee: { gas_limit: '200000' } }, signatures: [] });

  const fromFile = fromSdkJsonOf(Tx, JSON.parse(unsignedJson));
  const account = { address: key.address, pubkey: { algo: key.algo, key: key.pubkey }, accountNumber: 1n, sequence: 0n };
  const signed = await signTx(codec, fromFile, await kr.signer('secp'), account, 'c', 'direct');
  const bytes = txBytes(signed);
  const reread = fromSdkJsonOf(Tx, JSON.parse(toSdkJsonStringOf(Tx, signed)));
  expect(Buffer.from(txBytes(reread)).equals(Buffer.from(bytes))).toBe(true);
  expect(txHashHex(bytes)).toMatch(/^[0-9A-F]{64}$/);
});

test('simulation bytes carry the signer info and an empty signature', () => {
  const unsigned = unsignedTx({ messages: [send('hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an')], memo: '', fee: [], gasLimit: 0n });
  const decoded = decodeTx(simulationBytes(unsigned, { algo: 'ed25519', key: new Uint8Array(32).fill(1) }, 5n), registry);
  expect(decoded.authInfo.signerInfos[0].sequence).toBe(5n);
  expect(decoded.txRaw.signatures).toEqual([new Uint8Array()]);
});
