/**
 * The Cosmos SDK's JSON for any protobuf type we know (cosmos, ibc, tendermint, hypermesh): what
 * the REST gateway returns, what genesis `app_state` holds, what `--output json` prints. Proto
 * field names, defaults emitted, 64-bit integers as strings, bytes base64, enums by name, Any as
 * {"@type": url, ...fields}, LegacyDec as "0.500000000000000000". See proto_json_write.ts and
 * proto_json_read.ts for the rules, src/codec/README.md for the why.
 *
 * Types come from src/gen/descriptors.binpb (descriptors.ts); values are protobuf bytes, so any
 * codec (cosmjs-types, our ts-proto output) works through `toSdkJsonOf` / `fromSdkJsonOf`.
 */
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, Message } from '@bufbuild/protobuf';
import { sdk } from '../types/errors';
import type { ErrorKind } from '../types/errors';
import { messageDesc } from './descriptors';
import { JsonReadError, readMessage } from './proto_json_read';
import type { JsonReadOptions } from './proto_json_read';
import { JsonWriteError, messageJson } from './proto_json_write';

export type { JsonReadOptions };

/** A cosmjs-types or ts-proto message codec; the type name is its typeUrl without the "/". */
export interface JsonCodec<T> {
  readonly typeUrl: string;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

/** The SDK JSON text of a message given as protobuf bytes. Throws sdk/16 (JSONMarshal). */
export function toSdkJsonString(typeName: string, bytes: Uint8Array): string {
  const desc = describeType(typeName, sdk.JSONMarshal);
  return writeJson(desc, decodeBytes(desc, bytes));
}

/** The SDK JSON of a message given as protobuf bytes, parsed. Throws sdk/16 (JSONMarshal). */
export function toSdkJson(typeName: string, bytes: Uint8Array): unknown {
  return JSON.parse(toSdkJsonString(typeName, bytes));
}

/**
 * Protobuf bytes (as gogoproto writes them) of a message given in SDK JSON (already parsed).
 * Throws sdk/17 (JSONUnmarshal) naming the offending field on bad input.
 */
export function fromSdkJson(typeName: string, json: unknown, options: JsonReadOptions = {}): Uint8Array {
  const desc = describeType(typeName, sdk.JSONUnmarshal);
  return encodeMessage(desc, readJson(desc, json, options));
}

/** As fromSdkJson, from JSON text; malformed text is sdk/17 too. */
export function fromSdkJsonText(typeName: string, text: string, options: JsonReadOptions = {}): Uint8Array {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw sdk.JSONUnmarshal(`${typeName}: malformed JSON: ${(e as Error).message}`, e);
  }
  return fromSdkJson(typeName, json, options);
}

/** The SDK JSON of a value of a cosmjs-types / ts-proto codec, parsed. */
export function toSdkJsonOf<T>(codec: JsonCodec<T>, value: T): unknown {
  return toSdkJson(typeNameOf(codec), codec.encode(value).finish());
}

/** The SDK JSON text of a value of a cosmjs-types / ts-proto codec. */
export function toSdkJsonStringOf<T>(codec: JsonCodec<T>, value: T): string {
  return toSdkJsonString(typeNameOf(codec), codec.encode(value).finish());
}

/** A value of a cosmjs-types / ts-proto codec from SDK JSON. */
export function fromSdkJsonOf<T>(codec: JsonCodec<T>, json: unknown, options: JsonReadOptions = {}): T {
  return codec.decode(fromSdkJson(typeNameOf(codec), json, options));
}

export function typeNameOf(codec: { readonly typeUrl: string }): string {
  return codec.typeUrl.slice(codec.typeUrl.lastIndexOf('/') + 1);
}

// --- shared with typed_event.ts ------------------------------------------------------------------

export function describeType(typeName: string, kind: ErrorKind): DescMessage {
  const desc = messageDesc(typeName.startsWith('/') ? typeName.slice(1) : typeName);
  if (!desc) throw kind(`unknown protobuf message type ${JSON.stringify(typeName)}`);
  return desc;
}

export function decodeBytes(desc: DescMessage, bytes: Uint8Array): Message {
  try {
    return fromBinary(desc, bytes, { readUnknownFields: false });
  } catch (e) {
    throw sdk.JSONMarshal(`${desc.typeName}: cannot decode protobuf bytes: ${(e as Error).message}`, e);
  }
}

export function writeJson(desc: DescMessage, msg: Message): string {
  try {
    return messageJson(desc, msg);
  } catch (e) {
    if (e instanceof JsonWriteError) throw sdk.JSONMarshal(`${desc.typeName}: ${e.message}`, e);
    throw e;
  }
}

export function readJson(desc: DescMessage, json: unknown, options: JsonReadOptions): Message {
  try {
    return readMessage(desc, json, options);
  } catch (e) {
    if (e instanceof JsonReadError) throw sdk.JSONUnmarshal(`${desc.typeName}: ${e.message}`, e);
    throw e;
  }
}

export function encodeMessage(desc: DescMessage, msg: Message): Uint8Array {
  try {
    return toBinary(desc, msg);
  } catch (e) {
    throw sdk.JSONUnmarshal(`${desc.typeName}: cannot encode: ${(e as Error).message}`, e);
  }
}
