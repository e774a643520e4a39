/**
 * google.protobuf.Timestamp and Duration in SDK JSON, as gogoproto's jsonpb writes and reads them.
 *
 * Written: Timestamp "2021-10-01T19:24:52.663191049Z" (UTC, 0/3/6/9 fractional digits),
 * Duration "1814400s", "1.500s", "-0.001s" (0/3/6/9 fractional digits).
 * Read: Timestamp as Go's time.Parse(RFC3339Nano) (any offset, 1-9 fractional digits), within
 * years 1..9999; Duration as Go's time.ParseDuration ("1.5s", "90m", "1h30m", "300ms"), within
 * the int64 nanoseconds Go's time.Duration holds. Errors are plain Errors; callers add the field.
 */

const NANOS_PER_SECOND = 1_000_000_000;
const SECONDS_PER_DAY = 86_400;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the Timestamp range. */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800n;
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;
/** What Duration allows: +-10,000 years. */
const MAX_DURATION_SECONDS = 315_576_000_000n;

/** Trims 9 fractional digits to 0, 3, 6 or 9 as jsonpb does. */
function fraction(nanos: number): string {
  if (nanos === 0) return '';
  let text = String(nanos).padStart(9, '0');
  if (text.endsWith('000000')) text = text.slice(0, 3);
  else if (text.endsWith('000')) text = text.slice(0, 6);
  return `.${text}`;
}

export function formatTimestamp(seconds: bigint, nanos: number): string {
  if (!Number.isInteger(nanos) || nanos < 0 || nanos >= NANOS_PER_SECOND) {
    throw new Error(`timestamp nanos ${nanos} out of range [0, 1e9)`);
  }
  const s = Number(seconds);
  const days = Math.floor(s / SECONDS_PER_DAY);
  const secOfDay = s - days * SECONDS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4); // as Go's time.Format writes years
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${year}-${pad(m, 2)}-${pad(d, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${fraction(nanos)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseTimestamp(text: string): { seconds: bigint; nanos: number } {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`bad Timestamp ${JSON.stringify(text)}, should be RFC 3339 encoded`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`bad Timestamp ${JSON.stringify(text)}: a field is out of range`);
  }
  let offset = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) throw new Error(`bad Timestamp ${JSON.stringify(text)}: time zone offset out of range`);
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const seconds = BigInt(daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset);
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) {
    throw new Error(`Timestamp ${JSON.stringify(text)} is outside 0001-01-01..9999-12-31`);
  }
  return { seconds, nanos: m[7] ? Number(m[7].padEnd(9, '0')) : 0 };
}

export function formatDuration(seconds: bigint, nanos: number): string {
  if (seconds < -MAX_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
    throw new Error(`duration seconds ${seconds} out of range`);
  }
  if (!Number.isInteger(nanos) || nanos <= -NANOS_PER_SECOND || nanos >= NANOS_PER_SECOND) {
    throw new Error(`duration nanos ${nanos} out of range (-1e9, 1e9)`);
  }
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) {
    throw new Error('signs of duration seconds and nanos do not match');
  }
  const sign = seconds === 0n && nanos < 0 ? '-' : '';
  return `${sign}${seconds}${fraction(Math.abs(nanos))}s`;
}

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5
  'μs': 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_INT64 = (1n << 63n) - 1n;

/** Go's time.ParseDuration, then split into seconds and nanos as gogoproto does. */
export function parseGoDuration(text: string): { seconds: bigint; nanos: number } {
  const bad = (why: string) => new Error(`bad Duration ${JSON.stringify(text)}: ${why}`);
  let s = text;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { seconds: 0n, nanos: 0 };
  if (s === '') throw bad('empty');
  let total = 0n;
  const component = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = component.exec(s);
    if (!m || (m[1] === '' && !m[2])) throw bad('expected a number followed by a unit');
    const unit = UNIT_NANOS[m[3]];
    if (unit === undefined) throw bad(`unknown unit ${JSON.stringify(m[3])}`);
    total += BigInt(m[1] || '0') * unit;
    if (m[2]) total += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    if (total > MAX_INT64 + (neg ? 1n : 0n)) throw bad('overflows int64 nanoseconds');
    s = s.slice(m[0].length);
  }
  if (neg) total = -total;
  const seconds = total / 1_000_000_000n; // truncates toward zero, as Go's / and %
  return { seconds, nanos: Number(total - seconds * 1_000_000_000n) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse: [year, month, day] of a day count since 1970-01-01 (civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
