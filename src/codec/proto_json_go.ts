/**
 * Text as Go's encoding/json writes it, which is what gogoproto's jsonpb defers to for strings,
 * floats and raw JSON: so our output is byte-for-byte what a Cosmos SDK node prints.
 *
 * - Strings: JSON.stringify's escapes, plus Go's HTML-safe ones (<, >, & as \u003c, \u003e,
 *   \u0026) and U+2028/U+2029 as \u2028/\u2029.
 * - Floats: shortest round-trip form, exponent from 1e21 up and below 1e-6 (same thresholds as
 *   JavaScript's), float32 at float32 precision, NaN/Infinity as jsonpb's quoted names.
 */

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const NEEDS_GO_ESCAPE = /[<>&\u2028\u2029]/;
const GO_ESCAPE_ALL = /[<>&\u2028\u2029]/g;

/** A JSON string literal as Go's json.Marshal writes it. */
export function goQuote(s: string): string {
  const quoted = JSON.stringify(s);
  return NEEDS_GO_ESCAPE.test(quoted) ? quoted.replace(GO_ESCAPE_ALL, (c) => GO_ESCAPES[c]) : quoted;
}

/** A float or double field value as jsonpb writes it. */
export function goFloat(v: number, float32: boolean): string {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"Infinity"';
  if (v === -Infinity) return '"-Infinity"';
  if (Object.is(v, -0)) return '-0';
  if (!float32) return String(v);
  // The shortest decimal that reads back as the same float32.
  for (let digits = 1; digits <= 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(v);
}

/** Any JSON value (already parsed) written compactly, strings escaped as Go does, keys in order. */
export function goCompactJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`non-finite number ${value} in JSON`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(goCompactJson).join(',')}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) parts.push(`${goQuote(k)}:${goCompactJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new Error(`${typeof value} is not a JSON value`);
  }
}

/** Go's sort order for strings: by UTF-8 bytes (JavaScript's `<` compares UTF-16 code units). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
