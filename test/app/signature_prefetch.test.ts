/** CheckTx look-ahead: signatures verified on "worker threads" (here an inline stand-in) are not verified again. */
import type { ResponseCheckTx } from 'cosmjs-types/tendermint/abci/types';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import type { VerifyPool } from '../../src/crypto/verify_pool';
import { verifySignature } from '../../src/crypto/verify';
import { msgSend, signTx, testKey } from '../helpers/tx_builder';
import { CHAIN_ID, startTestApp } from '../helpers/test_app';

test('look-ahead verifies queued txs off the CheckTx path, and a bad signature is still refused', async () => {
  const alice = await testKey(1);
  const bob = await testKey(2);
  const calls: number[] = [];
  const pool = {
    verify: async (pk: any, msg: Uint8Array, sig: Uint8Array) => {
      calls.push(1);
      return verifySignature(pk, msg, sig);
    },
  } as unknown as VerifyPool;
  const t = await startTestApp([{ address: alice.address, uhyper: 1_000_000n }], { verifyPool: pool });
  try {
    await t.block([]);
    const txs = await Promise.all(
      [0, 1, 2].map((seq) => signTx(alice, [msgSend(alice.address, bob.address, 10)], { chainId: CHAIN_ID, accountNumber: 0, sequence: seq })),
    );
    const forged = Uint8Array.from(await signTx(alice, [msgSend(alice.address, bob.address, 11)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 3 }));
    forged[forged.length - 3] ^= 1;
    t.app.lookahead([...txs, forged]);
    expect(calls.length).toBe(4);
    for (const tx of txs) {
      const res = (await t.app.checkTx({ tx, type: CheckTxType.NEW })) as ResponseCheckTx;
      expect(res.code).toBe(0);
    }
    const bad = (await t.app.checkTx({ tx: forged, type: CheckTxType.NEW })) as ResponseCheckTx;
    expect([bad.codespace, bad.code]).toEqual(['sdk', 4]);
  } finally {
    await t.close();
  }
});
