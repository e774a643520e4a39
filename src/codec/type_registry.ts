/**
 * The Any registry: which protobuf types a `google.protobuf.Any` may carry (messages, accounts,
 * public keys, proposal contents). A type URL nobody registered is refused, never guessed.
 */
import type { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { sdk } from '../types/errors';

/** What cosmjs-types and our ts-proto output generate for every message type. */
export interface ProtoCodec<T = unknown> {
  readonly typeUrl: string;
  encode(message: T, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): T;
  fromPartial(object: any): T;
}

export class TypeRegistry {
  private readonly types = new Map<string, ProtoCodec>();

  register(...codecs: ProtoCodec<any>[]): this {
    for (const codec of codecs) {
      const existing = this.types.get(codec.typeUrl);
      if (existing && existing !== codec) throw new Error(`type URL ${codec.typeUrl} registered twice`);
      this.types.set(codec.typeUrl, codec);
    }
    return this;
  }

  has(typeUrl: string): boolean {
    return this.types.has(typeUrl);
  }

  lookup(typeUrl: string): ProtoCodec | undefined {
    return this.types.get(typeUrl);
  }

  /** Decodes an Any; sdk/34 for an unknown type URL or bytes that do not decode. */
  unpack<T = unknown>(any: Any): T {
    const codec = this.types.get(any.typeUrl);
    if (!codec) throw sdk.UnpackAny(`no concrete type registered for type URL ${any.typeUrl}`);
    try {
      return codec.decode(any.value) as T;
    } catch (e) {
      throw sdk.UnpackAny(`cannot decode ${any.typeUrl}: ${(e as Error).message}`);
    }
  }

  /** Unpacks only a type from the allowed list (e.g. an account, not a message). */
  unpackOf<T>(any: Any, allowed: readonly ProtoCodec<T>[]): T {
    if (!allowed.some((c) => c.typeUrl === any.typeUrl)) {
      throw sdk.UnpackAny(`type URL ${any.typeUrl} is not one of ${allowed.map((c) => c.typeUrl).join(', ')}`);
    }
    return this.unpack<T>(any);
  }
}

export function packAny<T>(codec: ProtoCodec<T>, value: T): Any {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}
