/** x/resource end to end on the in-process app: providers, nodes, audits, heartbeats, mint, redeem, settlement, records. */
import { QueryLeaseRequest, QueryLeaseResponse, QueryTransactionsRequest, QueryTransactionsResponse, QueryProviderRequest, QueryProviderResponse } from '../../src/gen/hypermesh/resource/v1/query';
import { LeaseStatus } from '../../src/gen/hypermesh/resource/v1/resource';
import { transactionIdHex } from '../../src/sdk/resource';
import { query } from '../../test/helpers/test_app';
import { audit, balance, heartbeats, HYPER, INTERVAL, invariants, mint, nodeKey, redeem, registerNode, registerProvider, send, setupResource, type Setup } from './test_helpers';

jest.setTimeout(60_000);

describe('x/resource flow', () => {
  let x: Setup;
  const P = 0; // provider
  const C = 1; // consumer
  const A = 5; // auditor
  const n1 = nodeKey(1);
  const n2 = nodeKey(2);
  let seq = 0n;

  beforeAll(async () => {
    x = await setupResource();
  });
  afterAll(async () => {
    await x?.t.close();
  });

  /** Heartbeats of both nodes in a block one window later. */
  const beat = async () => {
    seq++;
    await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: n1, seq }, { key: n2, seq }])], INTERVAL);
  };
  const lease = (id: bigint) => query(x.t, '/hypermesh.resource.v1.Query/Lease', QueryLeaseRequest, QueryLeaseResponse, { id }).lease!;

  test('register provider and two nodes, audit them, heartbeat', async () => {
    await x.run(P, [registerProvider(x.addr(P), 100n * HYPER)]);
    await x.run(P, [registerNode(x.addr(P), n1, { cpuMillicores: 4000n, memoryBytes: 8n << 30n }), registerNode(x.addr(P), n2, { cpuMillicores: 2000n })]);
    await x.run(A, [audit(x.addr(A), n1, { cpuMillicores: 4000n, memoryBytes: 8n << 30n }), audit(x.addr(A), n2, { cpuMillicores: 2000n })]);
    await beat();
    expect(invariants(x.t, x.k)).toEqual([]);
  });

  test('mint within capacity; beyond capacity refused', async () => {
    // 6 vCPU × 10 h horizon = 60 rcpu
    await x.run(P, [mint(x.addr(P), 50n)]);
    const r = await x.result(P, [mint(x.addr(P), 11n)]);
    expect([r.codespace, r.code]).toEqual(['resource', 19]);
    expect(balance(x.t, x.addr(P), 'rcpu')).toBe(50n);
    expect(invariants(x.t, x.k)).toEqual([]);
  });

  test('consumer redeems; served periods write records; liability falls', async () => {
    await x.run(P, [send(x.addr(P), x.addr(C), 20n, 'rcpu')]);
    await beat();
    // 3 rcpu over 3600 s = 3000 millicores: node 1 (the first live node by id with room, or node 2 if its id sorts first... 2000 m is too little)
    await x.run(C, [redeem(x.addr(C), 3n, 3600n)]);
    const l = lease(1n);
    expect(l.consumer).toBe(x.addr(C));
    expect(l.status).toBe(LeaseStatus.LEASE_STATUS_ACTIVE);
    expect(l.rate).toBe(3000n);
    expect(l.nodeId).toBe(n1.nodeId);
    for (let i = 0; i < 8; i++) await beat();
    const done = lease(1n);
    expect(done.status).toBe(LeaseStatus.LEASE_STATUS_COMPLETED);
    expect(done.settled).toBe('3');
    const txs = query(x.t, '/hypermesh.resource.v1.Query/Transactions', QueryTransactionsRequest, QueryTransactionsResponse, QueryTransactionsRequest.fromPartial({ consumer: x.addr(C) })).transactions;
    expect(txs.length).toBeGreaterThan(1);
    let total = 0n;
    for (const e of txs) {
      expect(transactionIdHex(e.record!)).toBe(e.id);
      total += BigInt(e.record!.amount);
    }
    expect(total).toBe(3n);
    const pr = query(x.t, '/hypermesh.resource.v1.Query/Provider', QueryProviderRequest, QueryProviderResponse, { address: x.addr(P) });
    const li = pr.liabilities.find((z) => z.denom === 'rcpu')!;
    expect([li.minted, li.served, li.outstanding, li.reserved]).toEqual(['50', '3', '47', '0']);
    expect(Number(pr.reputation!.score)).toBeGreaterThan(0);
    expect(invariants(x.t, x.k)).toEqual([]);
  });
});
