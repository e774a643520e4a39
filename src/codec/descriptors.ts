/**
 * The protobuf descriptors of every type the chain speaks: cosmos-sdk, ibc-go, CometBFT, their
 * imports, and our own proto/hypermesh/**, built by scripts/gen-proto.sh into ONE
 * FileDescriptorSet (src/gen/descriptors.binpb, imports included, source info stripped).
 *
 * Loaded once, on first use, into a @bufbuild/protobuf registry. The SDK JSON codec reads types
 * and gogoproto options from it; gRPC server reflection serves its FileDescriptorProtos
 * (`fileDescriptorsContainingSymbol`, `fileDescriptorsByFilename`: the file first, then its
 * transitive imports, each as the bytes buf wrote).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import type { DescFile, DescMessage, FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

/**
 * Where the set is looked for: beside the sources (jest, ts-node: src/codec -> src/gen), and from
 * the compiled tree (dist/src/codec -> src/gen, since tsc does not copy data files). A `.gz`
 * variant is accepted too, should the set ever be gzipped.
 */
const CANDIDATES = [join(__dirname, '..', 'gen'), join(__dirname, '..', '..', '..', 'src', 'gen')];
const FILE_NAME = 'descriptors.binpb';

interface Loaded {
  readonly bytes: Uint8Array;
  readonly registry: FileRegistry;
  /** FileDescriptorProto bytes by file name, sliced from the set as written. */
  readonly fileBytes: ReadonlyMap<string, Uint8Array>;
}

let loaded: Loaded | undefined; // a memo of immutable data: filled once, never changed

function load(): Loaded {
  if (loaded) return loaded;
  const bytes = readSet();
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
  const fileBytes = new Map<string, Uint8Array>();
  for (const file of splitFileDescriptorSet(bytes)) fileBytes.set(fileNameOf(file), file);
  loaded = { bytes, registry, fileBytes };
  return loaded;
}

function readSet(): Uint8Array {
  for (const dir of CANDIDATES) {
    const plain = join(dir, FILE_NAME);
    if (existsSync(plain)) return new Uint8Array(readFileSync(plain));
    if (existsSync(`${plain}.gz`)) return new Uint8Array(gunzipSync(readFileSync(`${plain}.gz`)));
  }
  throw new Error(`${FILE_NAME} not found in ${CANDIDATES.join(' or ')}: run scripts/gen-proto.sh`);
}

/** The whole FileDescriptorSet, as scripts/gen-proto.sh wrote it. */
export function descriptorSet(): Uint8Array {
  return load().bytes;
}

/** The registry of every file, message, enum, extension and service in the set. */
export function protoRegistry(): FileRegistry {
  return load().registry;
}

/** A message type by full name ("cosmos.bank.v1beta1.MsgSend", no leading dot or slash). */
export function messageDesc(typeName: string): DescMessage | undefined {
  return load().registry.getMessage(typeName);
}

/** Names of every service in the set ("cosmos.bank.v1beta1.Query", ...). */
export function serviceNames(): string[] {
  const names: string[] = [];
  for (const type of load().registry) if (type.kind === 'service') names.push(type.typeName);
  return names.sort();
}

/** The FileDescriptorProto bytes of one file ("cosmos/bank/v1beta1/query.proto"). */
export function fileDescriptorProto(fileName: string): Uint8Array | undefined {
  return load().fileBytes.get(fileName);
}

/**
 * The file that declares a symbol: a message, enum, service, method ("pkg.Service.Method"),
 * extension, or a message's field or an enum's value, all fully qualified without a leading dot.
 */
export function fileNameOfSymbol(symbol: string): string | undefined {
  const name = symbol.startsWith('.') ? symbol.slice(1) : symbol;
  const { registry } = load();
  const direct = registry.get(name);
  if (direct) return direct.file.proto.name;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const parent = registry.get(name.slice(0, dot));
  const member = name.slice(dot + 1);
  if (parent?.kind === 'service' && parent.methods.some((m) => m.name === member)) return parent.file.proto.name;
  if (parent?.kind === 'message' && parent.fields.some((f) => f.name === member)) return parent.file.proto.name;
  // map entry types ("Msg.LabelsEntry") are not in the registry, only in their parent's proto
  if (parent?.kind === 'message' && parent.proto.nestedType.some((n) => n.name === member)) return parent.file.proto.name;
  if (parent?.kind === 'enum' && parent.values.some((v) => v.name === member)) return parent.file.proto.name;
  return undefined;
}

/** FileDescriptorProtos for gRPC reflection's file_by_filename: the file, then its transitive imports. */
export function fileDescriptorsByFilename(fileName: string): Uint8Array[] | undefined {
  const file = load().registry.getFile(fileName);
  return file ? withDependencies(file) : undefined;
}

/** FileDescriptorProtos for gRPC reflection's file_containing_symbol: the file, then its transitive imports. */
export function fileDescriptorsContainingSymbol(symbol: string): Uint8Array[] | undefined {
  const fileName = fileNameOfSymbol(symbol);
  return fileName === undefined ? undefined : fileDescriptorsByFilename(fileName);
}

function withDependencies(root: DescFile): Uint8Array[] {
  const { fileBytes } = load();
  // DescFile.name has no ".proto"; proto.name is the file name imports and reflection use.
  const seen = new Set<string>([root.proto.name]);
  const order: DescFile[] = [root];
  for (let i = 0; i < order.length; i++) {
    for (const dep of order[i].dependencies) {
      if (seen.has(dep.proto.name)) continue;
      seen.add(dep.proto.name);
      order.push(dep);
    }
  }
  return order.map((f) => {
    const bytes = fileBytes.get(f.proto.name);
    if (!bytes) throw new Error(`descriptor set has no bytes for ${f.proto.name}`);
    return bytes;
  });
}

// --- FileDescriptorSet wire format: `repeated FileDescriptorProto file = 1;` -------------------

/** The FileDescriptorProto messages of a FileDescriptorSet, as views into its bytes. */
export function splitFileDescriptorSet(set: Uint8Array): Uint8Array[] {
  const files: Uint8Array[] = [];
  let pos = 0;
  while (pos < set.length) {
    const [tag, afterTag] = readVarint(set, pos);
    if (tag !== 0x0a) throw new Error(`unexpected tag ${tag} in FileDescriptorSet at byte ${pos}`);
    const [len, start] = readVarint(set, afterTag);
    if (start + len > set.length) throw new Error('truncated FileDescriptorSet');
    files.push(set.subarray(start, start + len));
    pos = start + len;
  }
  return files;
}

/** The `name` (field 1) of a FileDescriptorProto, without decoding the rest. */
function fileNameOf(file: Uint8Array): string {
  let pos = 0;
  while (pos < file.length) {
    const [tag, afterTag] = readVarint(file, pos);
    const wireType = tag & 7;
    if (wireType === 2) {
      const [len, start] = readVarint(file, afterTag);
      if (tag >>> 3 === 1) return new TextDecoder().decode(file.subarray(start, start + len));
      pos = start + len;
    } else if (wireType === 0) {
      pos = readVarint(file, afterTag)[1];
    } else {
      throw new Error(`unexpected wire type ${wireType} in FileDescriptorProto`);
    }
  }
  throw new Error('FileDescriptorProto without a name');
}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
  }
  throw new Error('varint too long');
}
