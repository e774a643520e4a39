/**
 * A quirk the SDK's JSON must keep: jsonpb hands a nested message to encoding/json when its Go
 * type has a value-receiver MarshalJSON. Two SDK types do (x/staking/types/delegation.go,
 * v0.53.4): DelegationResponse and RedelegationResponse, which marshal an alias of themselves
 * with encoding/json "to achieve a flattened structure". Their subtree then follows Go struct
 * tags, not jsonpb: `json:"name,omitempty"` on every field except non-nullable ones (so "" and 0
 * vanish), int64/uint64 as JSON numbers ("creation_height": 12), enums as numbers, time.Time as
 * RFC 3339 with trailing fractional zeros cut, an empty repeated field as `null` (a nil slice).
 * That is what GET /cosmos/staking/v1beta1/delegations/{addr} and .../redelegations return.
 */
import { ScalarType } from '@bufbuild/protobuf';
import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { base64Encode } from '@bufbuild/protobuf/wire';
import { decWireToJson, intWireToJson } from './proto_json_dec';
import { gogoField } from './proto_json_gogo';
import { goFloat, goQuote } from './proto_json_go';
import { formatTimestamp } from './proto_json_time';

/** Message types whose Go type has a value-receiver MarshalJSON through encoding/json. */
export const GO_JSON_MARSHALER_TYPES: ReadonlySet<string> = new Set([
  'cosmos.staking.v1beta1.DelegationResponse',
  'cosmos.staking.v1beta1.RedelegationResponse',
]);

type Fields = Record<string, any>;

/** encoding/json's text for a gogoproto-generated struct (never null: callers handle nil pointers). */
export function goStructJson(desc: DescMessage, msg: Fields): string {
  if (desc.oneofs.length > 0) throw new Error(`${desc.typeName}: encoding/json of oneofs is not supported`);
  const parts: string[] = [];
  for (const field of desc.fields) {
    const gogo = gogoField(field);
    const value = msg[field.localName];
    const repeatedScalar = field.fieldKind === 'list' && field.listKind !== 'message' && !gogo.customType;
    const omitEmpty = gogo.jsonTag?.omitEmpty ?? (gogo.nullable || repeatedScalar);
    if (gogo.jsonTag?.name === '-' || (omitEmpty && isEmpty(field, value))) continue;
    parts.push(`${goQuote(gogo.jsonTag?.name || field.name)}:${fieldJson(field, value)}`);
  }
  return `{${parts.join(',')}}`;
}

function isEmpty(field: DescField, value: unknown): boolean {
  switch (field.fieldKind) {
    case 'list':
      return (value as unknown[]).length === 0;
    case 'map':
      return Object.keys(value as object).length === 0;
    case 'message':
      return value === undefined; // a nil pointer; a struct value is never empty
    case 'enum':
      return value === 0;
    case 'scalar':
      if (value instanceof Uint8Array) return value.length === 0;
      return value === '' || value === 0 || value === 0n || value === false;
  }
}

function fieldJson(field: DescField, value: unknown): string {
  const gogo = gogoField(field);
  switch (field.fieldKind) {
    case 'list': {
      const list = value as unknown[];
      if (list.length === 0) return 'null'; // a nil Go slice
      return `[${list.map((v) => elementJson(field, field.listKind, v)).join(',')}]`;
    }
    case 'map':
      throw new Error(`${field.parent.typeName}.${field.name}: encoding/json of maps is not supported`);
    case 'message':
      if (value === undefined) {
        if (gogo.nullable) return 'null';
        return structValueJson(field.message, undefined, gogo.stdtime);
      }
      return structValueJson(field.message, value as Fields, gogo.stdtime);
    case 'enum':
      return String(value);
    case 'scalar':
      return scalarJson(field, value);
  }
}

function elementJson(field: DescField, kind: 'message' | 'enum' | 'scalar', v: unknown): string {
  if (kind === 'message') return structValueJson(field.message!, v as Fields, gogoField(field).stdtime);
  if (kind === 'enum') return String(v);
  return scalarJson(field, v);
}

function structValueJson(desc: DescMessage, msg: Fields | undefined, stdtime: boolean): string {
  if (desc.typeName === 'google.protobuf.Timestamp' && stdtime) {
    // time.Time.MarshalJSON: RFC 3339 with as many fractional digits as needed.
    const seconds = msg ? BigInt(msg.seconds) : -62_135_596_800n;
    const nanos = msg ? (msg.nanos as number) : 0;
    const text = formatTimestamp(seconds, 0).slice(0, -1);
    const frac = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
    return `"${text}${frac}Z"`;
  }
  if (desc.typeName.startsWith('google.protobuf.')) {
    throw new Error(`${desc.typeName} inside an encoding/json struct is not supported`);
  }
  return goStructJson(desc, msg ?? {});
}

function scalarJson(field: DescField, value: unknown): string {
  const gogo = gogoField(field);
  switch (field.scalar) {
    case ScalarType.STRING: {
      const s = (value as string | undefined) ?? '';
      if (gogo.customType && gogo.nullable && s === '') return 'null'; // a nil pointer
      if (gogo.customType === 'dec') return `"${s === '' ? '0.000000000000000000' : decWireToJson(s)}"`;
      if (gogo.customType === 'int') return `"${s === '' ? '0' : intWireToJson(s)}"`;
      return goQuote(s);
    }
    case ScalarType.BYTES: {
      const b = (value as Uint8Array | undefined) ?? new Uint8Array();
      return b.length === 0 ? 'null' : `"${base64Encode(b, 'std')}"`;
    }
    case ScalarType.BOOL:
      return value ? 'true' : 'false';
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      const v = (value as number | undefined) ?? 0;
      if (!Number.isFinite(v)) throw new Error(`encoding/json cannot write ${v}`);
      return goFloat(v, field.scalar === ScalarType.FLOAT);
    }
    default:
      return String(value ?? 0); // integers, 64-bit ones too, as JSON numbers
  }
}
