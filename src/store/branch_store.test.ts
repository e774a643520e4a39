import { Branch } from './branch_store';
import { MemKVStore } from './mem_store';
import type { KVStore } from './types';

const b = (s: string) => new TextEncoder().encode(s);
const s = (u: Uint8Array) => new TextDecoder().decode(u);
const dump = (it: Iterable<[Uint8Array, Uint8Array]>) => [...it].map(([k, v]) => `${s(k)}=${s(v)}`);

function seeded(pairs: Record<string, string>): MemKVStore {
  const m = new MemKVStore();
  for (const [k, v] of Object.entries(pairs)) m.set(b(k), b(v));
  return m;
}

describe('Branch', () => {
  test('reads through, buffers writes until write()', () => {
    const parent = seeded({ a: '1', b: '2' });
    const br = new Branch(parent);
    br.set(b('c'), b('3'));
    br.delete(b('a'));
    expect(br.get(b('a'))).toBeUndefined();
    expect(s(br.get(b('b'))!)).toBe('2');
    expect(parent.get(b('c'))).toBeUndefined();
    expect(s(parent.get(b('a'))!)).toBe('1');
    br.write();
    expect(dump(parent.iterator())).toEqual(['b=2', 'c=3']);
  });

  test('iteration merges pending writes with the parent, both directions and ranges', () => {
    const parent = seeded({ a: '1', c: '3', e: '5', g: '7' });
    const br = new Branch(parent);
    br.set(b('b'), b('2'));
    br.set(b('c'), b('33'));
    br.delete(b('e'));
    br.set(b('h'), b('8'));
    expect(dump(br.iterator())).toEqual(['a=1', 'b=2', 'c=33', 'g=7', 'h=8']);
    expect(dump(br.reverseIterator())).toEqual(['h=8', 'g=7', 'c=33', 'b=2', 'a=1']);
    expect(dump(br.iterator(b('b'), b('g')))).toEqual(['b=2', 'c=33']);
    expect(dump(br.reverseIterator(b('b'), b('h')))).toEqual(['g=7', 'c=33', 'b=2']);
  });

  test('nested branches: a dropped child changes nothing, a written child reaches the parent branch only', () => {
    const root = seeded({ x: '0' });
    const block = new Branch(root);
    const tx1 = block.branch();
    tx1.set(b('x'), b('1'));
    // tx1 dropped
    const tx2 = block.branch();
    tx2.set(b('y'), b('2'));
    tx2.write();
    expect(block.get(b('x'))).toEqual(b('0'));
    expect(s(block.get(b('y'))!)).toBe('2');
    expect(root.get(b('y'))).toBeUndefined();
  });

  test('matches a reference model under random operations', () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const parent = new MemKVStore();
    const model = new MemKVStore();
    for (let i = 0; i < 50; i++) {
      const k = b(`k${rnd(100)}`);
      parent.set(k, b(`p${i}`));
      model.set(k, b(`p${i}`));
    }
    const br = new Branch(parent);
    const apply = (st: KVStore, op: number, k: Uint8Array, v: Uint8Array) => (op === 0 ? st.delete(k) : st.set(k, v));
    for (let i = 0; i < 2000; i++) {
      const k = b(`k${rnd(100)}`);
      const op = rnd(3);
      apply(br, op, k, b(`v${i}`));
      apply(model, op, k, b(`v${i}`));
      if (i % 97 === 0) {
        const lo = b(`k${rnd(100)}`);
        const hi = b(`k${rnd(100)}`);
        expect(dump(br.iterator(lo, hi))).toEqual(dump(model.iterator(lo, hi)));
        expect(dump(br.reverseIterator(lo, hi))).toEqual(dump(model.reverseIterator(lo, hi)));
      }
    }
    br.write();
    expect(dump(parent.iterator())).toEqual(dump(model.iterator()));
  });

  test('rejects empty keys and writing into a read-only parent', () => {
    const br = new Branch(new MemKVStore());
    expect(() => br.set(new Uint8Array(), b('v'))).toThrow(/empty/);
    const ro = new Branch({ get: () => undefined, has: () => false, iterator: () => [][Symbol.iterator](), reverseIterator: () => [][Symbol.iterator]() });
    ro.set(b('k'), b('v'));
    expect(() => ro.write()).toThrow(/read-only/);
  });
});
