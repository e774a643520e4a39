/** The tx pipeline in process: ante chain, bank send, error codes, and state left unchanged on failure. */
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { msgSend, signTx, testKey, type TestKey } from '../helpers/tx_builder';
import { CHAIN_ID, startTestApp } from '../helpers/test_app';

type App = Awaited<ReturnType<typeof startTestApp>>;

function balance(t: App, address: string): bigint {
  const res = t.app.query({
    path: '/cosmos.bank.v1beta1.Query/Balance',
    data: QueryBalanceRequest.encode({ address, denom: 'uhyper' }).finish(),
    height: 0n,
    prove: false,
  });
  if (res.code !== 0) throw new Error(res.log);
  return BigInt(QueryBalanceResponse.decode(res.value).balance!.amount);
}

describe('bank send through the full pipeline', () => {
  let alice: TestKey;
  let bob: TestKey;
  let t: App;

  beforeEach(async () => {
    alice = await testKey(1);
    bob = await testKey(2);
    t = await startTestApp([{ address: alice.address, uhyper: 1_000_000n }]);
    await t.block([]);
  });
  afterEach(() => t.close());

  test('a signed send moves amount and fee, in both sign modes', async () => {
    for (const [seq, mode] of [[0, 'direct'], [1, 'amino']] as const) {
      const tx = await signTx(alice, [msgSend(alice.address, bob.address, 1000)], { chainId: CHAIN_ID, accountNumber: 0, sequence: seq, mode });
      expect(t.checkTx(tx).code).toBe(0);
      const [r] = await t.block([tx]);
      expect({ code: r.code, log: r.log }).toEqual({ code: 0, log: '' });
      expect(r.events.map((e) => e.type)).toEqual(expect.arrayContaining(['tx', 'message', 'coin_spent', 'coin_received', 'transfer']));
    }
    expect(balance(t, bob.address)).toBe(2000n);
    expect(balance(t, alice.address)).toBe(1_000_000n - 2000n - 2n * 2000n);
  });

  test.each([
    ['wrong sequence', { sequence: 5 }, 'sdk', 32, /account sequence mismatch, expected 0, got 5/],
    ['wrong chain id', { chainId: 'other-chain' }, 'sdk', 4, /signature verification failed/],
    ['wrong account number', { accountNumber: 9 }, 'sdk', 4, /signature verification failed/],
    ['fee below minimum', { fee: { amount: [{ denom: 'uhyper', amount: '1' }], gas: '200000' } }, 'sdk', 13, /insufficient fees/],
    ['out of gas', { fee: { amount: [{ denom: 'uhyper', amount: '2000' }], gas: '1000' } }, 'sdk', 11, /out of gas/],
    ['memo too long', { memo: 'x'.repeat(300) }, 'sdk', 12, /maximum number of characters is 256/],
  ])('%s is rejected with its SDK code and changes nothing', async (_name, over, codespace, code, log) => {
    const tx = await signTx(alice, [msgSend(alice.address, bob.address, 1000)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0, ...over });
    const res = t.checkTx(tx);
    expect({ codespace: res.codespace, code: res.code }).toEqual({ codespace, code });
    expect(res.log).toMatch(log);
    expect(balance(t, alice.address)).toBe(1_000_000n);
  });

  test('insufficient funds fails CheckTx (sdk/5) without costing a fee', async () => {
    const tx = await signTx(alice, [msgSend(alice.address, bob.address, 5_000_000)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0 });
    const res = t.checkTx(tx);
    expect([res.codespace, res.code]).toEqual(['sdk', 5]);
    // the same tx forced into a block pays its fee and bumps the sequence, but moves nothing
    const [r] = await t.block([tx]);
    expect(r.code).toBe(5);
    expect(balance(t, alice.address)).toBe(1_000_000n - 2000n);
    const again = await signTx(alice, [msgSend(alice.address, bob.address, 1)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 1 });
    expect(t.checkTx(again).code).toBe(0);
  });

  test('malformed bytes give sdk/2', () => {
    const res = t.checkTx(Uint8Array.from([1, 2, 3, 4, 5]));
    expect([res.codespace, res.code]).toEqual(['sdk', 2]);
  });
});

describe('simulation', () => {
  test('a fee-less simulation counts the fee deduction, so "auto" gas (× 1.4) is always enough', async () => {
    const { SimulateRequest, SimulateResponse } = await import('cosmjs-types/cosmos/tx/v1beta1/service');
    const alice = await testKey(1);
    const bob = await testKey(2);
    const t = await startTestApp([{ address: alice.address, uhyper: 1_000_000n }]);
    try {
      await t.block([]);
      const unsigned = await signTx(alice, [msgSend(alice.address, bob.address, 10)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0, fee: { amount: [], gas: '0' } });
      const sim = SimulateResponse.decode(t.app.simulate(SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes: unsigned })).finish()));
      const simulated = sim.gasInfo!.gasUsed;
      const tx = await signTx(alice, [msgSend(alice.address, bob.address, 10)], { chainId: CHAIN_ID, accountNumber: 0, sequence: 0, fee: { amount: [{ denom: 'uhyper', amount: '2000' }], gas: '200000' } });
      const [r] = await t.block([tx]);
      expect(r.code).toBe(0);
      // the real tx is a little longer (fee bytes, signature) but costs within a few percent
      expect(Number(simulated)).toBeGreaterThan(Number(r.gasUsed) * 0.95);
      expect(Number(simulated) * 1.4).toBeGreaterThan(Number(r.gasUsed));
    } finally {
      await t.close();
    }
  });
});
