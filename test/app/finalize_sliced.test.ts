/**
 * FinalizeBlock in slices (what `hypermesh start` runs): queries answered between slices see the
 * last committed state, CheckTx waits for the block, and the result is byte-for-byte the one the
 * synchronous FinalizeBlock gives.
 */
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { CheckTxType, RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { msgSend, signTx, testKey, type TestKey } from '../helpers/tx_builder';
import { CHAIN_ID, query, startTestApp, type TestApp } from '../helpers/test_app';

function balance(t: TestApp, address: string): bigint {
  return BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);
}

describe('FinalizeBlock in slices', () => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((t) => t.close())));

  test('same response and app hash as in one piece; queries in between see committed state; CheckTx waits', async () => {
    const senders: TestKey[] = await Promise.all([1, 2, 3, 4, 5].map((i) => testKey(i)));
    const bob = await testKey(99);
    const funded = senders.map((k) => ({ address: k.address, uhyper: 10_000_000n }));
    const [whole, sliced] = await Promise.all([startTestApp(funded), startTestApp(funded)]);
    apps.push(whole, sliced);
    await whole.block([]);
    await sliced.block([]);

    const txs: Uint8Array[] = [];
    for (let seq = 0; seq < 8; seq++) {
      for (const [i, k] of senders.entries()) {
        txs.push(await signTx(k, [msgSend(k.address, bob.address, 1000 + i)], { chainId: CHAIN_ID, accountNumber: i, sequence: seq }));
      }
    }
    txs.push(new Uint8Array([1, 2, 3])); // a failing tx keeps its place too
    const req = RequestFinalizeBlock.fromPartial({ txs, height: 2n, time: { seconds: 1_800_000_002n, nanos: 0 } });

    const expected = whole.app.finalizeBlock(req);
    await whole.app.commit();

    // slice 0: the event loop gets a turn after every tx
    const running = sliced.app.finalizeBlockSliced(req, 0);
    let gaps = 0;
    let checkedDuringBlock = false;
    const lateCheck = await signTx(senders[0], [msgSend(senders[0].address, bob.address, 1)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0 });
    const check = Promise.resolve(sliced.app.checkTx({ tx: lateCheck, type: CheckTxType.NEW })).then((r) => {
      checkedDuringBlock = !blockDone;
      return r;
    });
    let blockDone = false;
    const observer = (async () => {
      while (!blockDone) {
        expect(balance(sliced, bob.address)).toBe(0n); // committed state, not the block in progress
        gaps++;
        await new Promise((res) => setImmediate(res));
      }
    })();
    // a query for the block being run waits for its commit; other heights do not wait
    const committed = sliced.app.whenCommitted(2n);
    expect(committed).toBeInstanceOf(Promise);
    expect(sliced.app.whenCommitted(1n)).toBeUndefined();
    let committedSeen = false;
    void committed!.then(() => (committedSeen = true));
    const got = await running;
    blockDone = true;
    await observer;
    await new Promise((res) => setImmediate(res));
    expect(committedSeen).toBe(false); // finalized, not yet committed
    await sliced.app.commit();
    await committed;
    expect(sliced.app.whenCommitted(2n)).toBeUndefined();

    expect(gaps).toBeGreaterThan(10);
    expect(ResponseFinalizeBlock.encode(got).finish()).toEqual(ResponseFinalizeBlock.encode(expected).finish());
    expect(sliced.cms.lastCommitId().hash).toEqual(whole.cms.lastCommitId().hash);
    expect(got.txResults.filter((r) => r.code === 0)).toHaveLength(40);
    expect(balance(sliced, bob.address)).toBe(balance(whole, bob.address));
    // CheckTx waited for the block; it checks against the last committed state, as in the SDK
    expect(checkedDuringBlock).toBe(false);
    expect((await check).code).toBe(0);
  });
});
