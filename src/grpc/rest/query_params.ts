/**
 * A REST request → the gRPC request message, as grpc-gateway v1 builds it: the JSON body (body
 * "*": the whole message; body "field": that field), then the path variables, then — only when
 * the body is not "*" — query parameters for the remaining fields (`address=...`,
 * `pagination.limit=10`, `pagination.key=<base64>`, repeated fields by repeating the parameter).
 * Field names are the proto names or their JSON (camelCase) names; parameters naming no field are
 * ignored, as the gateway ignores them.
 *
 * Values are parsed as Go's strconv / the gateway's runtime converters parse them; a value that
 * does not parse is INVALID_ARGUMENT "type mismatch, parameter: pagination.limit, error:
 * strconv.ParseUint: parsing "x": invalid syntax". The result is SDK JSON (proto names, 64-bit
 * integers as strings, bytes as base64), turned into protobuf bytes by src/codec/proto_json.
 */
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { fromSdkJson } from '../../codec/proto_json';
import { Code, GrpcError } from '../status';

export type JsonObject = Record<string, unknown>;

export interface RequestParts {
  /** Path variables by field path ("address", "pagination.key"). */
  pathParams?: ReadonlyMap<string, string>;
  /** The URL's query string. */
  query?: URLSearchParams;
  /** The parsed JSON body (only with a body rule). */
  body?: unknown;
  /** The route's body rule: "", "*" or a field name. */
  bodyRule?: string;
}

/** The request as SDK JSON of `desc`. Throws GrpcError INVALID_ARGUMENT. */
export function requestJson(desc: DescMessage, parts: RequestParts): JsonObject {
  const rule = parts.bodyRule ?? '';
  let out: JsonObject = {};
  if (rule === '*') {
    if (parts.body !== undefined && parts.body !== null) {
      if (typeof parts.body !== 'object' || Array.isArray(parts.body)) throw invalid(`json: cannot unmarshal ${jsonKind(parts.body)} into Go value of type ${desc.typeName}`);
      out = { ...(parts.body as JsonObject) };
    }
  } else if (rule !== '') {
    const f = fieldByName(desc, rule);
    if (!f) throw invalid(`body field ${rule} is not a field of ${desc.typeName}`);
    if (parts.body !== undefined) out[f.name] = parts.body;
  }
  const taken = new Set<string>();
  for (const [path, value] of parts.pathParams ?? []) {
    setPath(desc, out, path.split('.'), [value], path);
    taken.add(path);
  }
  if (rule !== '*' && parts.query) {
    const byName = new Map<string, string[]>();
    for (const [k, v] of parts.query) {
      if (!byName.has(k)) byName.set(k, []);
      byName.get(k)!.push(v);
    }
    for (const [name, values] of byName) {
      if (taken.has(name)) continue;
      if (rule !== '' && (name === rule || name.startsWith(`${rule}.`))) continue;
      setPath(desc, out, name.split('.'), values, name, true);
    }
  }
  return out;
}

/** The request's protobuf bytes. Throws GrpcError INVALID_ARGUMENT. */
export function requestBytes(desc: DescMessage, parts: RequestParts): Uint8Array {
  const json = requestJson(desc, parts);
  try {
    return fromSdkJson(desc.typeName, json);
  } catch (e) {
    throw invalid((e as Error).message, e);
  }
}

function invalid(message: string, cause?: unknown): GrpcError {
  return new GrpcError(Code.INVALID_ARGUMENT, message, cause === undefined ? undefined : { cause });
}

function jsonKind(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function fieldByName(desc: DescMessage, name: string): DescField | undefined {
  return desc.fields.find((f) => f.name === name) ?? desc.fields.find((f) => f.jsonName === name);
}

/** Well-known types whose JSON is a string (a query parameter can carry them). */
const STRING_JSON_TYPES = new Set([
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'google.protobuf.StringValue',
  'google.protobuf.BytesValue',
  'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value',
  'google.protobuf.Int32Value',
  'google.protobuf.UInt32Value',
  'google.protobuf.BoolValue',
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.FieldMask',
]);

function setPath(desc: DescMessage, obj: JsonObject, path: string[], values: string[], param: string, fromQuery = false): void {
  const f = fieldByName(desc, path[0]);
  if (!f) {
    if (fromQuery) return; // the gateway ignores parameters that name no field
    throw invalid(`no field ${JSON.stringify(path[0])} in ${desc.typeName} for path parameter ${param}`);
  }
  if (path.length > 1) {
    if (f.fieldKind !== 'message' || STRING_JSON_TYPES.has(f.message.typeName)) {
      if (fromQuery) return;
      throw invalid(`invalid path: ${JSON.stringify(f.name)} is not a message`);
    }
    const child = (obj[f.name] ??= {}) as JsonObject;
    setPath(f.message, child, path.slice(1), values, param, fromQuery);
    return;
  }
  if (f.fieldKind === 'list') {
    const list = (Array.isArray(obj[f.name]) ? obj[f.name] : (obj[f.name] = [])) as unknown[];
    for (const v of values) {
      if (f.listKind === 'scalar') list.push(scalarJson(f.scalar, v, param));
      else if (f.listKind === 'enum') list.push(enumJson(f.enum, v, param));
      else if (STRING_JSON_TYPES.has(f.message.typeName)) list.push(v);
      else throw invalid(`type mismatch, parameter: ${param}, error: cannot set a message list from a parameter`);
    }
    return;
  }
  if (values.length > 1) throw invalid(`too many values for field ${JSON.stringify(param)}: ${values.join(', ')}`);
  const v = values[0];
  switch (f.fieldKind) {
    case 'scalar':
      obj[f.name] = scalarJson(f.scalar, v, param);
      return;
    case 'enum':
      obj[f.name] = enumJson(f.enum, v, param);
      return;
    case 'message':
      if (STRING_JSON_TYPES.has(f.message.typeName)) {
        obj[f.name] = v;
        return;
      }
      throw invalid(`type mismatch, parameter: ${param}, error: ${f.message.typeName} cannot be set from a parameter`);
    default:
      throw invalid(`type mismatch, parameter: ${param}, error: map fields cannot be set from a parameter`);
  }
}

function mismatch(param: string, error: string): GrpcError {
  return invalid(`type mismatch, parameter: ${param}, error: ${error}`);
}

const INT_RANGES: Partial<Record<ScalarType, [bigint, bigint, string, number]>> = {
  [ScalarType.INT32]: [-(2n ** 31n), 2n ** 31n - 1n, 'ParseInt', 32],
  [ScalarType.SINT32]: [-(2n ** 31n), 2n ** 31n - 1n, 'ParseInt', 32],
  [ScalarType.SFIXED32]: [-(2n ** 31n), 2n ** 31n - 1n, 'ParseInt', 32],
  [ScalarType.INT64]: [-(2n ** 63n), 2n ** 63n - 1n, 'ParseInt', 64],
  [ScalarType.SINT64]: [-(2n ** 63n), 2n ** 63n - 1n, 'ParseInt', 64],
  [ScalarType.SFIXED64]: [-(2n ** 63n), 2n ** 63n - 1n, 'ParseInt', 64],
  [ScalarType.UINT32]: [0n, 2n ** 32n - 1n, 'ParseUint', 32],
  [ScalarType.FIXED32]: [0n, 2n ** 32n - 1n, 'ParseUint', 32],
  [ScalarType.UINT64]: [0n, 2n ** 64n - 1n, 'ParseUint', 64],
  [ScalarType.FIXED64]: [0n, 2n ** 64n - 1n, 'ParseUint', 64],
};

/** One scalar parameter as SDK JSON (64-bit integers as strings, bytes as standard base64). */
export function scalarJson(type: ScalarType, v: string, param: string): unknown {
  const range = INT_RANGES[type];
  if (range) {
    const [min, max, fn, bits] = range;
    const syntax = fn === 'ParseUint' ? /^\d+$/ : /^[+-]?\d+$/;
    if (!syntax.test(v)) throw mismatch(param, `strconv.${fn}: parsing ${JSON.stringify(v)}: invalid syntax`);
    const n = BigInt(v);
    if (n < min || n > max) throw mismatch(param, `strconv.${fn}: parsing ${JSON.stringify(v)}: value out of range`);
    return bits === 64 ? n.toString() : Number(n);
  }
  switch (type) {
    case ScalarType.STRING:
      return v;
    case ScalarType.BOOL:
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
      throw mismatch(param, `strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      const n = Number(v);
      if (v.trim() === '' || Number.isNaN(n)) throw mismatch(param, `strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
      return n;
    }
    case ScalarType.BYTES:
      return base64Std(v, param);
    default:
      throw mismatch(param, `unsupported scalar type ${type}`);
  }
}

/** The gateway's runtime.Bytes: standard base64, else URL-safe base64 (both padded). */
function base64Std(v: string, param: string): string {
  const std = /^[A-Za-z0-9+/]*={0,2}$/;
  const url = /^[A-Za-z0-9\-_]*={0,2}$/;
  if (v.length % 4 === 0 && (std.test(v) || url.test(v))) {
    const normal = v.replace(/-/g, '+').replace(/_/g, '/');
    const pad = normal.indexOf('=');
    if (pad < 0 || pad >= normal.length - 2) return normal;
  }
  let at = [...v].findIndex((c) => !/[A-Za-z0-9+/=\-_]/.test(c));
  if (at < 0) at = Math.floor(v.length / 4) * 4;
  throw mismatch(param, `illegal base64 data at input byte ${at}`);
}

function enumJson(e: { typeName: string; values: readonly { name: string; number: number }[] }, v: string, param: string): unknown {
  const byName = e.values.find((x) => x.name === v);
  if (byName) return byName.name;
  if (/^-?\d+$/.test(v)) {
    const byNumber = e.values.find((x) => x.number === Number(v));
    if (byNumber) return byNumber.name;
  }
  throw mismatch(param, `${JSON.stringify(v)} is not a valid ${e.typeName}`);
}
