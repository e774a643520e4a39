/**
 * gRPC server reflection (grpc.reflection.v1alpha and grpc.reflection.v1, identical messages):
 * list_services, file_by_filename, file_containing_symbol, file_containing_extension and
 * all_extension_numbers_of_type, answered from src/gen/descriptors.binpb (each file followed by
 * its transitive imports, as grpc-go sends them) plus the reflection protos themselves.
 *
 * Also cosmos.reflection.v1.ReflectionService/FileDescriptors (the SDK's "all the files" call).
 */
import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { fileDescriptorsByFilename, fileDescriptorsContainingSymbol, descriptorSet, protoRegistry } from '../codec/descriptors';
import type { ServiceImpl } from './methods';
import { REFLECTION_PACKAGES, reflectionFileDescriptor, reflectionFileName, reflectionPackageOfSymbol, reflectionServiceName } from './reflection_protos';
import { Code } from './status';

export const COSMOS_REFLECTION_SERVICE = 'cosmos.reflection.v1.ReflectionService';

export type ReflectionRequest =
  | { host: string; kind: 'file_by_filename'; value: string }
  | { host: string; kind: 'file_containing_symbol'; value: string }
  | { host: string; kind: 'file_containing_extension'; containingType: string; extensionNumber: number }
  | { host: string; kind: 'all_extension_numbers_of_type'; value: string }
  | { host: string; kind: 'list_services'; value: string }
  | { host: string; kind: 'none' };

/** Decodes a ServerReflectionRequest (throws on malformed bytes). */
export function decodeReflectionRequest(bytes: Uint8Array): ReflectionRequest {
  const r = new BinaryReader(bytes);
  let host = '';
  let req: ReflectionRequest = { host: '', kind: 'none' };
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        host = r.string();
        break;
      case 3:
        req = { host, kind: 'file_by_filename', value: r.string() };
        break;
      case 4:
        req = { host, kind: 'file_containing_symbol', value: r.string() };
        break;
      case 5: {
        const sub = new BinaryReader(r.bytes());
        let containingType = '';
        let extensionNumber = 0;
        while (sub.pos < sub.len) {
          const t = sub.uint32();
          if (t >>> 3 === 1) containingType = sub.string();
          else if (t >>> 3 === 2) extensionNumber = sub.int32();
          else sub.skipType(t & 7);
        }
        req = { host, kind: 'file_containing_extension', containingType, extensionNumber };
        break;
      }
      case 6:
        req = { host, kind: 'all_extension_numbers_of_type', value: r.string() };
        break;
      case 7:
        req = { host, kind: 'list_services', value: r.string() };
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return { ...req, host };
}

/**
 * The ServerReflectionResponse bytes for one request. `services` are the names list_services
 * returns (the reflection services are added here).
 */
export function answerReflection(requestBytes: Uint8Array, services: readonly string[]): Uint8Array {
  const req = decodeReflectionRequest(requestBytes);
  const w = new BinaryWriter();
  if (req.host !== '') w.uint32(10).string(req.host);
  w.uint32(18).bytes(requestBytes); // original_request
  const files = (list: Uint8Array[]) => {
    const sub = new BinaryWriter();
    for (const f of list) sub.uint32(10).bytes(f);
    w.uint32(34).bytes(sub.finish());
  };
  const error = (code: number, message: string) => {
    w.uint32(58).bytes(new BinaryWriter().uint32(8).int32(code).uint32(18).string(message).finish());
  };
  switch (req.kind) {
    case 'list_services': {
      const sub = new BinaryWriter();
      const names = [...new Set([...services, ...REFLECTION_PACKAGES.map(reflectionServiceName)])].sort();
      for (const name of names) sub.uint32(10).bytes(new BinaryWriter().uint32(10).string(name).finish());
      w.uint32(50).bytes(sub.finish());
      break;
    }
    case 'file_by_filename': {
      const own = REFLECTION_PACKAGES.find((p) => reflectionFileName(p) === req.value);
      const found = own ? [reflectionFileDescriptor(own)] : fileDescriptorsByFilename(req.value);
      if (found) files(found);
      else error(Code.NOT_FOUND, `unknown file: ${req.value}`);
      break;
    }
    case 'file_containing_symbol': {
      const own = reflectionPackageOfSymbol(req.value);
      const found = own ? [reflectionFileDescriptor(own)] : fileDescriptorsContainingSymbol(req.value);
      if (found) files(found);
      else error(Code.NOT_FOUND, `unknown symbol: ${req.value}`);
      break;
    }
    case 'file_containing_extension': {
      const ext = extensionsOf(req.containingType).find((e) => e.number === req.extensionNumber);
      const found = ext ? fileDescriptorsByFilename(ext.file) : undefined;
      if (found) files(found);
      else error(Code.NOT_FOUND, `unknown extension ${req.extensionNumber} of ${req.containingType}`);
      break;
    }
    case 'all_extension_numbers_of_type': {
      const name = req.value.startsWith('.') ? req.value.slice(1) : req.value;
      if (!protoRegistry().getMessage(name)) {
        error(Code.NOT_FOUND, `unknown type: ${req.value}`);
        break;
      }
      const sub = new BinaryWriter().uint32(10).string(name);
      const numbers = extensionsOf(name).map((e) => e.number).sort((a, b) => a - b);
      if (numbers.length > 0) {
        sub.uint32(18).fork();
        for (const n of numbers) sub.int32(n);
        sub.ldelim();
      }
      w.uint32(42).bytes(sub.finish());
      break;
    }
    default:
      error(Code.INVALID_ARGUMENT, 'invalid MessageRequest: <nil>');
  }
  return w.finish();
}

function extensionsOf(typeName: string): { number: number; file: string }[] {
  const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
  const out: { number: number; file: string }[] = [];
  for (const t of protoRegistry()) {
    if (t.kind === 'extension' && t.extendee.typeName === name) out.push({ number: t.number, file: t.file.proto.name });
  }
  return out;
}

/** cosmos.reflection.v1.ReflectionService: FileDescriptors returns every file of the set. */
export function cosmosReflectionService(): ServiceImpl {
  return {
    name: COSMOS_REFLECTION_SERVICE,
    methods: {
      // FileDescriptorsResponse { repeated FileDescriptorProto files = 1 } has the wire layout of a
      // FileDescriptorSet { repeated FileDescriptorProto file = 1 }: the set's bytes are the answer.
      FileDescriptors: () => descriptorSet(),
    },
  };
}
