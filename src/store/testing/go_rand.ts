/**
 * Go's math/rand (the Go 1 additive lagged Fibonacci source) started from a seeded state, so
 * tests can replay random operation sequences written in Go tests (cosmos/iavl TestTreeHash)
 * and compare known-answer hashes. The seeded state comes from a JSON fixture, not the seeding
 * algorithm (which needs Go's 607-entry rngCooked table).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LEN = 607;
const MASK63 = (1n << 63n) - 1n;

export class GoRand {
  private readonly vec = new BigInt64Array(LEN);
  private tap: number;
  private feed: number;
  private readVal = 0n;
  private readPos = 0;

  constructor(fixture: string) {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, fixture), 'utf8')) as {
      tap: number;
      feed: number;
      vec: string;
    };
    for (let i = 0; i < LEN; i++) this.vec[i] = BigInt.asIntN(64, BigInt('0x' + data.vec.slice(i * 16, i * 16 + 16)));
    this.tap = data.tap;
    this.feed = data.feed;
  }

  private uint64(): bigint {
    if (--this.tap < 0) this.tap += LEN;
    if (--this.feed < 0) this.feed += LEN;
    const x = BigInt.asIntN(64, this.vec[this.feed] + this.vec[this.tap]);
    this.vec[this.feed] = x;
    return BigInt.asUintN(64, x);
  }

  int63(): bigint {
    return this.uint64() & MASK63;
  }

  float64(): number {
    for (;;) {
      const f = Number(this.int63()) / 2 ** 63;
      if (f !== 1) return f;
    }
  }

  int31(): number {
    return Number(this.int63() >> 32n);
  }

  /** Go's Intn for n < 2^31 (Int31n). */
  intn(n: number): number {
    if ((n & (n - 1)) === 0) return this.int31() & (n - 1);
    const max = 2 ** 31 - 1 - (2 ** 31 % n);
    let v = this.int31();
    while (v > max) v = this.int31();
    return v % n;
  }

  read(p: Uint8Array): void {
    let pos = this.readPos;
    let val = this.readVal;
    for (let i = 0; i < p.length; i++) {
      if (pos === 0) {
        val = this.int63();
        pos = 7;
      }
      p[i] = Number(val & 0xffn);
      val >>= 8n;
      pos--;
    }
    this.readPos = pos;
    this.readVal = val;
  }
}
