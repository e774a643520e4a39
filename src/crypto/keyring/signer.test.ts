import { serializeSignDoc, type OfflineAminoSigner, type StdSignDoc } from '@cosmjs/amino';
import { DirectSecp256k1HdWallet, makeAuthInfoBytes, makeSignBytes, makeSignDoc, Registry } from '@cosmjs/proto-signing';
import { defaultRegistryTypes, SigningStargateClient } from '@cosmjs/stargate';
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodePubKey, encodePubKey } from '../pubkey';
import { verifySignature } from '../verify';
import { keyringErrors } from './errors';
import { openKeyring, type Keyring } from './keyring';

const ART = `${'abandon '.repeat(23)}art`;
const CHAIN_ID = 'hypermesh-devnet-1';
const signerData = { accountNumber: 7n, sequence: 3, chainId: CHAIN_ID };
const fee = { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '200000' };
const send = (from: string) => ({
  typeUrl: '/cosmos.bank.v1beta1.MsgSend',
  value: { fromAddress: from, toAddress: 'hyper1r5v5srda7xfth3hn2s26txvrcrntldjucyukcm', amount: [{ denom: 'uhyper', amount: '1' }] },
});

let home: string;
let kr: Keyring;
beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'hm-signer-'));
  kr = await openKeyring({ dir: home, backend: 'file', scrypt: { N: 1024, r: 8, p: 1 }, passphrase: async () => 'passphrase!' });
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

/** Verifies signature 0 of a direct-mode TxRaw as the ante handler will. */
function verifyDirectTx(tx: TxRaw, accountNumber: number): boolean {
  const authInfo = AuthInfo.decode(tx.authInfoBytes);
  const pubkey = decodePubKey(authInfo.signerInfos[0]!.publicKey!);
  const signBytes = makeSignBytes(makeSignDoc(tx.bodyBytes, tx.authInfoBytes, CHAIN_ID, accountNumber));
  return verifySignature(pubkey, signBytes, tx.signatures[0]!);
}

describe('KeyringSigner with cosmjs', () => {
  test('getAccounts matches cosmjs DirectSecp256k1HdWallet for the same mnemonic', async () => {
    await kr.add('art', { mnemonic: ART });
    const ours = await (await kr.signer('art')).getAccounts();
    const theirs = await (await DirectSecp256k1HdWallet.fromMnemonic(ART, { prefix: 'hyper' })).getAccounts();
    expect(ours).toEqual(theirs);
  });

  test('SigningStargateClient (direct mode) signs a MsgSend that our verifier accepts, byte-equal to cosmjs', async () => {
    await kr.add('art', { mnemonic: ART });
    const signer = await kr.signer('art');
    const client = await SigningStargateClient.offline(signer);
    const tx = await client.sign(signer.address, [send(signer.address)], fee, 'memo', signerData);
    expect(verifyDirectTx(tx, 7)).toBe(true);
    expect(verifyDirectTx(tx, 8)).toBe(false); // another account number: other sign bytes

    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(ART, { prefix: 'hyper' });
    const theirs = await (await SigningStargateClient.offline(wallet)).sign(signer.address, [send(signer.address)], fee, 'memo', signerData);
    expect(TxRaw.encode(tx).finish()).toEqual(TxRaw.encode(theirs).finish());
  });

  test('SigningStargateClient (amino mode) signs; the signature verifies over the amino JSON sign bytes', async () => {
    await kr.add('art', { mnemonic: ART });
    const signer = await kr.signer('art');
    let signed: StdSignDoc | undefined;
    const aminoOnly: OfflineAminoSigner = {
      getAccounts: signer.getAccounts,
      signAmino: async (addr, doc) => {
        const res = await signer.signAmino(addr, doc);
        signed = res.signed;
        return res;
      },
    };
    const client = await SigningStargateClient.offline(aminoOnly);
    const tx = await client.sign(signer.address, [send(signer.address)], fee, '', signerData);
    const pubkey = decodePubKey(AuthInfo.decode(tx.authInfoBytes).signerInfos[0]!.publicKey!);
    expect(signed!.chain_id).toBe(CHAIN_ID);
    expect(verifySignature(pubkey, serializeSignDoc(signed!), tx.signatures[0]!)).toBe(true);
  });

  test('ed25519 keys: signDirect works on a tx built by hand; SigningStargateClient cannot encode the key', async () => {
    const info = await kr.add('ed', { algo: 'ed25519' });
    const signer = await kr.signer('ed');
    const [account] = await signer.getAccounts();
    expect(account).toEqual({ address: info.address, algo: 'ed25519', pubkey: info.pubkey });

    const registry = new Registry(defaultRegistryTypes);
    const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: [registry.encodeAsAny(send(info.address))] })).finish();
    const pubkeyAny = encodePubKey({ algo: 'ed25519', key: info.pubkey });
    const authInfoBytes = makeAuthInfoBytes([{ pubkey: pubkeyAny, sequence: 3 }], fee.amount, 200000, undefined, undefined);
    const signDoc = makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, 7);
    const res = await signer.signDirect(info.address, signDoc);
    expect(res.signature.pub_key).toEqual({ type: 'tendermint/PubKeyEd25519', value: Buffer.from(info.pubkey).toString('base64') });
    const tx = TxRaw.fromPartial({ bodyBytes, authInfoBytes, signatures: [Buffer.from(res.signature.signature, 'base64')] });
    expect(verifyDirectTx(tx, 7)).toBe(true);

    // cosmjs 0.39 encodes every signer key as secp256k1; if this starts passing, update the README.
    const client = await SigningStargateClient.offline(signer);
    await expect(client.sign(info.address, [send(info.address)], fee, '', signerData)).rejects.toThrow(/secp256k1/);
  });

  test('signing for another address is keyring/12; the key is decrypted once', async () => {
    let asked = 0;
    const home2 = path.join(home, 'two');
    const kr2 = await openKeyring({
      dir: home2,
      backend: 'file',
      scrypt: { N: 1024, r: 8, p: 1 },
      passphrase: async () => {
        asked++;
        return 'passphrase!';
      },
    });
    await kr2.add('art', { mnemonic: ART });
    kr2.lock();
    asked = 0;
    const signer = await kr2.signer('art');
    const doc = makeSignDoc(new Uint8Array([1]), new Uint8Array([2]), CHAIN_ID, 1);
    const mismatch = await signer.signDirect('hyper1wrong', doc).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(keyringErrors.SignerMismatch.is(mismatch)).toBe(true);
    await signer.signDirect(signer.address, doc);
    await signer.signDirect(signer.address, doc);
    expect(asked).toBe(1);
  });
});
