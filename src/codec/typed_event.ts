/**
 * Typed events, as the Cosmos SDK's `TypedEventToEvent` / `ParseTypedEvent` (types/events.go,
 * v0.53) make them: the event type is the message's full proto name
 * ("hypermesh.market.v1.EventOrderMatched"); one attribute per field, keyed by its proto name,
 * sorted by key; each value is that field's JSON as `codec.ProtoMarshalJSON` prints it (jsonpb,
 * proto names, defaults emitted), so a string is quoted ("\"hyper1...\""), a number not, an Any or
 * message is a JSON object, an absent message `null`. Every attribute is indexed, as the SDK's
 * default `index-events = []` marks them.
 *
 * Parsing is as lenient as the SDK's: attributes that name no field (msg_index, mode, which the
 * app appends) are ignored; for repeated keys the last one wins. A little more lenient: the SDK
 * fails on an ignored attribute whose value is not JSON (`mode` = "BeginBlock"); we skip it.
 */
import type { Event } from 'cosmjs-types/tendermint/abci/types';
import { sdk } from '../types/errors';
import { compareUtf8 } from './proto_json_go';
import { decodeBytes, describeType, encodeMessage, readJson, typeNameOf } from './proto_json';
import type { JsonCodec } from './proto_json';
import { JsonWriteError, hasWktJson, messageFieldsJson } from './proto_json_write';

/** The ABCI event of a typed event given as protobuf bytes. Throws sdk/16 (JSONMarshal). */
export function typedEvent(typeName: string, bytes: Uint8Array): Event {
  const desc = describeType(typeName, sdk.JSONMarshal);
  if (hasWktJson(desc.typeName)) throw sdk.JSONMarshal(`${desc.typeName} has no JSON object form: not a typed event`);
  const msg = decodeBytes(desc, bytes);
  let pairs: Array<[string, string]>;
  try {
    pairs = messageFieldsJson(desc, msg);
  } catch (e) {
    if (e instanceof JsonWriteError) throw sdk.JSONMarshal(`${desc.typeName}: ${e.message}`, e);
    throw e;
  }
  pairs.sort((a, b) => compareUtf8(a[0], b[0]));
  return { type: desc.typeName, attributes: pairs.map(([key, value]) => ({ key, value, index: true })) };
}

/** The ABCI event of a typed event value of a cosmjs-types / ts-proto codec. */
export function typedEventOf<T>(codec: JsonCodec<T>, value: T): Event {
  return typedEvent(typeNameOf(codec), codec.encode(value).finish());
}

/** The typed event an ABCI event carries: its type name and protobuf bytes. Throws sdk/17 (JSONUnmarshal). */
export function parseTypedEvent(event: Event): { typeName: string; bytes: Uint8Array } {
  const desc = describeType(event.type, sdk.JSONUnmarshal);
  const fieldNames = new Set(desc.fields.flatMap((f) => [f.name, f.jsonName]));
  const json: Record<string, unknown> = {};
  for (const { key, value } of event.attributes) {
    if (!fieldNames.has(key)) continue; // msg_index, mode ("BeginBlock" is not even JSON)
    try {
      json[key] = JSON.parse(value);
    } catch (e) {
      throw sdk.JSONUnmarshal(`${event.type}: attribute ${JSON.stringify(key)} is not JSON: ${(e as Error).message}`, e);
    }
  }
  return { typeName: desc.typeName, bytes: encodeMessage(desc, readJson(desc, json, { ignoreUnknownFields: true })) };
}

/** The typed event value of a cosmjs-types / ts-proto codec an ABCI event carries; sdk/17 if it is another type. */
export function parseTypedEventOf<T>(codec: JsonCodec<T>, event: Event): T {
  const typeName = typeNameOf(codec);
  if (event.type !== typeName) throw sdk.JSONUnmarshal(`event type ${JSON.stringify(event.type)} is not ${typeName}`);
  return codec.decode(parseTypedEvent(event).bytes);
}
