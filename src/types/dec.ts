/**
 * Fixed-point decimal with 18 places over bigint, the Cosmos SDK's LegacyDec. On the protobuf wire
 * a Dec is the string of its scaled integer ("500000000000000000" for 0.5); in JSON it is
 * "0.500000000000000000". Rounding follows the SDK: Mul/Quo round half to even, *Truncate chops.
 * No floating point anywhere.
 */
import { sdk } from './errors';

export const PRECISION = 18;
const ONE_RAW = 10n ** 18n;
const HALF = ONE_RAW / 2n;
const MAX_ABS = (1n << BigInt(256 + 60)) - 1n; // the SDK's maxDecBitLen is 256 + 60 bits

export class Dec {
  private constructor(readonly raw: bigint) {
    if (raw > MAX_ABS || raw < -MAX_ABS) throw sdk.InvalidRequest('decimal out of range');
  }

  static readonly ZERO = new Dec(0n);
  static readonly ONE = new Dec(ONE_RAW);

  static fromRaw(raw: bigint): Dec {
    return new Dec(raw);
  }

  static fromInt(n: bigint | number): Dec {
    return new Dec(BigInt(n) * ONE_RAW);
  }

  /** a / b as a Dec (half-even). */
  static ratio(a: bigint | number, b: bigint | number): Dec {
    return Dec.fromInt(a).quo(Dec.fromInt(b));
  }

  /** Parses "1", "0.25", "-3.5" (at most 18 decimals). */
  static fromString(s: string): Dec {
    const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(s.trim());
    if (!m) throw sdk.InvalidRequest(`invalid decimal: ${JSON.stringify(s)}`);
    const frac = m[3] ?? '';
    if (frac.length > PRECISION) throw sdk.InvalidRequest(`too many decimal places: ${s}`);
    const raw = BigInt(m[2]) * ONE_RAW + BigInt(frac.padEnd(PRECISION, '0') || '0');
    return new Dec(m[1] ? -raw : raw);
  }

  /** The protobuf wire form: the scaled integer as a string (empty means zero, as gogoproto allows). */
  static fromProto(s: string): Dec {
    if (s === '') return Dec.ZERO;
    if (!/^-?[0-9]+$/.test(s)) throw sdk.InvalidRequest(`invalid decimal wire value: ${JSON.stringify(s)}`);
    return new Dec(BigInt(s));
  }

  toProto(): string {
    return this.raw.toString();
  }

  /** "0.500000000000000000", as the SDK prints a LegacyDec. */
  toString(): string {
    const neg = this.raw < 0n;
    const abs = neg ? -this.raw : this.raw;
    const int = abs / ONE_RAW;
    const frac = (abs % ONE_RAW).toString().padStart(PRECISION, '0');
    return `${neg ? '-' : ''}${int}.${frac}`;
  }

  add(o: Dec): Dec {
    return new Dec(this.raw + o.raw);
  }
  sub(o: Dec): Dec {
    return new Dec(this.raw - o.raw);
  }
  neg(): Dec {
    return new Dec(-this.raw);
  }
  mul(o: Dec): Dec {
    return new Dec(chopRound(this.raw * o.raw));
  }
  mulTruncate(o: Dec): Dec {
    return new Dec(truncDiv(this.raw * o.raw, ONE_RAW));
  }
  mulInt(n: bigint): Dec {
    return new Dec(this.raw * n);
  }
  quo(o: Dec): Dec {
    if (o.raw === 0n) throw sdk.InvalidRequest('division by zero');
    // scale twice, divide, then round the extra precision away (as the SDK does)
    return new Dec(chopRound(truncDiv(this.raw * ONE_RAW * ONE_RAW, o.raw)));
  }
  quoTruncate(o: Dec): Dec {
    if (o.raw === 0n) throw sdk.InvalidRequest('division by zero');
    return new Dec(truncDiv(this.raw * ONE_RAW, o.raw));
  }
  quoRoundUp(o: Dec): Dec {
    if (o.raw === 0n) throw sdk.InvalidRequest('division by zero');
    const num = this.raw * ONE_RAW;
    const q = truncDiv(num, o.raw);
    return new Dec(num % o.raw === 0n ? q : q + (num > 0n === o.raw > 0n ? 1n : 0n));
  }
  quoInt(n: bigint): Dec {
    if (n === 0n) throw sdk.InvalidRequest('division by zero');
    return new Dec(truncDiv(this.raw, n));
  }
  /** Integer part, toward zero. */
  truncateInt(): bigint {
    return truncDiv(this.raw, ONE_RAW);
  }
  /** Nearest integer, half to even. */
  roundInt(): bigint {
    return chopRound(this.raw);
  }
  /** Smallest integer >= this. */
  ceilInt(): bigint {
    const t = truncDiv(this.raw, ONE_RAW);
    return this.raw > 0n && this.raw % ONE_RAW !== 0n ? t + 1n : t;
  }
  cmp(o: Dec): number {
    return this.raw < o.raw ? -1 : this.raw > o.raw ? 1 : 0;
  }
  eq(o: Dec): boolean {
    return this.raw === o.raw;
  }
  lt(o: Dec): boolean {
    return this.raw < o.raw;
  }
  lte(o: Dec): boolean {
    return this.raw <= o.raw;
  }
  gt(o: Dec): boolean {
    return this.raw > o.raw;
  }
  gte(o: Dec): boolean {
    return this.raw >= o.raw;
  }
  isZero(): boolean {
    return this.raw === 0n;
  }
  isNegative(): boolean {
    return this.raw < 0n;
  }
  isPositive(): boolean {
    return this.raw > 0n;
  }
  min(o: Dec): Dec {
    return this.lte(o) ? this : o;
  }
  max(o: Dec): Dec {
    return this.gte(o) ? this : o;
  }
}

function truncDiv(a: bigint, b: bigint): bigint {
  return a / b; // bigint division truncates toward zero
}

/** Removes 18 digits with round-half-to-even (the SDK's chopPrecisionAndRound). */
function chopRound(x: bigint): bigint {
  if (x < 0n) return -chopRound(-x);
  const q = x / ONE_RAW;
  const r = x % ONE_RAW;
  if (r < HALF) return q;
  if (r > HALF) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}
