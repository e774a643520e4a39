/**
 * Printing results: `--output json` writes one line of JSON (for proto values, the exact text
 * the Cosmos SDK writes, via src/codec/proto_json), `--output text` a readable rendering.
 * Results go to stdout; prompts, progress and warnings to stderr.
 */
import { toSdkJsonString, typeNameOf, type JsonCodec } from '../../codec/proto_json';
import { toYaml } from './yaml';

export const OUTPUT_FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Writable {
  write(chunk: string): unknown;
}

/** The SDK JSON text of a proto value (one line). */
export function protoJsonText<T>(codec: JsonCodec<T>, value: T): string {
  return toSdkJsonString(typeNameOf(codec), codec.encode(value).finish());
}

/**
 * Prints a result. `json` is the JSON value, or its exact text; `text` a rendering for people
 * (default: the JSON as YAML).
 */
export function printResult(out: Writable, format: OutputFormat, json: unknown, text?: () => string): void {
  if (format === 'json') {
    out.write((typeof json === 'string' ? json : JSON.stringify(json)) + '\n');
    return;
  }
  if (text) {
    const t = text();
    out.write(t.endsWith('\n') ? t : t + '\n');
    return;
  }
  out.write(toYaml(typeof json === 'string' ? JSON.parse(json) : json));
}

/** Prints a proto value: SDK JSON, or (text) that JSON as YAML unless `text` is given. */
export function printProto<T>(out: Writable, format: OutputFormat, codec: JsonCodec<T>, value: T, text?: () => string): void {
  printResult(out, format, protoJsonText(codec, value), text);
}
