/**
 * The wiring README.md gives for run_node.ts, against the in-process HyperMesh app: FinalizeBlock
 * and Commit feed the explorer, the app's own query handler answers supply and balances, its
 * type registry decodes messages.
 */
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { CHAIN_ID, startTestApp } from '../../test/helpers/test_app';
import { msgSend, signTx, testKey } from '../../test/helpers/tx_builder';
import { startExplorer, type Explorer } from '.';
import { txHash } from './indexer';

test('run_node wiring: blocks of the real app are indexed with fees, supply and decoded txs', async () => {
  const alice = await testKey(1);
  const bob = await testKey(2);
  const t = await startTestApp([{ address: alice.address, uhyper: 10_000_000n }]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-explorer-wiring-'));
  let explorer: Explorer | undefined;
  let server: http.Server | undefined;
  try {
    // --- the lines for run_node.ts ---
    explorer = await startExplorer({ dataDir, chainId: CHAIN_ID, rpcUrl: 'http://127.0.0.1:9', query: t.app, registry: t.registry });
    let last: { req: RequestFinalizeBlock; res: ResponseFinalizeBlock } | undefined;
    const finalize = t.app.finalizeBlock.bind(t.app);
    t.app.finalizeBlock = (req) => {
      const res = finalize(req);
      last = { req, res };
      return res;
    };
    const commit = t.app.commit.bind(t.app);
    t.app.commit = async () => {
      const r = await commit();
      if (last) explorer!.onBlock(last.req, last.res, t.cms.lastCommitId().hash);
      return r;
    };
    // ---
    const appHashes = new Map<number, string>();
    const fed = t.app.commit;
    t.app.commit = async () => {
      const r = await fed();
      appHashes.set(t.cms.lastCommitId().version, Buffer.from(t.cms.lastCommitId().hash).toString('hex').toUpperCase());
      return r;
    };

    const tx = await signTx(alice, [msgSend(alice.address, bob.address, 1000)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0 });
    await t.block([]);
    const [result] = await t.block([tx]);
    expect(result.code).toBe(0);
    await t.block([]);
    await explorer.indexer.idle();

    const ix = explorer.indexer;
    expect(ix.status()).toMatchObject({ first: 1, latest: 3, chainId: CHAIN_ID });
    const b2 = (await ix.block(2))!;
    expect(b2).toMatchObject({ txs: 1, fees: '2000', feeCoins: '2000uhyper', appHash: appHashes.get(2) });
    expect(b2.appHash).toMatch(/^[0-9A-F]{64}$/);
    // the sample is the chain's own supply at that height (fees burned by x/distribution included)
    const supplyAt2 = t.app.query({
      path: '/cosmos.bank.v1beta1.Query/SupplyOf',
      data: QuerySupplyOfRequest.encode({ denom: 'uhyper' }).finish(),
      height: 2n,
      prove: false,
    });
    expect(b2.sample).toMatchObject({ height: 2, supply: QuerySupplyOfResponse.decode(supplyAt2.value).amount!.amount });
    const rec = (await ix.tx(txHash(tx)))!;
    expect(rec).toMatchObject({ height: 2, index: 0, code: 0, fee: '2000uhyper', msgTypes: ['/cosmos.bank.v1beta1.MsgSend'] });
    expect(rec.signers).toEqual([alice.address]);
    expect(rec.addresses).toEqual(expect.arrayContaining([alice.address, bob.address]));
    expect((await ix.txsByAddress(bob.address)).items.map((x) => x.hash)).toEqual([rec.hash]);

    // the handler reads balances through the app's own query router
    server = http.createServer((req, res) => void explorer!.handler(req, res));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const acc = (await (await fetch(`${base}/explorer/api/accounts/${bob.address}`)).json()) as any;
    expect(acc.balances).toEqual([{ denom: 'uhyper', amount: '1000' }]);
    expect(acc.txs.total).toBe(1);
    const gov = await fetch(`${base}/explorer/api/gov/proposals`);
    // x/gov is on this chain now: an empty list, not "module not enabled"
    expect(gov.status).toBe(200);
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await explorer?.close();
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
