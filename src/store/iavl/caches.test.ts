/** The two node caches: bounded size, promotion of old-generation hits, deletes. */
import { NodeCache } from './node_cache';
import { NodeSlab } from './node_slab';

test('NodeCache keeps between capacity/2 and capacity entries and promotes hits', () => {
  const c = new NodeCache<string>(10);
  for (let i = 1; i <= 7; i++) c.put(1, i, `v${i}`); // young fills at 5 -> becomes old
  expect(c.size).toBeLessThanOrEqual(10);
  expect(c.get(1, 1)).toBe('v1'); // old hit, promoted
  for (let i = 8; i <= 12; i++) c.put(2, i, `w${i}`); // pushes a generation out
  expect(c.get(1, 1)).toBe('v1'); // survived thanks to the promotion
  expect(c.get(1, 2)).toBeUndefined(); // evicted
  c.delete(1, 1);
  expect(c.get(1, 1)).toBeUndefined();
  expect(c.size).toBeLessThanOrEqual(10);
  expect(new NodeCache<string>(0).get(1, 1)).toBeUndefined();
});

test('NodeSlab returns private copies, swaps generations, honours deletes', () => {
  const slab = new NodeSlab(2 * 8192); // two 8 KiB generations; entries up to 512 bytes
  const bytes = (n: number) => Buffer.alloc(100, n);
  slab.put(1, 1, bytes(1));
  const got = slab.get(1, 1)!;
  expect(got).toEqual(bytes(1));
  got.fill(9); // a private copy: the cache is unaffected
  expect(slab.get(1, 1)).toEqual(bytes(1));
  for (let i = 2; i < 200; i++) slab.put(1, i, bytes(i % 256)); // ~20 KB: several swaps
  expect(slab.get(1, 199)).toEqual(bytes(199));
  expect(slab.get(1, 2)).toBeUndefined(); // dropped with an old generation
  slab.delete(1, 199);
  expect(slab.get(1, 199)).toBeUndefined();
  slab.put(2, 1, Buffer.alloc(600)); // too large for this slab: not cached
  expect(slab.get(2, 1)).toBeUndefined();
  expect(new NodeSlab(0).get(1, 1)).toBeUndefined();
});
