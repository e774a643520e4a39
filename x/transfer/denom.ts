/**
 * ICS-20 denominations: a voucher's denom is `ibc/{SHA256(trace path)}` where the trace path is
 * "port/channel/.../base" (ibc-go transfer types/trace.go, denom.go), and each channel escrows
 * native tokens in an ADR-028 address, sha256("ics20-1" ‖ 0x00 ‖ "port/channel")[:20]
 * (types/keys.go GetEscrowAddress).
 */
import { sha256 } from '../../src/crypto/hash';
import { transferErrors } from './errors';

export const VERSION = 'ics20-1';
export const DENOM_PREFIX = 'ibc';

const enc = new TextEncoder();

export function escrowAddress(portId: string, channelId: string): Uint8Array {
  const contents = enc.encode(`${portId}/${channelId}`);
  const pre = new Uint8Array(VERSION.length + 1 + contents.length);
  pre.set(enc.encode(VERSION), 0);
  pre[VERSION.length] = 0;
  pre.set(contents, VERSION.length + 1);
  return sha256(pre).subarray(0, 20);
}

export interface DenomTrace {
  /** "transfer/channel-0" pairs, outermost first ("" for a native denom). */
  path: string;
  baseDenom: string;
}

export function fullDenomPath(t: DenomTrace): string {
  return t.path === '' ? t.baseDenom : `${t.path}/${t.baseDenom}`;
}

/** Upper-case hex SHA-256 of the full path. */
export function traceHash(t: DenomTrace): string {
  return Buffer.from(sha256(enc.encode(fullDenomPath(t)))).toString('hex').toUpperCase();
}

/** The denom as it lives in the bank: the base denom when native, else `ibc/{hash}`. */
export function ibcDenom(t: DenomTrace): string {
  return t.path === '' ? t.baseDenom : `${DENOM_PREFIX}/${traceHash(t)}`;
}

const ID_RE = /^[a-zA-Z0-9.\_+\-#[\]<>]+$/;

/**
 * Parses "transfer/channel-0/uatom" into its trace: leading (port, channel) pairs whose channel
 * looks like an identifier, the rest is the base denom (ibc-go ExtractPathAndBaseFromFullPath).
 */
export function parseDenomTrace(full: string): DenomTrace {
  const parts = full.split('/');
  if (parts[0] === DENOM_PREFIX && parts.length === 2) {
    // an ibc/ hash cannot be turned back into a trace without the store
    return { path: '', baseDenom: full };
  }
  const path: string[] = [];
  let i = 0;
  while (parts.length > 2 && i + 2 < parts.length && ID_RE.test(parts[i]) && /^channel-(0|[1-9][0-9]*)$/.test(parts[i + 1])) {
    path.push(parts[i], parts[i + 1]);
    i += 2;
  }
  const baseDenom = parts.slice(path.length).join('/');
  if (baseDenom === '') throw transferErrors.InvalidDenomForTransfer(`base denomination cannot be blank: ${full}`);
  return { path: path.join('/'), baseDenom };
}

/** True when the denom in a packet started its journey at (sourcePort, sourceChannel): the receiver is its source. */
export function receiverChainIsSource(sourcePort: string, sourceChannel: string, denom: string): boolean {
  return denom.startsWith(`${sourcePort}/${sourceChannel}/`);
}

/** True when this chain is the source of `denom` sent over (port, channel): it does not start with that hop. */
export function senderChainIsSource(sourcePort: string, sourceChannel: string, denom: string): boolean {
  return !receiverChainIsSource(sourcePort, sourceChannel, denom);
}

export function parseHexHash(hash: string): string {
  const h = hash.startsWith(`${DENOM_PREFIX}/`) ? hash.slice(DENOM_PREFIX.length + 1) : hash;
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw transferErrors.InvalidDenomForTransfer(`invalid denom trace hash ${hash}`);
  return h.toUpperCase();
}
