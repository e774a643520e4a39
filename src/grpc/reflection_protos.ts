/**
 * The descriptors of gRPC server reflection itself (grpc/reflection/v1alpha/reflection.proto and
 * grpc/reflection/v1/reflection.proto), which are not in src/gen/descriptors.binpb: built here as
 * FileDescriptorProtos so `grpcurl describe grpc.reflection.v1alpha.ServerReflection` works too.
 * Both versions declare the same messages, under their own package.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
  FieldDescriptorProtoSchema,
  type FieldDescriptorProto,
} from '@bufbuild/protobuf/wkt';

export const REFLECTION_PACKAGES = ['grpc.reflection.v1alpha', 'grpc.reflection.v1'] as const;
export type ReflectionPackage = (typeof REFLECTION_PACKAGES)[number];

export const reflectionServiceName = (pkg: ReflectionPackage) => `${pkg}.ServerReflection`;
export const reflectionFileName = (pkg: ReflectionPackage) => `${pkg.replace(/\./g, '/')}/reflection.proto`;

type FieldSpec = [name: string, number: number, type: Type, opts?: { label?: Label; typeName?: string; oneof?: number }];

function field(pkg: string, [name, number, type, opts]: FieldSpec): FieldDescriptorProto {
  return create(FieldDescriptorProtoSchema, {
    name,
    number,
    type,
    label: opts?.label ?? Label.OPTIONAL,
    typeName: opts?.typeName ? `.${pkg}.${opts.typeName}` : undefined,
    oneofIndex: opts?.oneof,
    jsonName: name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  });
}

const cache = new Map<ReflectionPackage, Uint8Array>();

/** The FileDescriptorProto bytes of one reflection.proto. */
export function reflectionFileDescriptor(pkg: ReflectionPackage): Uint8Array {
  const hit = cache.get(pkg);
  if (hit) return hit;
  const msg = (name: string, fields: FieldSpec[], oneofs: string[] = []) => ({
    name,
    field: fields.map((f) => field(pkg, f)),
    oneofDecl: oneofs.map((o) => ({ name: o })),
  });
  const O = { oneof: 0 };
  const file = create(FileDescriptorProtoSchema, {
    name: reflectionFileName(pkg),
    package: pkg,
    syntax: 'proto3',
    messageType: [
      msg(
        'ServerReflectionRequest',
        [
          ['host', 1, Type.STRING],
          ['file_by_filename', 3, Type.STRING, O],
          ['file_containing_symbol', 4, Type.STRING, O],
          ['file_containing_extension', 5, Type.MESSAGE, { ...O, typeName: 'ExtensionRequest' }],
          ['all_extension_numbers_of_type', 6, Type.STRING, O],
          ['list_services', 7, Type.STRING, O],
        ],
        ['message_request'],
      ),
      msg('ExtensionRequest', [
        ['containing_type', 1, Type.STRING],
        ['extension_number', 2, Type.INT32],
      ]),
      msg(
        'ServerReflectionResponse',
        [
          ['valid_host', 1, Type.STRING],
          ['original_request', 2, Type.MESSAGE, { typeName: 'ServerReflectionRequest' }],
          ['file_descriptor_response', 4, Type.MESSAGE, { ...O, typeName: 'FileDescriptorResponse' }],
          ['all_extension_numbers_response', 5, Type.MESSAGE, { ...O, typeName: 'ExtensionNumberResponse' }],
          ['list_services_response', 6, Type.MESSAGE, { ...O, typeName: 'ListServiceResponse' }],
          ['error_response', 7, Type.MESSAGE, { ...O, typeName: 'ErrorResponse' }],
        ],
        ['message_response'],
      ),
      msg('FileDescriptorResponse', [['file_descriptor_proto', 1, Type.BYTES, { label: Label.REPEATED }]]),
      msg('ExtensionNumberResponse', [
        ['base_type_name', 1, Type.STRING],
        ['extension_number', 2, Type.INT32, { label: Label.REPEATED }],
      ]),
      msg('ListServiceResponse', [['service', 1, Type.MESSAGE, { label: Label.REPEATED, typeName: 'ServiceResponse' }]]),
      msg('ServiceResponse', [['name', 1, Type.STRING]]),
      msg('ErrorResponse', [
        ['error_code', 1, Type.INT32],
        ['error_message', 2, Type.STRING],
      ]),
    ],
    service: [
      {
        name: 'ServerReflection',
        method: [
          {
            name: 'ServerReflectionInfo',
            inputType: `.${pkg}.ServerReflectionRequest`,
            outputType: `.${pkg}.ServerReflectionResponse`,
            clientStreaming: true,
            serverStreaming: true,
          },
        ],
      },
    ],
  });
  const bytes = toBinary(FileDescriptorProtoSchema, file);
  cache.set(pkg, bytes);
  return bytes;
}

/** The reflection file that declares `symbol` (a type, the service, or a service method), if any. */
export function reflectionPackageOfSymbol(symbol: string): ReflectionPackage | undefined {
  const name = symbol.startsWith('.') ? symbol.slice(1) : symbol;
  for (const pkg of REFLECTION_PACKAGES) {
    const rest = name.startsWith(`${pkg}.`) ? name.slice(pkg.length + 1) : undefined;
    if (rest === undefined) continue;
    const top = rest.split('.')[0];
    const known = ['ServerReflection', 'ServerReflectionRequest', 'ExtensionRequest', 'ServerReflectionResponse', 'FileDescriptorResponse', 'ExtensionNumberResponse', 'ListServiceResponse', 'ServiceResponse', 'ErrorResponse'];
    if (known.includes(top)) return pkg;
  }
  return undefined;
}
