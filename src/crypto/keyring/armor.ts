/**
 * ASCII armor (OpenPGP style, RFC 4880 section 6.2), the text form the Cosmos SDK uses for
 * exported keys: a BEGIN line, "Key: value" headers, a blank line, base64 wrapped at 64
 * columns, "=" + base64 CRC-24 of the data, an END line.
 */
import { keyringErrors } from './errors';

export interface Armor {
  readonly blockType: string;
  /** Headers in file order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly data: Uint8Array;
}

export function encodeArmor(armor: Armor): string {
  const { blockType, headers, data } = armor;
  if (!/^[A-Z0-9 ]+$/.test(blockType)) throw new Error(`bad armor block type ${JSON.stringify(blockType)}`);
  const lines = [`-----BEGIN ${blockType}-----`];
  for (const [k, v] of headers) {
    if (!/^[A-Za-z0-9-]+$/.test(k) || /[\r\n]/.test(v)) throw new Error(`bad armor header ${JSON.stringify(k)}`);
    lines.push(`${k}: ${v}`);
  }
  lines.push('');
  const b64 = Buffer.from(data).toString('base64');
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  lines.push(`=${crc24Base64(data)}`, `-----END ${blockType}-----`);
  return lines.join('\n') + '\n';
}

/** Parses armor; throws keyring/8 with what is wrong. Accepts CRLF and surrounding whitespace. */
export function decodeArmor(text: string): Armor {
  if (typeof text !== 'string') throw keyringErrors.InvalidArmor('armor is not text');
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n').map((l) => l.trimEnd());
  const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(lines[0] ?? '');
  if (!begin) throw keyringErrors.InvalidArmor('missing "-----BEGIN ...-----" line');
  const blockType = begin[1]!;
  if (lines[lines.length - 1] !== `-----END ${blockType}-----`) {
    throw keyringErrors.InvalidArmor(`missing "-----END ${blockType}-----" line`);
  }
  const body = lines.slice(1, -1);
  const blank = body.indexOf('');
  if (blank === -1) throw keyringErrors.InvalidArmor('missing blank line after the headers');
  const headers: Array<[string, string]> = body.slice(0, blank).map((l) => {
    const m = /^([A-Za-z0-9-]+): ?(.*)$/.exec(l);
    if (!m) throw keyringErrors.InvalidArmor(`bad header line ${JSON.stringify(l)}`);
    return [m[1]!, m[2]!];
  });
  const rest = body.slice(blank + 1).filter((l) => l !== '');
  const crcLine = rest.length > 0 && rest[rest.length - 1]!.startsWith('=') ? rest.pop()! : undefined;
  if (crcLine === undefined) throw keyringErrors.InvalidArmor('missing "=" checksum line');
  const b64 = rest.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw keyringErrors.InvalidArmor('data is not base64');
  const data = new Uint8Array(Buffer.from(b64, 'base64'));
  if (crcLine.slice(1) !== crc24Base64(data)) throw keyringErrors.InvalidArmor('checksum mismatch: the armor was altered or truncated');
  return { blockType, headers, data };
}

/** The value of header `name`, or keyring/8 when it is missing. */
export function armorHeader(armor: Armor, name: string): string {
  const found = armor.headers.find(([k]) => k.toLowerCase() === name.toLowerCase());
  if (!found) throw keyringErrors.InvalidArmor(`missing header "${name}"`);
  return found[1];
}

// RFC 4880 section 6.1.
function crc24Base64(data: Uint8Array): string {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  crc &= 0xffffff;
  return Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString('base64');
}
