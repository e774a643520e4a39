import { broadcastAndWait, parseSequenceMismatch } from './broadcast';
import type { CometRpc, RpcBroadcastSync, RpcTx } from './rpc';

describe('parseSequenceMismatch', () => {
  test.each([
    ['account sequence mismatch, expected 7, got 5: incorrect account sequence', { expected: 7n, got: 5n }],
    ['account sequence mismatch expected 12 got 3', { expected: 12n, got: 3n }],
    ['failed to execute message; account sequence mismatch, expected 18446744073709551615, got 0', { expected: 18446744073709551615n, got: 0n }],
  ])('%s', (log, want) => expect(parseSequenceMismatch(log)).toEqual(want));

  test.each(['insufficient funds', 'account sequence mismatch', 'expected 5, got 6', ''])('no match: %j', (log) => {
    expect(parseSequenceMismatch(log)).toBeUndefined();
  });
});

describe('broadcastAndWait', () => {
  const ok = (hash: string): RpcBroadcastSync => ({ code: 0, data: '', log: '', codespace: '', hash });
  const wrongSeq: RpcBroadcastSync = { code: 32, data: '', log: 'account sequence mismatch, expected 9, got 4: incorrect account sequence', codespace: 'sdk', hash: 'AA' };
  const committed = (hash: string): RpcTx => ({
    hash,
    height: '12',
    index: 0,
    tx: Buffer.from([1, 2, 3]).toString('base64'),
    tx_result: { code: 0, data: null, log: '', info: '', gas_wanted: '200000', gas_used: '51000', events: [], codespace: '' },
  });
  const stderr = { out: '', write(s: string) { this.out += s; } };

  function fakeRpc(checks: RpcBroadcastSync[], found: (RpcTx | undefined)[]) {
    const sent: Uint8Array[] = [];
    const rpc = {
      broadcastTxSync: async (tx: Uint8Array) => {
        sent.push(tx);
        return checks.shift()!;
      },
      tx: async () => found.shift(),
      header: async () => ({ header: { time: '2024-01-02T03:04:05.123456789Z' } }),
      status: async () => ({ sync_info: { latest_block_height: '11' } }),
    } as unknown as CometRpc;
    return { rpc, sent };
  }

  test('re-signs once with the sequence the node names, then waits for the block', async () => {
    const { rpc, sent } = fakeRpc([wrongSeq, ok('BB')], [undefined, committed('BB')]);
    const asked: bigint[] = [];
    const res = await broadcastAndWait(Uint8Array.of(1), {
      rpc,
      stderr,
      timeoutMs: 5000,
      pollMs: 1,
      resign: async (seq) => {
        asked.push(seq);
        return Uint8Array.of(2);
      },
    });
    expect(asked).toEqual([9n]);
    expect(sent).toEqual([Uint8Array.of(1), Uint8Array.of(2)]);
    expect(res.stage).toBe('block');
    expect(res.response).toMatchObject({ txhash: 'BB', height: 12n, gasUsed: 51000n, timestamp: '2024-01-02T03:04:05.123456789Z' });
    expect(stderr.out).toMatch(/the chain expects 9: signed again with sequence 9/);
  });

  test('retries only once: a second mismatch is returned as a CheckTx failure', async () => {
    const { rpc, sent } = fakeRpc([wrongSeq, wrongSeq], []);
    const res = await broadcastAndWait(Uint8Array.of(1), { rpc, stderr, timeoutMs: 1000, resign: async () => Uint8Array.of(2) });
    expect(sent).toHaveLength(2);
    expect(res).toMatchObject({ stage: 'check', response: { code: 32, codespace: 'sdk' } });
  });

  test('without resign (a tx signed elsewhere) the mismatch is returned as is', async () => {
    const { rpc, sent } = fakeRpc([wrongSeq], []);
    const res = await broadcastAndWait(Uint8Array.of(1), { rpc, stderr, timeoutMs: 1000 });
    expect(sent).toHaveLength(1);
    expect(res.stage).toBe('check');
  });

  test('a tx that never lands times out with a hint', async () => {
    const { rpc } = fakeRpc([ok('CC')], Array(100).fill(undefined));
    await expect(broadcastAndWait(Uint8Array.of(1), { rpc, stderr, timeoutMs: 30, pollMs: 5 })).rejects.toThrow(
      /tx CC was accepted by the node but is not in a block after 0s; check later with `hypermesh query tx CC`/,
    );
  });
});
