/**
 * One chunk of a validator's missed-block bitmap, in the bytes github.com/bits-and-blooms/bitset
 * marshals (the SDK stores those): the bit count as uint64 BE, then 64-bit words BE, bit i of the
 * chunk in word i/64 at position i%64.
 */
import { MISSED_BLOCK_BITMAP_CHUNK_SIZE } from './keys';

const WORDS = Number(MISSED_BLOCK_BITMAP_CHUNK_SIZE / 64n);

export function emptyChunk(): Uint8Array {
  const b = new Uint8Array(8 + WORDS * 8);
  new DataView(b.buffer).setBigUint64(0, MISSED_BLOCK_BITMAP_CHUNK_SIZE);
  return b;
}

export function getBit(chunk: Uint8Array | undefined, bit: number): boolean {
  if (!chunk) return false;
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const off = 8 + Math.floor(bit / 64) * 8;
  if (off + 8 > chunk.byteLength) return false;
  return ((view.getBigUint64(off) >> BigInt(bit % 64)) & 1n) === 1n;
}

export function setBit(chunk: Uint8Array | undefined, bit: number, value: boolean): Uint8Array {
  const out = emptyChunk();
  if (chunk) out.set(chunk.subarray(0, out.length));
  const view = new DataView(out.buffer);
  const off = 8 + Math.floor(bit / 64) * 8;
  const mask = 1n << BigInt(bit % 64);
  const word = view.getBigUint64(off);
  view.setBigUint64(off, value ? word | mask : word & ~mask);
  return out;
}
