/**
 * What gogoproto options change about a field's SDK JSON (and about the bytes gogoproto writes),
 * read once per field from the descriptors and cached:
 *
 * - `(gogoproto.nullable) = false` on a message field: Go holds a struct, not a pointer, so an
 *   absent value prints as the zero message (a zero `stdtime` as "0001-01-01T00:00:00Z", a zero
 *   Timestamp as "1970-01-01T00:00:00Z", a zero Duration as "0s") instead of `null`, and gogoproto
 *   always writes the field, even empty.
 * - `(gogoproto.customtype)` LegacyDec: the wire has the scaled integer ("500000000000000000"),
 *   JSON the decimal with 18 places ("0.500000000000000000"); math.Int / math.Uint: the same
 *   integer string in both. Non-nullable, an absent value is zero, which gogoproto writes as "0".
 *   Nullable, an absent value prints as `null`.
 * - `(gogoproto.casttype)` CometBFT HexBytes: upper-case hex in JSON instead of base64;
 *   encoding/json.RawMessage (genutil gen_txs): the bytes are JSON text, embedded as is.
 *
 * `jsontag`, `customname`, `embed`, `castrepeated`... change nothing in jsonpb's output (`jsontag`
 * matters only where encoding/json takes over: proto_json_gostruct.ts).
 */
import { getOption, hasOption } from '@bufbuild/protobuf';
import type { DescExtension, DescField } from '@bufbuild/protobuf';
import { protoRegistry } from './descriptors';

export interface GogoField {
  /** `(gogoproto.nullable)`, true unless set to false. */
  readonly nullable: boolean;
  /** A customtype with its own JSON form. */
  readonly customType?: 'dec' | 'int';
  /** A casttype with its own JSON form. */
  readonly castType?: 'hex' | 'rawjson';
  /** `(gogoproto.stdtime)`: Go holds a time.Time (zero = year 1). */
  readonly stdtime: boolean;
  /** `(gogoproto.jsontag)`: the Go struct tag, which only encoding/json reads (proto_json_gostruct.ts). */
  readonly jsonTag?: { readonly name: string; readonly omitEmpty: boolean };
}

interface GogoExtensions {
  nullable: DescExtension;
  customtype: DescExtension;
  casttype: DescExtension;
  stdtime: DescExtension;
  jsontag: DescExtension;
}

const cache = new WeakMap<DescField, GogoField>();
let extensions: GogoExtensions | undefined;

function gogoExtensions(): GogoExtensions {
  if (extensions) return extensions;
  const registry = protoRegistry();
  const get = (name: string): DescExtension => {
    const ext = registry.getExtension(name);
    if (!ext) throw new Error(`descriptor set lacks the extension ${name}`);
    return ext;
  };
  extensions = {
    nullable: get('gogoproto.nullable'),
    customtype: get('gogoproto.customtype'),
    casttype: get('gogoproto.casttype'),
    stdtime: get('gogoproto.stdtime'),
    jsontag: get('gogoproto.jsontag'),
  };
  return extensions;
}

const DEFAULTS: GogoField = Object.freeze({ nullable: true, stdtime: false });

export function gogoField(field: DescField): GogoField {
  let facts = cache.get(field);
  if (facts) return facts;
  facts = readFacts(field);
  cache.set(field, facts);
  return facts;
}

function readFacts(field: DescField): GogoField {
  const options = field.proto.options;
  if (!options) return DEFAULTS;
  const ext = gogoExtensions();
  const str = (e: DescExtension): string => (hasOption(field, e) ? String(getOption(field, e)) : '');
  const nullable = hasOption(field, ext.nullable) ? getOption(field, ext.nullable) !== false : true;
  const stdtime = hasOption(field, ext.stdtime) && getOption(field, ext.stdtime) === true;
  const custom = str(ext.customtype);
  const cast = str(ext.casttype);
  const customType = /(^|[./])(LegacyDec|Dec)$/.test(custom)
    ? 'dec'
    : /(^|[./])(Int|Uint)$/.test(custom)
      ? 'int'
      : undefined;
  const castType = /(^|[./])HexBytes$/.test(cast) ? 'hex' : cast === 'encoding/json.RawMessage' ? 'rawjson' : undefined;
  const tag = hasOption(field, ext.jsontag) ? str(ext.jsontag).split(',') : undefined;
  const jsonTag = tag ? Object.freeze({ name: tag[0], omitEmpty: tag.slice(1).includes('omitempty') }) : undefined;
  if (nullable && !stdtime && !customType && !castType && !jsonTag) return DEFAULTS;
  return Object.freeze({ nullable, stdtime, customType, castType, jsonTag });
}
