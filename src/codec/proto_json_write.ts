/**
 * Message -> SDK JSON text, exactly as a Cosmos SDK node prints it: gogoproto's jsonpb with
 * `OrigName: true, EmitDefaults: true` and the interface registry as Any resolver (the REST
 * gateway, `codec.ProtoMarshalJSON`, typed events, CLI `--output json`).
 *
 * - Fields in declaration order (Go struct order), proto names, defaults emitted: 0, "", false,
 *   [], {}; an absent nullable message, Any or customtype is `null`, absent bytes are `null`
 *   (a nil Go slice); a oneof only when set, under its field's name.
 * - 64-bit integers as strings, enums by name (a number if unknown), bytes base64 (std, padded),
 *   map keys sorted.
 * - Timestamp, Duration, wrappers, Struct/Value/ListValue in their proto3 JSON forms; Any as
 *   {"@type": url, ...fields}, or {"@type": url, "value": ...} around a well-known type.
 * - gogoproto options as proto_json_gogo.ts describes (LegacyDec, non-nullable zero values...).
 */
import { ScalarType, create, fromBinary, toJson } from '@bufbuild/protobuf';
import type { DescEnum, DescField, DescMessage, Message } from '@bufbuild/protobuf';
import { base64Encode } from '@bufbuild/protobuf/wire';
import { messageDesc, protoRegistry } from './descriptors';
import { decWireToJson, intWireToJson } from './proto_json_dec';
import { gogoField } from './proto_json_gogo';
import type { GogoField } from './proto_json_gogo';
import { compareUtf8, goCompactJson, goFloat, goQuote } from './proto_json_go';
import { GO_JSON_MARSHALER_TYPES, goStructJson } from './proto_json_gostruct';
import { formatDuration, formatTimestamp } from './proto_json_time';

/** Thrown for values that have no SDK JSON (an Any of an unknown type, a bad Dec on the wire...). */
export class JsonWriteError extends Error {
  constructor(readonly path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

type Fields = Record<string, any>;

const WRAPPERS = new Set([
  'google.protobuf.DoubleValue', 'google.protobuf.FloatValue', 'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value', 'google.protobuf.Int32Value', 'google.protobuf.UInt32Value',
  'google.protobuf.BoolValue', 'google.protobuf.StringValue', 'google.protobuf.BytesValue',
]);
const STRUCTS = new Set(['google.protobuf.Struct', 'google.protobuf.Value', 'google.protobuf.ListValue']);
/** Types with their own JSON form; inside an Any they go under "value" (Empty too: jsonpb's isWkt). */
export function hasWktJson(typeName: string): boolean {
  return (
    typeName === 'google.protobuf.Timestamp' || typeName === 'google.protobuf.Duration' ||
    typeName === 'google.protobuf.Any' || WRAPPERS.has(typeName) || STRUCTS.has(typeName)
  );
}
const WKT_IN_ANY_AS_VALUE = (typeName: string) => hasWktJson(typeName) || typeName === 'google.protobuf.Empty';

const NIL_STDTIME = '"0001-01-01T00:00:00Z"';
const ZERO_TIMESTAMP = '"1970-01-01T00:00:00Z"';
const ZERO_DEC = '"0.000000000000000000"';

/** The JSON of a whole message. */
export function messageJson(desc: DescMessage, msg: Message, path = ''): string {
  const out: string[] = [];
  writeMessage(out, desc, msg as Fields, path);
  return out.join('');
}

/**
 * The top-level fields of a message as [proto name, JSON text] pairs in declaration order, as
 * jsonpb would write them between the braces (for typed events). Not for well-known types.
 */
export function messageFieldsJson(desc: DescMessage, msg: Message): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  forEachField(desc, msg as Fields, (field, value, present) => {
    const out: string[] = [];
    writeField(out, field, value, present, field.name);
    pairs.push([field.name, out.join('')]);
  });
  return pairs;
}

function forEachField(desc: DescMessage, msg: Fields, visit: (f: DescField, value: unknown, present: boolean) => void): void {
  for (const member of desc.members) {
    if (member.kind === 'oneof') {
      const selected = msg[member.localName] as { case?: string; value?: unknown };
      if (selected?.case === undefined) continue;
      const field = member.fields.find((f) => f.localName === selected.case);
      if (field) visit(field, selected.value, true);
    } else {
      visit(member, msg[member.localName], false);
    }
  }
}

function writeMessage(out: string[], desc: DescMessage, msg: Fields, path: string, typeUrl?: string): void {
  if (hasWktJson(desc.typeName)) {
    writeWkt(out, desc, msg, path);
    return;
  }
  out.push('{');
  let first = true;
  if (typeUrl !== undefined) {
    out.push('"@type":', goQuote(typeUrl));
    first = false;
  }
  forEachField(desc, msg, (field, value, present) => {
    if (!first) out.push(',');
    first = false;
    out.push('"', field.name, '":');
    writeField(out, field, value, present, path ? `${path}.${field.name}` : field.name);
  });
  out.push('}');
}

/** One field's value. `inOneof`: the field is the selected member of its oneof (always printed as set). */
function writeField(out: string[], field: DescField, value: unknown, inOneof: boolean, path: string): void {
  const gogo = gogoField(field);
  switch (field.fieldKind) {
    case 'list': {
      const list = value as unknown[];
      out.push('[');
      for (let i = 0; i < list.length; i++) {
        if (i > 0) out.push(',');
        const at = `${path}[${i}]`;
        if (field.listKind === 'message') writeNestedMessage(out, field.message, list[i] as Fields, at);
        else if (field.listKind === 'enum') out.push(enumJson(field.enum, list[i] as number));
        else out.push(scalarJson(field.scalar, list[i], gogo, true, at));
      }
      out.push(']');
      return;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = sortMapKeys(Object.keys(map), field.mapKey);
      out.push('{');
      keys.forEach((key, i) => {
        if (i > 0) out.push(',');
        out.push(field.mapKey === ScalarType.STRING ? goQuote(key) : `"${key}"`, ':');
        const v = map[key];
        const at = `${path}[${JSON.stringify(key)}]`;
        if (field.mapKind === 'message') writeMessage(out, field.message, v as Fields, at);
        else if (field.mapKind === 'enum') out.push(enumJson(field.enum, v as number));
        else out.push(scalarJson(field.scalar, v, gogo, true, at));
      });
      out.push('}');
      return;
    }
    case 'enum':
      out.push(value === undefined ? 'null' : enumJson(field.enum, value as number));
      return;
    case 'message':
      if (value !== undefined) writeNestedMessage(out, field.message, value as Fields, path);
      else if (inOneof || gogo.nullable) out.push('null');
      else out.push(zeroMessageJson(field.message, gogo, path));
      return;
    case 'scalar':
      out.push(value === undefined ? 'null' : scalarJson(field.scalar, value, gogo, inOneof, path));
      return;
  }
}

/** A message that is a field's value or a list element: jsonpb, or encoding/json for a few SDK types. */
function writeNestedMessage(out: string[], desc: DescMessage, msg: Fields, path: string): void {
  if (GO_JSON_MARSHALER_TYPES.has(desc.typeName)) out.push(wrap(path, () => goStructJson(desc, msg)));
  else writeMessage(out, desc, msg, path);
}

/** What jsonpb prints for the zero value of a non-nullable message field (a Go struct). */
function zeroMessageJson(desc: DescMessage, gogo: GogoField, path: string): string {
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      return gogo.stdtime ? NIL_STDTIME : ZERO_TIMESTAMP;
    case 'google.protobuf.Duration':
      return '"0s"';
    case 'google.protobuf.Any':
      return 'null'; // no SDK proto has a non-nullable Any; jsonpb could not print one
    default: {
      const out: string[] = [];
      writeNestedMessage(out, desc, create(desc) as Fields, path);
      return out.join('');
    }
  }
}

function enumJson(desc: DescEnum, value: number): string {
  const v = desc.value[value];
  return v ? `"${v.name}"` : String(value);
}

/**
 * A scalar. `present`: the value is set even if zero (a list or map element, a oneof member), so
 * empty bytes print as "" rather than null and a customtype zero as its zero, not null.
 */
function scalarJson(type: ScalarType, value: unknown, gogo: GogoField, present: boolean, path: string): string {
  switch (type) {
    case ScalarType.STRING: {
      const s = value as string;
      if (gogo.customType === 'dec') {
        if (s === '') return gogo.nullable && !present ? 'null' : ZERO_DEC;
        return `"${wrap(path, () => decWireToJson(s))}"`;
      }
      if (gogo.customType === 'int') {
        if (s === '') return gogo.nullable && !present ? 'null' : '"0"';
        return `"${wrap(path, () => intWireToJson(s))}"`;
      }
      return goQuote(s);
    }
    case ScalarType.BYTES: {
      const b = value as Uint8Array;
      // a LegacyDec in a bytes field (mint's Inflation, AnnualProvisions): the bytes are its wire string
      if (gogo.customType === 'dec' || gogo.customType === 'int') {
        return scalarJson(ScalarType.STRING, Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8'), gogo, present, path);
      }
      if (gogo.castType === 'hex') return `"${Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex').toUpperCase()}"`;
      if (b.length === 0) return present ? '""' : 'null';
      if (gogo.castType === 'rawjson') {
        return wrap(path, () => goCompactJson(JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8'))));
      }
      return `"${base64Encode(b, 'std')}"`;
    }
    case ScalarType.BOOL:
      return value ? 'true' : 'false';
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return `"${String(value)}"`;
    case ScalarType.DOUBLE:
      return goFloat(value as number, false);
    case ScalarType.FLOAT:
      return goFloat(value as number, true);
    default: // the 32-bit integers
      return String(value);
  }
}

function writeWkt(out: string[], desc: DescMessage, msg: Fields, path: string): void {
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      out.push('"', wrap(path, () => formatTimestamp(BigInt(msg.seconds), msg.nanos)), '"');
      return;
    case 'google.protobuf.Duration':
      out.push('"', wrap(path, () => formatDuration(BigInt(msg.seconds), msg.nanos)), '"');
      return;
    case 'google.protobuf.Any':
      writeAny(out, msg.typeUrl as string, msg.value as Uint8Array, path);
      return;
    default:
      if (WRAPPERS.has(desc.typeName)) {
        const field = desc.fields[0];
        out.push(scalarJson(field.scalar!, msg.value, gogoField(field), false, path));
      } else {
        // Struct, Value, ListValue: plain JSON values.
        out.push(wrap(path, () => goCompactJson(toJson(desc, msg as Message, { registry: protoRegistry() }))));
      }
  }
}

function writeAny(out: string[], typeUrl: string, value: Uint8Array, path: string): void {
  const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  const desc = typeName ? messageDesc(typeName) : undefined;
  if (!desc) throw new JsonWriteError(path, `unable to resolve Any type URL ${JSON.stringify(typeUrl)}`);
  let inner: Message;
  try {
    inner = fromBinary(desc, value, { readUnknownFields: false });
  } catch (e) {
    throw new JsonWriteError(path, `cannot decode Any value of ${typeUrl}: ${(e as Error).message}`);
  }
  const at = path ? `${path}(${typeName})` : `(${typeName})`;
  if (WKT_IN_ANY_AS_VALUE(desc.typeName)) {
    out.push('{"@type":', goQuote(typeUrl), ',"value":');
    writeMessage(out, desc, inner as Fields, at);
    out.push('}');
  } else {
    writeMessage(out, desc, inner as Fields, at, typeUrl);
  }
}

/** jsonpb's order of map keys: strings by bytes, integers numerically, false before true. */
function sortMapKeys(keys: string[], keyType: ScalarType): string[] {
  if (keyType === ScalarType.STRING) return keys.sort(compareUtf8);
  if (keyType === ScalarType.BOOL) return keys.sort();
  return keys.sort((a, b) => {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonWriteError) throw e;
    throw new JsonWriteError(path, (e as Error).message);
  }
}
