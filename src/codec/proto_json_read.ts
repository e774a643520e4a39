/**
 * SDK JSON -> message, accepting what gogoproto's jsonpb Unmarshaler accepts (genesis files, CLI
 * and REST input, typed events), and producing the message gogoproto would then write:
 *
 * - Field names: proto names ("from_address") or lowerCamelCase JSON names ("fromAddress"); if
 *   both are given, the camelCase one wins, as in jsonpb. Unknown names are an error unless
 *   `ignoreUnknownFields` (ParseTypedEvent's AllowUnknownFields). `null` means "not set".
 * - Integers as numbers or strings (64-bit ones beyond 2^53 must be strings), enums by name or
 *   number, bytes base64 (standard or URL alphabet, padding optional), Timestamp RFC 3339,
 *   Duration as Go's time.ParseDuration ("1.5s", "1h30m"), Any as {"@type": url, ...}.
 * - gogoproto (proto_json_gogo.ts): LegacyDec "0.5" -> wire "500000000000000000"; math.Int
 *   checked and made canonical; and the zero values gogoproto always writes are filled in: an
 *   absent non-nullable message becomes an empty one (a stdtime becomes 0001-01-01, Go's zero
 *   time), an absent non-nullable Dec/Int becomes "0".
 */
import { ScalarType, create, fromJson, toBinary } from '@bufbuild/protobuf';
import type { DescEnum, DescField, DescMessage, JsonValue, Message } from '@bufbuild/protobuf';
import { base64Decode } from '@bufbuild/protobuf/wire';
import { messageDesc, protoRegistry } from './descriptors';
import { decJsonToWire, intJsonToWire } from './proto_json_dec';
import { gogoField } from './proto_json_gogo';
import type { GogoField } from './proto_json_gogo';
import { compareUtf8, goCompactJson } from './proto_json_go';
import { MIN_TIMESTAMP_SECONDS, parseGoDuration, parseTimestamp } from './proto_json_time';
import { hasWktJson } from './proto_json_write';

export interface JsonReadOptions {
  /** Skip keys that name no field (ParseTypedEvent does: events carry msg_index and mode). */
  readonly ignoreUnknownFields?: boolean;
}

/** Thrown on input that is not SDK JSON of the type; `path` names the field ("amount[0].denom"). */
export class JsonReadError extends Error {
  constructor(readonly path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

type Fields = Record<string, any>;

const fieldsByJsonKey = new WeakMap<DescMessage, Map<string, DescField>>();

/** Both accepted names of every field, camelCase first so that it wins when both appear. */
function fieldLookup(desc: DescMessage): Map<string, DescField> {
  let map = fieldsByJsonKey.get(desc);
  if (!map) {
    map = new Map();
    for (const f of desc.fields) {
      map.set(f.name, f);
      map.set(f.jsonName, f);
    }
    fieldsByJsonKey.set(desc, map);
  }
  return map;
}

export function readMessage(desc: DescMessage, json: unknown, opts: JsonReadOptions, path = ''): Message {
  if (hasWktJson(desc.typeName)) return readWkt(desc, json, opts, path);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new JsonReadError(path, `expected a JSON object for ${desc.typeName}, got ${describe(json)}`);
  }
  const msg = create(desc) as Fields;
  const lookup = fieldLookup(desc);
  const given = new Map<DescField, [key: string, value: unknown]>();
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const field = lookup.get(key);
    if (!field) {
      if (opts.ignoreUnknownFields) continue;
      throw new JsonReadError(path, `unknown field ${JSON.stringify(key)} in ${desc.typeName}`);
    }
    const previous = given.get(field);
    if (previous && previous[0] === field.jsonName && key !== field.jsonName) continue; // camelCase wins
    given.set(field, [key, value]);
  }
  for (const [field, [, value]] of given) {
    const at = path ? `${path}.${field.name}` : field.name;
    if (value === null && !(field.fieldKind === 'message' && field.message.typeName === 'google.protobuf.Value')) {
      continue; // null: not set
    }
    if (field.oneof) {
      const current = msg[field.oneof.localName] as { case?: string };
      if (current.case !== undefined) {
        throw new JsonReadError(at, `more than one field of oneof ${field.oneof.name} is set`);
      }
      msg[field.oneof.localName] = { case: field.localName, value: readSingular(field, value, opts, at) };
    } else {
      msg[field.localName] = readField(field, value, opts, at);
    }
  }
  fillGogoZeroValues(desc, msg, path);
  return msg as Message;
}

function readField(field: DescField, json: unknown, opts: JsonReadOptions, path: string): unknown {
  if (field.fieldKind === 'list') {
    if (!Array.isArray(json)) throw new JsonReadError(path, `expected a JSON array, got ${describe(json)}`);
    return json.map((item, i) => {
      const at = `${path}[${i}]`;
      if (item === null && !(field.listKind === 'message' && field.message.typeName === 'google.protobuf.Value')) {
        throw new JsonReadError(at, 'null is not allowed in a list');
      }
      return readSingular(field, item, opts, at);
    });
  }
  if (field.fieldKind === 'map') {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new JsonReadError(path, `expected a JSON object for a map, got ${describe(json)}`);
    }
    // Entries are written in key order, so the same map always gives the same bytes (gogoproto
    // writes Go's random map order; no SDK state type has a map). An object keeps integer-like
    // keys first, whatever their insertion order: those maps are sorted numerically on the wire.
    const entries = Object.entries(json as Record<string, unknown>).map(([key, value]): [string, unknown] => {
      const at = `${path}[${JSON.stringify(key)}]`;
      return [mapKey(field.mapKey, key, at), readSingular(field, value, opts, at)];
    });
    const out: Record<string, unknown> = {};
    for (const [key, value] of sortMapEntries(entries, field.mapKey)) out[key] = value;
    return out;
  }
  return readSingular(field, json, opts, path);
}

/** One value of a field: the field itself, a list element or a map value. */
function readSingular(field: DescField, json: unknown, opts: JsonReadOptions, path: string): unknown {
  const kind = field.fieldKind === 'list' ? field.listKind : field.fieldKind === 'map' ? field.mapKind : field.fieldKind;
  switch (kind) {
    case 'message':
      return readMessage(field.message!, json, opts, path);
    case 'enum':
      return readEnum(field.enum!, json, path);
    default:
      return readScalar(field.scalar!, json, gogoField(field), longAsString(field), path);
  }
}

/** A 64-bit field with `[jstype = JS_STRING]` is a string in @bufbuild/protobuf messages. */
function longAsString(field: DescField): boolean {
  return (field as { longAsString?: boolean }).longAsString === true;
}

function readEnum(desc: DescEnum, json: unknown, path: string): number {
  if (typeof json === 'string') {
    const v = desc.values.find((x) => x.name === json);
    if (!v) throw new JsonReadError(path, `unknown value ${JSON.stringify(json)} for enum ${desc.typeName}`);
    return v.number;
  }
  if (json === null && desc.typeName === 'google.protobuf.NullValue') return 0;
  if (typeof json === 'number' && Number.isInteger(json) && json >= -0x80000000 && json <= 0x7fffffff) return json;
  throw new JsonReadError(path, `expected a name of enum ${desc.typeName}, got ${describe(json)}`);
}

const INT_RANGES: Partial<Record<ScalarType, readonly [bigint, bigint]>> = {
  [ScalarType.INT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SINT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SFIXED32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.UINT32]: [0n, 2n ** 32n - 1n],
  [ScalarType.FIXED32]: [0n, 2n ** 32n - 1n],
  [ScalarType.INT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SINT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SFIXED64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.UINT64]: [0n, 2n ** 64n - 1n],
  [ScalarType.FIXED64]: [0n, 2n ** 64n - 1n],
};
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const DECIMAL_INT = /^-?[0-9]+$/;

function readScalar(
  type: ScalarType,
  json: unknown,
  gogo: GogoField,
  longAsString: boolean,
  path: string,
): unknown {
  const fail = (why: string): never => {
    throw new JsonReadError(path, why);
  };
  switch (type) {
    case ScalarType.STRING:
      if (typeof json !== 'string') return fail(`expected a JSON string, got ${describe(json)}`);
      if (gogo.customType === 'dec') return attempt(path, () => decJsonToWire(json));
      if (gogo.customType === 'int') return attempt(path, () => intJsonToWire(json));
      return json;
    case ScalarType.BYTES:
      if (gogo.customType === 'dec' || gogo.customType === 'int') {
        if (typeof json !== 'string') return fail(`expected a JSON string, got ${describe(json)}`);
        return new TextEncoder().encode(attempt(path, () => (gogo.customType === 'dec' ? decJsonToWire(json) : intJsonToWire(json))));
      }
      if (gogo.castType === 'rawjson') {
        return new TextEncoder().encode(attempt(path, () => goCompactJson(json)));
      }
      if (typeof json !== 'string') return fail(`expected a JSON string (${gogo.castType === 'hex' ? 'hex' : 'base64'}), got ${describe(json)}`);
      if (gogo.castType === 'hex') {
        if (!HEX.test(json)) fail(`invalid hex string ${JSON.stringify(json)}`);
        return new Uint8Array(Buffer.from(json, 'hex'));
      }
      if (!BASE64.test(json) || json.replace(/=+$/, '').length % 4 === 1) fail(`invalid base64 string ${JSON.stringify(json)}`);
      return base64Decode(json);
    case ScalarType.BOOL:
      if (typeof json !== 'boolean') return fail(`expected true or false, got ${describe(json)}`);
      return json;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      let v: number;
      if (typeof json === 'number') v = json;
      else if (json === 'NaN') v = NaN;
      else if (json === 'Infinity') v = Infinity;
      else if (json === '-Infinity') v = -Infinity;
      else if (typeof json === 'string' && json.trim() !== '' && Number.isFinite(Number(json))) v = Number(json);
      else return fail(`expected a number, got ${describe(json)}`);
      if (type === ScalarType.FLOAT && Number.isFinite(v) && !Number.isFinite(Math.fround(v))) fail(`${v} overflows float`);
      return type === ScalarType.FLOAT ? Math.fround(v) : v;
    }
    default: {
      // integers
      let v: bigint;
      if (typeof json === 'number') {
        if (!Number.isSafeInteger(json)) {
          fail(Number.isInteger(json) ? `${json} is beyond 2^53: give 64-bit integers as strings` : `${json} is not an integer`);
        }
        v = BigInt(json);
      } else if (typeof json === 'string' && DECIMAL_INT.test(json)) {
        v = BigInt(json);
      } else {
        return fail(`expected an integer, got ${describe(json)}`);
      }
      const [min, max] = INT_RANGES[type]!;
      if (v < min || v > max) fail(`${v} is out of range for ${ScalarType[type].toLowerCase()}`);
      const is64 = max > 2n ** 32n;
      return is64 ? (longAsString ? v.toString() : v) : Number(v);
    }
  }
}

function mapKey(type: ScalarType, key: string, path: string): string {
  if (type === ScalarType.STRING) return key;
  if (type === ScalarType.BOOL) {
    if (key !== 'true' && key !== 'false') throw new JsonReadError(path, `invalid bool map key ${JSON.stringify(key)}`);
    return key;
  }
  return String(readScalar(type, key, { nullable: true, stdtime: false }, true, path));
}

function sortMapEntries(entries: Array<[string, unknown]>, keyType: ScalarType): Array<[string, unknown]> {
  if (keyType === ScalarType.STRING) return entries.sort((a, b) => compareUtf8(a[0], b[0]));
  if (keyType === ScalarType.BOOL) return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries.sort((a, b) => {
    const [x, y] = [BigInt(a[0]), BigInt(b[0])];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function readWkt(desc: DescMessage, json: unknown, opts: JsonReadOptions, path: string): Message {
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      if (typeof json !== 'string') throw new JsonReadError(path, `expected an RFC 3339 timestamp string, got ${describe(json)}`);
      return create(desc, attempt(path, () => parseTimestamp(json)) as any);
    case 'google.protobuf.Duration':
      if (typeof json !== 'string') throw new JsonReadError(path, `expected a duration string like "1.5s", got ${describe(json)}`);
      return create(desc, attempt(path, () => parseGoDuration(json)) as any);
    case 'google.protobuf.Any':
      return readAny(desc, json, opts, path);
    default:
      if (desc.fields.length === 1 && desc.typeName.endsWith('Value') && desc.fields[0].name === 'value' && desc.fields[0].fieldKind === 'scalar') {
        const field = desc.fields[0];
        const value = readScalar(field.scalar, json, gogoField(field), longAsString(field), path);
        return create(desc, { value } as any);
      }
      return attempt(path, () => fromJson(desc, json as JsonValue, { registry: protoRegistry() }));
  }
}

function readAny(anyDesc: DescMessage, json: unknown, opts: JsonReadOptions, path: string): Message {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new JsonReadError(path, `expected a JSON object with "@type" for an Any, got ${describe(json)}`);
  }
  const { '@type': typeUrl, ...rest } = json as Record<string, unknown>;
  if (typeof typeUrl !== 'string' || typeUrl === '') throw new JsonReadError(path, 'Any JSON has no "@type"');
  const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  const desc = messageDesc(typeName);
  if (!desc) throw new JsonReadError(path, `unable to resolve Any type URL ${JSON.stringify(typeUrl)}`);
  const at = path ? `${path}(${typeName})` : `(${typeName})`;
  let inner: Message;
  if (hasWktJson(typeName) || typeName === 'google.protobuf.Empty') {
    if (!('value' in rest)) throw new JsonReadError(path, `Any JSON of ${typeUrl} has no "value"`);
    inner = readMessage(desc, rest.value, opts, at);
  } else {
    inner = readMessage(desc, rest, opts, at);
  }
  return create(anyDesc, { typeUrl, value: toBinary(desc, inner) } as any);
}

/**
 * The zero values gogoproto writes even when "empty": a non-nullable message field is a Go struct
 * (written as a possibly empty message; a stdtime as Go's zero time), a non-nullable Dec or Int
 * customtype is written as "0".
 */
function fillGogoZeroValues(desc: DescMessage, msg: Fields, path: string): void {
  for (const field of desc.fields) {
    if (field.oneof || (field.fieldKind !== 'message' && field.fieldKind !== 'scalar')) continue;
    const gogo = gogoField(field);
    if (gogo.nullable) continue;
    if (field.fieldKind === 'scalar') {
      if (gogo.customType && field.scalar === ScalarType.STRING && msg[field.localName] === '') msg[field.localName] = '0';
      continue;
    }
    if (msg[field.localName] !== undefined) continue;
    const typeName = field.message.typeName;
    if (typeName === 'google.protobuf.Timestamp' && gogo.stdtime) {
      msg[field.localName] = create(field.message, { seconds: MIN_TIMESTAMP_SECONDS } as any);
    } else if (typeName !== 'google.protobuf.Any') {
      const zero = create(field.message) as Fields;
      if (!hasWktJson(typeName)) fillGogoZeroValues(field.message, zero, `${path}.${field.name}`);
      msg[field.localName] = zero;
    }
  }
}

function attempt<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonReadError) throw e;
    throw new JsonReadError(path, (e as Error).message);
  }
}

function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'an array';
  if (typeof json === 'object') return 'an object';
  if (typeof json === 'string') return `the string ${JSON.stringify(json.length > 40 ? `${json.slice(0, 40)}...` : json)}`;
  return `${typeof json} ${String(json)}`;
}
