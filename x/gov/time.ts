/**
 * Times in the gov state: nanoseconds since the epoch (bigint) in memory, google.protobuf.Timestamp
 * in stored values, and the SDK's sortable time text (`sdk.TimeKey`: "2006-01-02T15:04:05.000000000",
 * UTC, 29 bytes) in the proposal queue keys. Nothing here reads the clock.
 */
import type { Duration } from 'cosmjs-types/google/protobuf/duration';
import { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { KeyCodec } from '../../src/store/collections';

const NS = 1_000_000_000n;
const TIME_KEY_LENGTH = 29;

export function timestampFromNs(ns: bigint): Timestamp {
  const seconds = ns >= 0n ? ns / NS : -((-ns + NS - 1n) / NS);
  return Timestamp.fromPartial({ seconds, nanos: Number(ns - seconds * NS) });
}

export function nsFromTimestamp(t: Timestamp | undefined): bigint {
  return t ? t.seconds * NS + BigInt(t.nanos) : 0n;
}

export function nsFromDuration(d: Duration | undefined): bigint {
  return d ? d.seconds * NS + BigInt(d.nanos) : 0n;
}

/** The SDK's FormatTimeString: UTC, nanoseconds always printed, so the text sorts as time does. */
export function sortableTime(ns: bigint): string {
  const ms = ns >= 0n ? ns / 1_000_000n : -((-ns + 999_999n) / 1_000_000n);
  const nanos = ((ns % NS) + NS) % NS;
  const iso = new Date(Number(ms)).toISOString(); // "2026-01-02T03:04:05.678Z" (no clock: arithmetic only)
  return `${iso.slice(0, 19)}.${nanos.toString().padStart(9, '0')}`;
}

function parseSortableTime(s: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{9})$/.exec(s);
  if (!m) throw new Error(`invalid time key ${JSON.stringify(s)}`);
  return BigInt(Date.parse(`${m[1]}Z`)) * 1_000_000n + BigInt(m[2]);
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** sdk.TimeKey: the sortable text, fixed length, terminal or not. Values are nanoseconds. */
export const timeKey: KeyCodec<bigint> = {
  encode: (ns) => enc.encode(sortableTime(ns)),
  encodeNonTerminal: (ns) => enc.encode(sortableTime(ns)),
  decode: (b) => {
    if (b.length < TIME_KEY_LENGTH) throw new Error('truncated time key');
    return [parseSortableTime(dec.decode(b.subarray(0, TIME_KEY_LENGTH))), TIME_KEY_LENGTH];
  },
};
