/**
 * Property test: random set/delete/commit sequences with keep-recent pruning and reopening from
 * disk, against an in-memory model. Every kept version reads back exactly (point reads, full and
 * random-range iteration in both directions); pruned versions are refused; and after pruning
 * the database holds exactly the nodes reachable from kept versions (no leaked orphans).
 */
import { ClassicLevel } from 'classic-level';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sdk } from '../types/errors';
import { ImmutableTree } from './iavl/immutable_tree';
import { Node } from './iavl/node';
import { RootMultiStore, storePrefix } from './root_multistore';
import type { KVPair, PruningOptions } from './types';

type Model = Map<string, string>; // hex key -> hex value

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const NAMES = ['alpha', 'beta'];

function randomBytes(rand: () => number, min: number, max: number, alphabet = 256): Buffer {
  const n = min + Math.floor(rand() * (max - min + 1));
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * alphabet);
  return b;
}

function expectedRange(model: Model, start?: Buffer, end?: Buffer, reverse = false): string[] {
  const keys = [...model.keys()]
    .map((k) => Buffer.from(k, 'hex'))
    .filter((k) => (start === undefined || Buffer.compare(k, start) >= 0) && (end === undefined || Buffer.compare(k, end) < 0))
    .sort(Buffer.compare)
    .map((k) => `${hex(k)}=${model.get(hex(k))}`);
  return reverse ? keys.reverse() : keys;
}

const show = (it: Iterable<KVPair>) => [...it].map(([k, v]) => `${hex(k)}=${hex(v)}`);

function checkView(view: ImmutableTree | ReturnType<RootMultiStore['at']>, model: Model, rand: () => number) {
  expect(show(view.iterator())).toEqual(expectedRange(model));
  expect(show(view.reverseIterator())).toEqual(expectedRange(model, undefined, undefined, true));
  for (let i = 0; i < 4; i++) {
    const a = rand() < 0.2 ? undefined : randomBytes(rand, 0, 3, 8);
    const b = rand() < 0.2 ? undefined : randomBytes(rand, 0, 3, 8);
    expect(show(view.iterator(a, b))).toEqual(expectedRange(model, a, b));
    expect(show(view.reverseIterator(a, b))).toEqual(expectedRange(model, a, b, true));
  }
  for (const k of model.keys()) expect(hex(view.get(Buffer.from(k, 'hex'))!)).toBe(model.get(k));
  for (let i = 0; i < 5; i++) {
    const k = randomBytes(rand, 1, 3, 8);
    const want = model.get(hex(k));
    const got = view.get(k);
    expect(got === undefined ? undefined : hex(got)).toBe(want);
    expect(view.has(k)).toBe(want !== undefined);
  }
}

/** Node keys of every node reachable from the stored versions of one store. */
function reachable(ms: RootMultiStore, name: string): Set<string> {
  const seen = new Set<string>();
  for (let v = ms.earliestVersion; v <= ms.latestVersion; v++) {
    const view = ms.at(name, v) as ImmutableTree;
    const stack = view.root ? [view.root] : [];
    while (stack.length) {
      const c = stack.pop()!;
      const id = `${c.version}/${c.nonce}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const n: Node = view.load(c);
      if (n.height > 0) stack.push(n.left!, n.right!);
    }
  }
  return seen;
}

async function storedNodeKeys(dir: string, name: string): Promise<Set<string>> {
  const db = new ClassicLevel<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  await db.open();
  const prefix = Buffer.concat([storePrefix(name), Buffer.from('n')]);
  const out = new Set<string>();
  for await (const k of db.keys({ gte: prefix, lt: Buffer.concat([prefix, Buffer.from([0xff])]) })) {
    const v = k.readUInt32BE(prefix.length) * 2 ** 32 + k.readUInt32BE(prefix.length + 4);
    out.add(`${v}/${k.readUInt32BE(prefix.length + 8)}`);
  }
  await db.close();
  return out;
}

// [seed, pruning, initial version, encoded-node cache bytes (0: every miss reads LevelDB;
// 16 KiB: generations swap all the time)]
const cases: Array<[number, PruningOptions, number, number]> = [
  [1, { strategy: 'custom', keepRecent: 3, interval: 2 }, 1, 0],
  [2, { strategy: 'custom', keepRecent: 5, interval: 3 }, 1, 16 * 1024],
  [3, { strategy: 'everything' }, 1, 1 << 20],
  [4, { strategy: 'nothing' }, 7, 16 * 1024],
  [5, { strategy: 'custom', keepRecent: 2, interval: 1 }, 100, 0],
];

test.each(cases)('random ops, seed %i, pruning %j, initial version %i, slab %i', async (seed, pruning, initialVersion, slab) => {
  const rand = mulberry32(seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-prop-'));
  const open = () => RootMultiStore.open({ path: dir, storeNames: NAMES, pruning, nodeCacheSize: 64, nodeSlabBytes: slab });
  let ms = await open();
  ms.setInitialVersion(initialVersion);
  const working: Record<string, Model> = { alpha: new Map(), beta: new Map() };
  const history = new Map<number, Record<string, Model>>();
  try {
    for (let round = 0; round < 40; round++) {
      const ops = Math.floor(rand() * 40);
      for (let i = 0; i < ops; i++) {
        const name = NAMES[rand() < 0.7 ? 0 : 1];
        const store = ms.working(name);
        const key = randomBytes(rand, 1, 3, 8); // small alphabet: many updates and deletes
        if (rand() < 0.35) {
          store.delete(key);
          working[name].delete(hex(key));
        } else {
          const value = randomBytes(rand, 0, 12);
          store.set(key, value);
          working[name].set(hex(key), hex(value));
        }
      }
      if (rand() < 0.3) checkView(ms.working('alpha') as unknown as ImmutableTree, working.alpha, rand);
      const before = hex(ms.workingHash());
      const { version, hash } = await ms.commit();
      expect(hex(hash)).toBe(before);
      expect(version).toBe(initialVersion + round);
      history.set(version, { alpha: new Map(working.alpha), beta: new Map(working.beta) });

      if (rand() < 0.2) {
        // Reopen: uncommitted state is gone, the last commit is intact.
        await ms.close();
        ms = await open();
        expect(ms.lastCommitId()).toEqual({ version, hash });
        // Working reads (fast index rows) equal the committed state after a reopen.
        for (const name of NAMES) checkView(ms.working(name) as unknown as ImmutableTree, working[name], rand);
      }
      // Every kept version reads back exactly; pruned ones are refused.
      for (const [v, snap] of history) {
        if (v < ms.earliestVersion) {
          expect(() => ms.at('alpha', v)).toThrow();
          let err: unknown;
          try {
            ms.at('alpha', v);
          } catch (e) {
            err = e;
          }
          expect(sdk.InvalidHeight.is(err)).toBe(true);
          history.delete(v);
          continue;
        }
        if (rand() < 8 / history.size || v === version) for (const name of NAMES) checkView(ms.at(name, v), snap[name], rand);
      }
      expect(() => ms.at('alpha', version + 1)).toThrow();
    }
    if (pruning.strategy !== 'nothing') expect(ms.earliestVersion).toBeGreaterThan(initialVersion);
    const live = NAMES.map((n) => reachable(ms, n));
    await ms.close();
    for (let i = 0; i < NAMES.length; i++) {
      expect([...(await storedNodeKeys(dir, NAMES[i]))].sort()).toEqual([...live[i]].sort());
    }
    ms = await open();
  } finally {
    await ms.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
