/**
 * Bech32 (BIP-173, https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki), the string
 * form of Cosmos addresses. Written here rather than taken from a library so that every
 * rejection says precisely what is wrong (address.ts turns it into sdk/7 invalid address).
 * Only the original Bech32 checksum constant (1) is accepted: Cosmos does not use Bech32m.
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHARSET_REV: Int8Array = (() => {
  const rev = new Int8Array(128).fill(-1);
  for (let i = 0; i < CHARSET.length; i++) rev[CHARSET.charCodeAt(i)] = i;
  return rev;
})();
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** BIP-173's limit. The Cosmos SDK decodes addresses with 1023 (`bech32.DecodeAndConvert`). */
export const BIP173_MAX_LENGTH = 90;
export const COSMOS_MAX_LENGTH = 1023;

/** A string that is not valid Bech32; `message` says why. */
export class Bech32Error extends Error {
  override readonly name = 'Bech32Error';
}

function polymod(values: ArrayLike<number>, chk = 1): number {
  for (let i = 0; i < values.length; i++) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ values[i]!;
    for (let j = 0; j < 5; j++) if ((top >>> j) & 1) chk ^= GENERATOR[j]!;
  }
  return chk;
}

function prefixChecksumState(prefix: string): number {
  const expanded: number[] = [];
  for (let i = 0; i < prefix.length; i++) expanded.push(prefix.charCodeAt(i) >>> 5);
  expanded.push(0);
  for (let i = 0; i < prefix.length; i++) expanded.push(prefix.charCodeAt(i) & 31);
  return polymod(expanded);
}

function checkPrefix(prefix: string): void {
  if (prefix.length === 0) throw new Bech32Error('empty human-readable prefix');
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c < 33 || c > 126) throw new Bech32Error(`invalid character in prefix at position ${i}`);
  }
  if (prefix !== prefix.toLowerCase()) throw new Bech32Error('prefix must be lower case');
}

/** Encodes 5-bit words under `prefix`. */
export function encodeWords(prefix: string, words: ArrayLike<number>, limit = BIP173_MAX_LENGTH): string {
  checkPrefix(prefix);
  const total = prefix.length + 1 + words.length + 6;
  if (total > limit) throw new Bech32Error(`encoded length ${total} exceeds limit ${limit}`);
  let chk = prefixChecksumState(prefix);
  let out = prefix + '1';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!Number.isInteger(w) || w < 0 || w > 31) throw new Bech32Error(`word ${i} is not a 5-bit value`);
    chk = polymod([w], chk);
    out += CHARSET[w];
  }
  chk = polymod([0, 0, 0, 0, 0, 0], chk) ^ 1;
  for (let i = 0; i < 6; i++) out += CHARSET[(chk >>> (5 * (5 - i))) & 31];
  return out;
}

/** Decodes a Bech32 string into its (lower-case) prefix and 5-bit data words, checksum removed. */
export function decodeWords(str: string, limit = BIP173_MAX_LENGTH): { prefix: string; words: Uint8Array } {
  if (str.length === 0) throw new Bech32Error('empty string');
  if (str.length > limit) throw new Bech32Error(`length ${str.length} exceeds limit ${limit}`);
  let hasLower = false;
  let hasUpper = false;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 33 || c > 126) throw new Bech32Error(`invalid character at position ${i}`);
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
  }
  if (hasLower && hasUpper) throw new Bech32Error('mixed upper and lower case');
  const lower = str.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep === -1) throw new Bech32Error('missing separator "1"');
  if (sep === 0) throw new Bech32Error('empty human-readable prefix');
  if (lower.length - sep - 1 < 6) throw new Bech32Error('data part shorter than the 6-character checksum');
  const prefix = lower.slice(0, sep);
  const data = new Uint8Array(lower.length - sep - 1);
  for (let i = 0; i < data.length; i++) {
    const c = lower.charCodeAt(sep + 1 + i);
    const v = c < 128 ? CHARSET_REV[c]! : -1;
    if (v === -1) throw new Bech32Error(`invalid data character "${lower[sep + 1 + i]}" at position ${sep + 1 + i}`);
    data[i] = v;
  }
  if (polymod(data, prefixChecksumState(prefix)) !== 1) throw new Bech32Error('invalid checksum');
  return { prefix, words: data.slice(0, data.length - 6) };
}

/** Regroups bits: 8→5 with padding for encoding, 5→8 without (padding must be < 5 zero bits). */
export function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): Uint8Array {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < 0 || v >> from !== 0) throw new Bech32Error(`value ${v} does not fit in ${from} bits`);
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
    acc &= (1 << bits) - 1; // keep only the bits not yet emitted
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || acc !== 0) {
    throw new Bech32Error('invalid padding in data part');
  }
  return Uint8Array.from(out);
}

/** Encodes bytes under `prefix` (the form of every Cosmos address). */
export function encode(prefix: string, bytes: Uint8Array, limit = COSMOS_MAX_LENGTH): string {
  return encodeWords(prefix, convertBits(bytes, 8, 5, true), limit);
}

/** Decodes a Bech32 string whose data part is whole bytes. */
export function decode(str: string, limit = COSMOS_MAX_LENGTH): { prefix: string; bytes: Uint8Array } {
  const { prefix, words } = decodeWords(str, limit);
  return { prefix, bytes: convertBits(words, 5, 8, false) };
}
