/**
 * A minimal protobuf writer for the CometBFT structures whose bytes are signed or hashed
 * (canonical votes, header fields, simple validators). Written by hand so every byte is the one
 * gogoproto produces: proto3 scalars omitted when zero, non-nullable messages always written.
 */
export class ProtoWriter {
  private readonly chunks: number[] = [];

  private varint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }
  private tag(field: number, wire: number): void {
    this.varint(BigInt((field << 3) | wire));
  }
  /** int64 / uint64 / int32 / uint32 / enum / bool, omitted when zero. */
  uint(field: number, n: bigint | number): this {
    const v = BigInt(n);
    if (v === 0n) return this;
    this.tag(field, 0);
    this.varint(v);
    return this;
  }
  /** sfixed64, omitted when zero. */
  sfixed64(field: number, n: bigint): this {
    if (n === 0n) return this;
    this.tag(field, 1);
    const v = BigInt.asUintN(64, n);
    for (let i = 0n; i < 8n; i++) this.chunks.push(Number((v >> (8n * i)) & 0xffn));
    return this;
  }
  /** bytes / string, omitted when empty. */
  bytes(field: number, b: Uint8Array | string | undefined): this {
    const v = typeof b === 'string' ? new TextEncoder().encode(b) : (b ?? new Uint8Array());
    if (v.length === 0) return this;
    return this.message(field, v);
  }
  /** An embedded message, written even when empty (gogoproto non-nullable). */
  message(field: number, body: Uint8Array): this {
    this.tag(field, 2);
    this.varint(BigInt(body.length));
    for (const x of body) this.chunks.push(x);
    return this;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

export function uvarint(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Uint8Array.from(out);
}
