/**
 * Block times in the staking state: nanoseconds since the epoch (bigint) in memory, a
 * google.protobuf.Timestamp in stored values, and the SDK's sortable time bytes in queue keys.
 * Nothing here reads the clock.
 */
import type { Duration } from 'cosmjs-types/google/protobuf/duration';
import { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';

const NS = 1_000_000_000n;

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

export function durationFromNs(ns: bigint): Duration {
  return { seconds: ns / NS, nanos: Number(ns % NS) };
}

function pad(n: number | bigint, width: number): string {
  return n.toString().padStart(width, '0');
}

/** UTC calendar fields of a time (no clock: pure arithmetic through Date on whole milliseconds). */
function utcParts(ns: bigint) {
  const ms = ns >= 0n ? ns / 1_000_000n : -((-ns + 999_999n) / 1_000_000n);
  return { d: new Date(Number(ms)), nanos: Number(((ns % NS) + NS) % NS) };
}

/** The SDK's FormatTimeBytes: "2006-01-02T15:04:05.000000000" in UTC (sorts as time does). */
export function sortableTimeBytes(ns: bigint): Uint8Array {
  return new TextEncoder().encode(sortableTimeString(ns));
}

export function sortableTimeString(ns: bigint): string {
  const { d, nanos } = utcParts(ns);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(nanos, 9)}`
  );
}

/** Go's time.RFC3339 ("2006-01-02T15:04:05Z", whole seconds), as the SDK's staking events print times. */
export function rfc3339Seconds(ns: bigint): string {
  return `${sortableTimeString(ns).slice(0, 19)}Z`;
}
