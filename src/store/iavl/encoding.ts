/**
 * Varint helpers shared by node hashing and node storage. IAVL hashes heights, sizes and
 * versions as Go `binary.PutVarint` (zigzag, signed); lengths as `binary.PutUvarint`. All our
 * integers are non-negative and below 2^52, so plain JS numbers are exact.
 */

/** Bytes `writeUvarint` uses for `v`. */
export function uvarintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes `v` (0 <= v < 2^53) as an unsigned LEB128 varint; returns the new offset. */
export function writeUvarint(buf: Uint8Array, off: number, v: number): number {
  if (v < 0x80) {
    buf[off] = v;
    return off + 1;
  }
  while (v >= 0x80) {
    buf[off++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[off++] = v;
  return off;
}

/** Go's `binary.PutVarint` for a non-negative value: zigzag doubles it. */
export function writeVarint(buf: Uint8Array, off: number, v: number): number {
  return writeUvarint(buf, off, v * 2);
}

export function varintSize(v: number): number {
  return uvarintSize(v * 2);
}

/** Go's `binary.PutVarint` as a fresh byte array (for proof op prefixes). */
export function varintBytes(v: number): Uint8Array {
  const out = new Uint8Array(varintSize(v));
  writeVarint(out, 0, v);
  return out;
}

/** A cursor over bytes read from storage; throws on truncated or oversized input. */
export class ByteReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  uvarint(): number {
    const buf = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= buf.length) throw new Error('corrupt node: truncated varint');
      const b = buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new Error('corrupt node: varint too long');
  }

  u8(): number {
    if (this.pos >= this.buf.length) throw new Error('corrupt node: truncated');
    return this.buf[this.pos++];
  }

  bytes(n: number): Uint8Array {
    const end = this.pos + n;
    if (end > this.buf.length) throw new Error('corrupt node: truncated bytes');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  rest(): Uint8Array {
    const out = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return out;
  }
}

/** A growable output buffer reused across encodes to avoid per-node allocations. */
export class ByteWriter {
  buf: Buffer;
  pos = 0;
  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafeSlow(initial);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }

  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  uvarint(v: number): void {
    this.ensure(10);
    this.pos = writeUvarint(this.buf, this.pos, v);
  }

  varint(v: number): void {
    this.ensure(10);
    this.pos = writeVarint(this.buf, this.pos, v);
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n <= 48) {
      // Short copies (keys, hashes) are faster as a loop than a native set().
      for (let i = 0; i < n; i++) buf[pos++] = b[i];
    } else {
      buf.set(b, pos);
      pos += n;
    }
    this.pos = pos;
  }

  /** The written bytes as a view (valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** The written bytes as an owned copy. */
  copy(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

/**
 * Unsigned byte-wise comparison (Go's bytes.Compare): negative, zero or positive. A JS loop: keys
 * usually differ early, and this is several times faster than the native Buffer.compare call.
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
