/** The stream's remainder arithmetic: every block pays its share, the remainder carries, Σ = total. */
import { blocksCovered, dueAfter } from './leases';

describe('escrow stream arithmetic', () => {
  test.each([
    [80_000n, 7n],
    [1n, 10n],
    [10n, 3n],
    [999_999_999_999n, 1_000n],
    [5n, 5n],
    [(1n << 200n) + 12_345n, 97n],
  ])('total %s over %s blocks: per-block shares are floor or floor + 1 of total/D and add up exactly', (total, d) => {
    let paid = 0n;
    const share = total / d;
    for (let b = 1n; b <= d; b++) {
      const x = dueAfter(total, d, b) - dueAfter(total, d, b - 1n);
      expect(x === share || x === share + 1n).toBe(true);
      paid += x;
    }
    expect(paid).toBe(total);
    expect(dueAfter(total, d, 0n)).toBe(0n);
  });

  test('a top-up streams on at the same rate (due keeps growing past the duration)', () => {
    expect(dueAfter(700n, 7n, 8n)).toBe(800n);
    expect(dueAfter(80_000n, 7n, 14n)).toBe(160_000n);
  });

  test.each([
    // total, D, deposited, blocks already paid → blocks the rest covers
    [700n, 7n, 700n, 0n, 7n],
    [700n, 7n, 700n, 3n, 4n],
    [700n, 7n, 750n, 7n, 1n], // 50 more: half a block, counted as one (paid partly)
    [80_000n, 7n, 80_000n, 7n, 0n],
    [10n, 3n, 10n, 1n, 2n],
  ])('total %s over %s, deposited %s, %s blocks paid: %s blocks covered', (total, d, dep, paidBlocks, want) => {
    expect(blocksCovered(total, d, dep, paidBlocks)).toBe(want);
  });
});
