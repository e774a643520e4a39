import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import {
  descriptorSet,
  fileDescriptorProto,
  fileDescriptorsByFilename,
  fileDescriptorsContainingSymbol,
  fileNameOfSymbol,
  serviceNames,
  splitFileDescriptorSet,
} from './descriptors';

const names = (files: Uint8Array[] | undefined) => files?.map((f) => fromBinary(FileDescriptorProtoSchema, f).name);

describe('descriptor set', () => {
  test('is one FileDescriptorSet without source info, every file once', () => {
    const files = splitFileDescriptorSet(descriptorSet()).map((f) => fromBinary(FileDescriptorProtoSchema, f));
    const fileNames = files.map((f) => f.name);
    expect(new Set(fileNames).size).toBe(fileNames.length);
    expect(files.every((f) => f.sourceCodeInfo === undefined)).toBe(true);
    expect(fileNames).toEqual(
      expect.arrayContaining([
        'google/protobuf/any.proto',
        'gogoproto/gogo.proto',
        'cosmos/bank/v1beta1/query.proto',
        'cosmos/ics23/v1/proofs.proto',
        'ibc/core/channel/v1/query.proto',
        'tendermint/abci/types.proto',
        'hypermesh/testdata/v1/testdata.proto',
      ]),
    );
  });

  test('lists the services gRPC reflection would serve', () => {
    expect(serviceNames()).toEqual(
      expect.arrayContaining(['cosmos.bank.v1beta1.Query', 'cosmos.tx.v1beta1.Service', 'ibc.core.client.v1.Query']),
    );
  });
});

describe('gRPC reflection lookups', () => {
  test.each([
    ['cosmos.bank.v1beta1.Query', 'cosmos/bank/v1beta1/query.proto'],
    ['cosmos.bank.v1beta1.Query.AllBalances', 'cosmos/bank/v1beta1/query.proto'],
    ['.cosmos.bank.v1beta1.MsgSend', 'cosmos/bank/v1beta1/tx.proto'],
    ['cosmos.staking.v1beta1.BondStatus', 'cosmos/staking/v1beta1/staking.proto'],
    ['cosmos.staking.v1beta1.BondStatus.BOND_STATUS_BONDED', 'cosmos/staking/v1beta1/staking.proto'],
    ['cosmos.base.v1beta1.Coin.denom', 'cosmos/base/v1beta1/coin.proto'],
    ['gogoproto.nullable', 'gogoproto/gogo.proto'],
    ['hypermesh.testdata.v1.Sample.LabelsEntry', 'hypermesh/testdata/v1/testdata.proto'],
  ])('%s is in %s', (symbol, file) => {
    expect(fileNameOfSymbol(symbol)).toBe(file);
  });

  test('unknown symbols and files are undefined', () => {
    expect(fileNameOfSymbol('cosmos.bank.v1beta1.Query.Nope')).toBeUndefined();
    expect(fileDescriptorsContainingSymbol('nope')).toBeUndefined();
    expect(fileDescriptorsByFilename('nope.proto')).toBeUndefined();
    expect(fileDescriptorProto('nope.proto')).toBeUndefined();
  });

  test('a file comes first, then each of its transitive imports once', () => {
    const files = names(fileDescriptorsContainingSymbol('cosmos.bank.v1beta1.Query'))!;
    expect(files[0]).toBe('cosmos/bank/v1beta1/query.proto');
    expect(new Set(files).size).toBe(files.length);
    // direct imports and imports of imports (coin.proto <- bank.proto; descriptor.proto <- gogo.proto)
    expect(files).toEqual(
      expect.arrayContaining([
        'cosmos/base/query/v1beta1/pagination.proto',
        'cosmos/bank/v1beta1/bank.proto',
        'cosmos/base/v1beta1/coin.proto',
        'gogoproto/gogo.proto',
        'google/protobuf/descriptor.proto',
        'google/api/annotations.proto',
        'google/api/http.proto',
      ]),
    );
    expect(names(fileDescriptorsByFilename('cosmos/bank/v1beta1/query.proto'))).toEqual(files);
  });

  test('file bytes are the FileDescriptorProto of that file', () => {
    const bytes = fileDescriptorProto('cosmos/base/v1beta1/coin.proto')!;
    const file = fromBinary(FileDescriptorProtoSchema, bytes);
    expect(file.package).toBe('cosmos.base.v1beta1');
    expect(file.messageType.map((m) => m.name)).toContain('Coin');
  });
});
