/**
 * ABCI /store queries: good paths and every kind of bad input, which must come back as a coded
 * response (never a throw).
 */
import { Pairs } from 'cosmjs-types/cosmos/store/internal/kv/v1beta1/kv';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { queryStore, prefixEnd } from './query';
import { RootMultiStore } from './root_multistore';

const enc = (s: string) => Buffer.from(s, 'utf8');
let dir: string;
let ms: RootMultiStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-query-'));
  ms = await RootMultiStore.open({ path: dir, storeNames: ['bank', 'acc'], pruning: { strategy: 'custom', keepRecent: 1, interval: 1 } });
});
afterEach(async () => {
  await ms.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('before the first commit every query is sdk/26', () => {
  const r = queryStore(ms, '/store/bank/key', enc('a'), 0, false);
  expect([r.codespace, r.code]).toEqual(['sdk', 26]);
});

describe('after commits', () => {
  beforeEach(async () => {
    const bank = ms.working('bank');
    bank.set(enc('balances/alice/uhyper'), enc('10'));
    bank.set(enc('balances/bob/uhyper'), enc('20'));
    bank.set(enc('supply/uhyper'), enc('30'));
    await ms.commit(); // 1
    bank.set(enc('balances/alice/uhyper'), enc('11'));
    bank.set(enc('balances/carol/uhyper'), enc(''));
    await ms.commit(); // 2
    bank.set(enc('balances/alice/uhyper'), enc('12'));
    await ms.commit(); // 3; version 1 pruned (keepRecent 1)
  });

  test('/key at height 0 answers from the latest version and reports its height', () => {
    const r = queryStore(ms, '/store/bank/key', enc('balances/alice/uhyper'), 0, false);
    expect(r.code).toBe(0);
    expect(r.height).toBe(3n);
    expect(Buffer.from(r.value).toString()).toBe('12');
    expect(Buffer.from(r.key).toString()).toBe('balances/alice/uhyper');
    expect(r.proofOps).toBeUndefined();
  });

  test('/key at an explicit height, with proof', () => {
    const r = queryStore(ms, '/store/bank/key', enc('balances/alice/uhyper'), 2n, true);
    expect(r.code).toBe(0);
    expect(r.height).toBe(2n);
    expect(Buffer.from(r.value).toString()).toBe('11');
    expect(r.proofOps!.ops.map((o) => o.type)).toEqual(['ics23:iavl', 'ics23:simple']);
  });

  test('/key of an absent key: empty value, a non-membership proof', () => {
    const r = queryStore(ms, '/store/bank/key', enc('nope'), 0, true);
    expect(r.code).toBe(0);
    expect(r.value.length).toBe(0);
    expect(r.proofOps!.ops).toHaveLength(2);
  });

  test('/subspace returns the pairs under the prefix as kv Pairs', () => {
    const r = queryStore(ms, '/store/bank/subspace', enc('balances/'), 0, false);
    expect(r.code).toBe(0);
    const pairs = Pairs.decode(r.value).pairs.map((p) => [Buffer.from(p.key).toString(), Buffer.from(p.value).toString()]);
    expect(pairs).toEqual([
      ['balances/alice/uhyper', '12'],
      ['balances/bob/uhyper', '20'],
      ['balances/carol/uhyper', ''],
    ]);
    const old = queryStore(ms, '/store/bank/subspace', enc('balances/'), 2, false);
    expect(Pairs.decode(old.value).pairs).toHaveLength(3);
    const none = queryStore(ms, '/store/bank/subspace', enc('zzz'), 0, false);
    expect([none.code, Pairs.decode(none.value).pairs.length]).toEqual([0, 0]);
  });

  test.each([
    ['unknown store', '/store/nosuch/key', 'a', 0, false, 'store', 4],
    ['empty store name', '/store//key', 'a', 0, false, 'store', 4],
    ['no sub-path', '/store/bank', 'a', 0, false, 'store', 4],
    ['unknown sub-path', '/store/bank/keys', 'a', 0, false, 'store', 4],
    ['not a store path', '/custom/bank/key', 'a', 0, false, 'sdk', 6],
    ['no leading slash', 'store/bank/key', 'a', 0, false, 'sdk', 6],
    ['empty key', '/store/bank/key', '', 0, false, 'store', 3],
    ['empty subspace', '/store/bank/subspace', '', 0, false, 'store', 3],
    ['future height', '/store/bank/key', 'a', 4, false, 'sdk', 26],
    ['pruned height', '/store/bank/key', 'a', 1, false, 'sdk', 26],
    ['negative height', '/store/bank/key', 'a', -1, false, 'sdk', 18],
    ['proof at height 1', '/store/bank/key', 'a', 1, true, 'sdk', 18],
  ])('%s: %s -> %s/%i', (_name, p, data, height, prove, codespace, code) => {
    const r = queryStore(ms, p as string, enc(data as string), height as number, prove as boolean);
    expect([r.codespace, r.code]).toEqual([codespace, code]);
    expect(r.log.length).toBeGreaterThan(0);
    expect(r.value.length).toBe(0);
  });
});

test('prefixEnd', () => {
  expect(Buffer.from(prefixEnd(Uint8Array.of(1, 2))!)).toEqual(Buffer.from([1, 3]));
  expect(Buffer.from(prefixEnd(Uint8Array.of(1, 0xff))!)).toEqual(Buffer.from([2]));
  expect(prefixEnd(Uint8Array.of(0xff, 0xff))).toBeUndefined();
});
