/**
 * Verification batches packed into one transferable buffer, so handing thousands of signatures to
 * a worker thread costs one copy-free message instead of a structured clone per field.
 * Layout per item: algo (1 byte: 0 secp256k1, 1 ed25519), key length (1), key, signature length
 * (1), signature, message length (4, big-endian), message.
 */
import type { KeyAlgo } from './pubkey';

export interface VerifyItem {
  algo: KeyAlgo;
  key: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

export function packBatch(items: readonly VerifyItem[]): Uint8Array {
  let size = 0;
  for (const it of items) size += 7 + it.key.length + it.signature.length + it.message.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const it of items) {
    out[o++] = it.algo === 'ed25519' ? 1 : 0;
    out[o++] = it.key.length;
    out.set(it.key, o);
    o += it.key.length;
    out[o++] = it.signature.length;
    out.set(it.signature, o);
    o += it.signature.length;
    view.setUint32(o, it.message.length);
    o += 4;
    out.set(it.message, o);
    o += it.message.length;
  }
  return out;
}

export function unpackBatch(buf: Uint8Array): VerifyItem[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const items: VerifyItem[] = [];
  let o = 0;
  while (o < buf.length) {
    const algo: KeyAlgo = buf[o++] === 1 ? 'ed25519' : 'secp256k1';
    const kl = buf[o++];
    const key = buf.subarray(o, o + kl);
    o += kl;
    const sl = buf[o++];
    const signature = buf.subarray(o, o + sl);
    o += sl;
    const ml = view.getUint32(o);
    o += 4;
    const message = buf.subarray(o, o + ml);
    o += ml;
    items.push({ algo, key, message, signature });
  }
  return items;
}
