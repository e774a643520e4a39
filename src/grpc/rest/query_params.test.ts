import { ScalarType } from '@bufbuild/protobuf';
import { QueryAllBalancesRequest } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { BroadcastMode, BroadcastTxRequest, GetTxsEventRequest, OrderBy } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { messageDesc } from '../../codec/descriptors';
import { Code, GrpcError } from '../status';
import { requestBytes, requestJson, scalarJson } from './query_params';

const desc = (name: string) => messageDesc(name)!;
const ALL_BALANCES = desc('cosmos.bank.v1beta1.QueryAllBalancesRequest');
const TXS_EVENT = desc('cosmos.tx.v1beta1.GetTxsEventRequest');
const BROADCAST = desc('cosmos.tx.v1beta1.BroadcastTxRequest');

const capture = (f: () => unknown): GrpcError => {
  try {
    f();
  } catch (e) {
    if (e instanceof GrpcError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

describe('query parameters → request', () => {
  test('path params, pagination.* by proto and JSON names, bytes keys', () => {
    const key = Buffer.from([1, 2, 250]).toString('base64');
    const q = new URLSearchParams({ 'pagination.key': key, 'pagination.limit': '10', 'pagination.countTotal': 'true', 'pagination.reverse': '1', resolve_denom: 'true' });
    const bytes = requestBytes(ALL_BALANCES, { pathParams: new Map([['address', 'hyper1xyz']]), query: q });
    expect(QueryAllBalancesRequest.decode(bytes)).toEqual(
      QueryAllBalancesRequest.fromPartial({
        address: 'hyper1xyz',
        pagination: { key: Uint8Array.from([1, 2, 250]), limit: 10n, countTotal: true, reverse: true },
        resolveDenom: true,
      }),
    );
  });

  test('URL-safe base64 keys are accepted, as the gateway accepts them', () => {
    const json = requestJson(ALL_BALANCES, { query: new URLSearchParams({ 'pagination.key': '-_8=' }) });
    expect(json).toEqual({ pagination: { key: '+/8=' } });
  });

  test('a path param wins over a query param of the same name; unknown params are ignored', () => {
    const json = requestJson(ALL_BALANCES, { pathParams: new Map([['address', 'a']]), query: new URLSearchParams({ address: 'b', nope: '1', 'pagination.nope': '2' }) });
    expect(json).toEqual({ address: 'a', pagination: {} });
  });

  test('repeated fields repeat the parameter; enums by name or number', () => {
    const q = new URLSearchParams();
    q.append('events', "message.sender='a'");
    q.append('events', 'tx.height=5');
    q.set('order_by', '2');
    q.set('page', '3');
    q.set('limit', '7');
    const req = GetTxsEventRequest.decode(requestBytes(TXS_EVENT, { query: q }));
    expect(req).toMatchObject({ events: ["message.sender='a'", 'tx.height=5'], orderBy: OrderBy.ORDER_BY_DESC, page: 3n, limit: 7n });
    const byName = GetTxsEventRequest.decode(requestBytes(TXS_EVENT, { query: new URLSearchParams({ order_by: 'ORDER_BY_ASC' }) }));
    expect(byName.orderBy).toBe(OrderBy.ORDER_BY_ASC);
  });

  test('body "*": the JSON body is the request and query parameters are not read', () => {
    const body = { tx_bytes: Buffer.from('hello').toString('base64'), mode: 'BROADCAST_MODE_SYNC' };
    const req = BroadcastTxRequest.decode(requestBytes(BROADCAST, { body, bodyRule: '*', query: new URLSearchParams({ mode: 'BROADCAST_MODE_ASYNC' }) }));
    expect(req).toEqual({ txBytes: new TextEncoder().encode('hello'), mode: BroadcastMode.BROADCAST_MODE_SYNC });
    // camelCase is read too, as jsonpb reads it
    expect(BroadcastTxRequest.decode(requestBytes(BROADCAST, { body: { txBytes: 'AA==', mode: 'BROADCAST_MODE_ASYNC' }, bodyRule: '*' })).mode).toBe(BroadcastMode.BROADCAST_MODE_ASYNC);
  });

  test.each([
    [{ 'pagination.limit': 'abc' }, 'type mismatch, parameter: pagination.limit, error: strconv.ParseUint: parsing "abc": invalid syntax'],
    [{ 'pagination.limit': '-1' }, 'strconv.ParseUint: parsing "-1": invalid syntax'],
    [{ 'pagination.limit': '18446744073709551616' }, 'value out of range'],
    [{ 'pagination.offset': '1.5' }, 'strconv.ParseUint: parsing "1.5": invalid syntax'],
    [{ 'pagination.key': '***' }, 'type mismatch, parameter: pagination.key, error: illegal base64 data at input byte 0'],
    [{ 'pagination.key': 'abc' }, 'illegal base64 data'],
    [{ 'pagination.count_total': 'maybe' }, 'strconv.ParseBool: parsing "maybe": invalid syntax'],
    [{ address: 'x', 'address.inner': 'y' }, 'invalid path: "address" is not a message'],
  ])('bad parameter %j → INVALID_ARGUMENT', (params, message) => {
    const q = new URLSearchParams(params);
    const e = capture(() => requestBytes(ALL_BALANCES, { query: q, pathParams: 'address.inner' in params ? new Map([['address.inner', 'y']]) : undefined }));
    expect(e.code).toBe(Code.INVALID_ARGUMENT);
    expect(e.message).toContain(message);
  });

  test('a non-repeated field given twice, a bad enum, a bad body → INVALID_ARGUMENT', () => {
    const twice = new URLSearchParams();
    twice.append('pagination.limit', '1');
    twice.append('pagination.limit', '2');
    expect(capture(() => requestJson(ALL_BALANCES, { query: twice })).message).toMatch(/too many values/);
    expect(capture(() => requestJson(TXS_EVENT, { query: new URLSearchParams({ order_by: 'SIDEWAYS' }) })).code).toBe(Code.INVALID_ARGUMENT);
    expect(capture(() => requestBytes(BROADCAST, { body: [1, 2], bodyRule: '*' })).code).toBe(Code.INVALID_ARGUMENT);
    expect(capture(() => requestBytes(BROADCAST, { body: { tx_bytes: 12 }, bodyRule: '*' })).code).toBe(Code.INVALID_ARGUMENT);
    expect(capture(() => requestBytes(BROADCAST, { body: { no_such_field: 1 }, bodyRule: '*' })).code).toBe(Code.INVALID_ARGUMENT);
  });

  test.each([
    [ScalarType.INT32, '-2147483648', -2147483648],
    [ScalarType.INT64, '-9223372036854775808', '-9223372036854775808'],
    [ScalarType.UINT64, '18446744073709551615', '18446744073709551615'],
    [ScalarType.BOOL, 'T', true],
    [ScalarType.BOOL, 'False', false],
    [ScalarType.DOUBLE, '1.5e3', 1500],
    [ScalarType.STRING, 'a b', 'a b'],
    [ScalarType.BYTES, 'AQID', 'AQID'],
  ])('scalar %s %s', (type, text, want) => {
    expect(scalarJson(type, text, 'p')).toEqual(want);
  });

  test.each([
    [ScalarType.INT32, '2147483648'],
    [ScalarType.UINT32, '-1'],
    [ScalarType.DOUBLE, 'x'],
    [ScalarType.BOOL, 'yes'],
    [ScalarType.BYTES, 'A==='],
  ])('scalar %s %s is refused', (type, text) => {
    expect(() => scalarJson(type, text, 'p')).toThrow(GrpcError);
  });
});
