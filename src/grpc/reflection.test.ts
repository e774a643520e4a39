import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { answerReflection, decodeReflectionRequest } from './reflection';
import { reflectionFileDescriptor } from './reflection_protos';
import { Code } from './status';

const request = (field: number, value: string) => new BinaryWriter().uint32(10).string('localhost').uint32((field << 3) | 2).string(value).finish();

function fields(bytes: Uint8Array): Map<number, Uint8Array[]> {
  const r = new BinaryReader(bytes);
  const out = new Map<number, Uint8Array[]>();
  while (r.pos < r.len) {
    const tag = r.uint32();
    if ((tag & 7) !== 2) {
      r.skipType(tag & 7);
      continue;
    }
    const list = out.get(tag >>> 3) ?? [];
    list.push(r.bytes());
    out.set(tag >>> 3, list);
  }
  return out;
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const filesOf = (response: Uint8Array) => fields(fields(response).get(4)![0]).get(1)!.map((b) => fromBinary(FileDescriptorProtoSchema, b));
const errorOf = (response: Uint8Array) => {
  const r = new BinaryReader(fields(response).get(7)![0]);
  r.uint32();
  const code = r.int32();
  r.uint32();
  return { code, message: r.string() };
};

describe('server reflection', () => {
  test('decodes each kind of request', () => {
    expect(decodeReflectionRequest(request(7, ''))).toEqual({ host: 'localhost', kind: 'list_services', value: '' });
    expect(decodeReflectionRequest(request(4, 'a.B'))).toEqual({ host: 'localhost', kind: 'file_containing_symbol', value: 'a.B' });
    const ext = new BinaryWriter().uint32(42).bytes(new BinaryWriter().uint32(10).string('google.protobuf.MethodOptions').uint32(16).int32(72295728).finish()).finish();
    expect(decodeReflectionRequest(ext)).toEqual({ host: '', kind: 'file_containing_extension', containingType: 'google.protobuf.MethodOptions', extensionNumber: 72295728 });
  });

  test('list_services: the given services plus both reflection services, sorted', () => {
    const res = answerReflection(request(7, '*'), ['cosmos.bank.v1beta1.Query', 'cosmos.auth.v1beta1.Query']);
    expect(text(fields(res).get(1)![0])).toBe('localhost'); // valid_host
    const names = fields(fields(res).get(6)![0]).get(1)!.map((s) => text(fields(s).get(1)![0]));
    expect(names).toEqual(['cosmos.auth.v1beta1.Query', 'cosmos.bank.v1beta1.Query', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection']);
  });

  test('file_containing_symbol: the file first, then its transitive imports, closed under imports', () => {
    for (const symbol of ['cosmos.bank.v1beta1.Query', 'cosmos.bank.v1beta1.Query.Balance', 'cosmos.bank.v1beta1.QueryBalanceRequest', '.cosmos.bank.v1beta1.QueryBalanceRequest.address']) {
      const files = filesOf(answerReflection(request(4, symbol), []));
      expect(files[0].name).toBe('cosmos/bank/v1beta1/query.proto');
      const names = new Set(files.map((f) => f.name));
      for (const f of files) for (const d of f.dependency) expect(names).toContain(d);
    }
  });

  test('file_by_filename and the reflection protos themselves', () => {
    expect(filesOf(answerReflection(request(3, 'cosmos/base/v1beta1/coin.proto'), []))[0].package).toBe('cosmos.base.v1beta1');
    const own = filesOf(answerReflection(request(4, 'grpc.reflection.v1alpha.ServerReflection'), []));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ name: 'grpc/reflection/v1alpha/reflection.proto', package: 'grpc.reflection.v1alpha' });
    expect(own[0].service[0].method[0]).toMatchObject({ name: 'ServerReflectionInfo', clientStreaming: true, serverStreaming: true });
    expect(own[0].messageType.map((m) => m.name)).toContain('ServerReflectionResponse');
    expect(filesOf(answerReflection(request(3, 'grpc/reflection/v1/reflection.proto'), []))[0].package).toBe('grpc.reflection.v1');
    expect(fromBinary(FileDescriptorProtoSchema, reflectionFileDescriptor('grpc.reflection.v1')).messageType).toHaveLength(8);
  });

  test('extensions: by number, and all numbers of a type', () => {
    const ext = new BinaryWriter().uint32(42).bytes(new BinaryWriter().uint32(10).string('google.protobuf.MethodOptions').uint32(16).int32(72295728).finish()).finish();
    expect(filesOf(answerReflection(ext, []))[0].name).toBe('google/api/annotations.proto');
    const all = answerReflection(request(6, 'google.protobuf.MethodOptions'), []);
    const r = new BinaryReader(fields(all).get(5)![0]);
    expect(r.uint32()).toBe(10);
    expect(r.string()).toBe('google.protobuf.MethodOptions');
    expect(r.uint32()).toBe(18);
    const packed = new BinaryReader(r.bytes());
    const numbers: number[] = [];
    while (packed.pos < packed.len) numbers.push(packed.int32());
    expect(numbers).toContain(72295728);
  });

  test('unknown names are error responses with NOT_FOUND; an empty request is INVALID_ARGUMENT', () => {
    expect(errorOf(answerReflection(request(4, 'no.such.Symbol'), []))).toEqual({ code: Code.NOT_FOUND, message: 'unknown symbol: no.such.Symbol' });
    expect(errorOf(answerReflection(request(3, 'no/such.proto'), [])).code).toBe(Code.NOT_FOUND);
    expect(errorOf(answerReflection(request(6, 'no.Such'), [])).code).toBe(Code.NOT_FOUND);
    expect(errorOf(answerReflection(new Uint8Array(), [])).code).toBe(Code.INVALID_ARGUMENT);
  });
});
