/**
 * Issue 4 end to end: a balance read with `prove=true` over CometBFT's RPC comes with the two
 * proof ops of the Cosmos SDK, which verify with the standard ICS-23 specs against the app hash in
 * the header of the next block; an absent key gets a non-membership proof; bad queries get clear
 * error codes.
 */
import { calculateExistenceRoot, iavlSpec, ics23, tendermintSpec, verifyMembership, verifyNonMembership } from '@confio/ics23';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { accountAddresses } from '../../src/crypto/address';
import { createDevnet, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(120_000);

/** The SDK's x/bank balance key: 0x02 | len(address) | address | denom. */
function balanceKey(address: string, denom: string): Uint8Array {
  const a = accountAddresses.decode(address);
  return Uint8Array.from([0x02, a.length, ...a, ...Buffer.from(denom)]);
}

describe('store proofs against a real devnet', () => {
  let net: Devnet;
  let comet: Comet38Client;
  beforeAll(async () => {
    net = await createDevnet();
    await net.start();
    await waitForHeight(net.rpc, 4);
    comet = await Comet38Client.connect(net.rpc);
  });
  afterAll(async () => {
    comet?.disconnect();
    await net?.cleanup();
  });

  async function provenAt(storeKey: string, key: Uint8Array, height: number) {
    const res = await comet.abciQuery({ path: `/store/${storeKey}/key`, data: key, height, prove: true });
    expect(res.code).toBe(0);
    expect(res.height).toBe(height);
    const ops = res.proof!.ops;
    expect(ops.map((o) => o.type)).toEqual(['ics23:iavl', 'ics23:simple']);
    expect(Buffer.from(ops[0].key)).toEqual(Buffer.from(key));
    expect(Buffer.from(ops[1].key).toString()).toBe(storeKey);
    // the app hash that commits the state after block H is in the header of block H+1
    await waitForHeight(net.rpc, height + 1);
    const appHash = (await comet.block(height + 1)).block.header.appHash;
    return { value: res.value, iavl: ics23.CommitmentProof.decode(ops[0].data), simple: ics23.CommitmentProof.decode(ops[1].data), appHash };
  }

  test('a balance proves into the app hash of the next block header', async () => {
    const h = (await comet.status()).syncInfo.latestBlockHeight - 1;
    const key = balanceKey(net.devAccounts[0].address, 'uhyper');
    const { value, iavl, simple, appHash } = await provenAt('bank', key, h);
    expect(new TextDecoder().decode(value)).toMatch(/^\d+$/);
    const storeRoot = calculateExistenceRoot(iavl.exist!);
    expect(verifyMembership(iavl, iavlSpec, storeRoot, key, value)).toBe(true);
    expect(verifyMembership(simple, tendermintSpec, appHash, Buffer.from('bank'), storeRoot)).toBe(true);
  });

  test('an absent key has a non-membership proof that also chains to the app hash', async () => {
    const h = (await comet.status()).syncInfo.latestBlockHeight - 1;
    // a denom nobody holds, of the second-smallest dev address: both neighbours are balances.
    // (ICS-23 cannot prove a neighbour with an empty value, such as an index entry.)
    const second = net.devAccounts.map((a) => a.address).sort((a, b) => Buffer.compare(accountAddresses.decode(a), accountAddresses.decode(b)))[1];
    const key = balanceKey(second, 'aaaa');
    const { value, iavl, simple, appHash } = await provenAt('bank', key, h);
    expect(value.length).toBe(0);
    expect(iavl.nonexist).toBeDefined();
    const neighbour = iavl.nonexist!.left ?? iavl.nonexist!.right!;
    const storeRoot = calculateExistenceRoot(neighbour);
    expect(verifyNonMembership(iavl, iavlSpec, storeRoot, key)).toBe(true);
    expect(verifyMembership(simple, tendermintSpec, appHash, Buffer.from('bank'), storeRoot)).toBe(true);
  });

  test.each([
    ['an unknown store', '/store/nosuchstore/key', () => Uint8Array.of(1), 0],
    ['a future height', '/store/bank/key', () => Uint8Array.of(1), 1_000_000],
    ['an empty key', '/store/bank/key', () => new Uint8Array(), 0],
  ])('%s gives a clear error code, not an exception', async (_name, path, data, height) => {
    const res = await comet.abciQuery({ path, data: data(), height, prove: false });
    expect(res.code).not.toBe(0);
    expect(res.log ?? '').not.toBe('');
    // and the node still answers
    expect((await comet.status()).syncInfo.latestBlockHeight).toBeGreaterThan(0);
  });
});
