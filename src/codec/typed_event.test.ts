import { EventSend } from 'cosmjs-types/cosmos/nft/v1beta1/event';
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Duration } from 'cosmjs-types/google/protobuf/duration';
import { Kind, Sample } from '../gen/hypermesh/testdata/v1/testdata';
import { sdk } from '../types/errors';
import { parseTypedEvent, parseTypedEventOf, typedEvent, typedEventOf } from './typed_event';

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
};

describe('typedEvent', () => {
  test('a Coin, as cosmos-sdk types/events_test.go TestEmitTypedEvent emits it', () => {
    expect(typedEventOf(Coin, { denom: 'fakedenom', amount: '1999999' })).toEqual({
      type: 'cosmos.base.v1beta1.Coin',
      attributes: [
        { key: 'amount', value: '"1999999"', index: true },
        { key: 'denom', value: '"fakedenom"', index: true },
      ],
    });
  });

  test('nft EventSend: one attribute per field, keys sorted, values JSON', () => {
    const event = typedEventOf(EventSend, { classId: 'kitties', id: 'k1', sender: 'cosmos1s', receiver: 'cosmos1r' });
    expect(event).toEqual({
      type: 'cosmos.nft.v1beta1.EventSend',
      attributes: [
        { key: 'class_id', value: '"kitties"', index: true },
        { key: 'id', value: '"k1"', index: true },
        { key: 'receiver', value: '"cosmos1r"', index: true },
        { key: 'sender', value: '"cosmos1s"', index: true },
      ],
    });
  });

  test('every kind of field value is its jsonpb JSON, defaults emitted', () => {
    const sample = Sample.fromPartial({
      coin: { denom: 'uhyper', amount: '7' },
      ratio: '500000000000000000',
      amount: '9',
      window: { seconds: 90n, nanos: 0 },
      at: { seconds: 0n, nanos: 0 },
      payload: { typeUrl: Duration.typeUrl, value: Duration.encode({ seconds: 1n, nanos: 0 }).finish() },
      kind: Kind.KIND_CPU,
      count: 3n,
      small: -5,
      labels: { '<': 'x' },
      nested: { note: 'n', kinds: [] },
    });
    const attrs = Object.fromEntries(typedEventOf(Sample, sample).attributes.map((a) => [a.key, a.value]));
    expect(typedEventOf(Sample, sample).attributes.map((a) => a.key)).toEqual([
      'amount', 'at', 'blob', 'coin', 'coins', 'count', 'delta', 'flag', 'kind', 'labels',
      'max_ratio', 'nested', 'optional_at', 'payload', 'ratio', 'ratios', 'small', 'window',
    ]);
    expect(attrs).toEqual({
      amount: '"9"',
      at: '"1970-01-01T00:00:00Z"',
      blob: 'null',
      coin: '{"denom":"uhyper","amount":"7"}',
      coins: '[]',
      count: '"3"',
      delta: '"0"',
      flag: 'false',
      kind: '"KIND_CPU"',
      labels: '{"\\u003c":"x"}',
      max_ratio: 'null',
      nested: '{"note":"n","kinds":[]}',
      optional_at: 'null',
      payload: '{"@type":"/google.protobuf.Duration","value":"1s"}',
      ratio: '"0.500000000000000000"',
      ratios: '[]',
      small: '-5',
      window: '"90s"',
    });
  });

  test('unknown type or bytes that do not decode: sdk/16', () => {
    expect(sdk.JSONMarshal.is(caught(() => typedEvent('x.y.Nothing', new Uint8Array())))).toBe(true);
    expect(sdk.JSONMarshal.is(caught(() => typedEvent('cosmos.base.v1beta1.Coin', new Uint8Array([0x0a, 0x09]))))).toBe(true);
  });
});

describe('parseTypedEvent', () => {
  const grant = EventSend.fromPartial({ classId: 'c', id: 'i', sender: 'a', receiver: 'b' });

  test('inverts typedEvent byte for byte', () => {
    const sample = Sample.fromPartial({
      coin: { denom: 'u', amount: '1' },
      ratio: '1',
      amount: '2',
      window: { seconds: 1n, nanos: 0 },
      at: { seconds: 5n, nanos: 0 },
      count: 9n,
      name: 'x',
    });
    const bytes = Sample.encode(sample).finish();
    const parsed = parseTypedEvent(typedEvent('hypermesh.testdata.v1.Sample', bytes));
    expect(parsed.typeName).toBe('hypermesh.testdata.v1.Sample');
    expect(parsed.bytes).toEqual(bytes);
    expect(parseTypedEventOf(EventSend, typedEventOf(EventSend, grant))).toEqual(grant);
  });

  test('ignores attributes that name no field (msg_index, mode), as AllowUnknownFields does', () => {
    const event = typedEventOf(EventSend, grant);
    event.attributes.push({ key: 'msg_index', value: '0', index: true }, { key: 'mode', value: 'BeginBlock', index: true });
    expect(parseTypedEventOf(EventSend, { ...event, attributes: event.attributes.slice(0, 6) })).toEqual(grant);
  });

  test('a repeated key: the last one wins', () => {
    const event = typedEventOf(EventSend, grant);
    event.attributes.push({ key: 'sender', value: '"z"', index: true });
    expect(parseTypedEventOf(EventSend, event).sender).toBe('z');
  });

  test('bad input: sdk/17', () => {
    const event = typedEventOf(EventSend, grant);
    const notJson = { ...event, attributes: [{ key: 'sender', value: 'a', index: true }] };
    const wrongType = { ...event, attributes: [{ key: 'sender', value: '5', index: true }] };
    for (const bad of [notJson, wrongType, { type: 'x.y.Nothing', attributes: [] as typeof event.attributes }]) {
      expect(sdk.JSONUnmarshal.is(caught(() => parseTypedEvent(bad)))).toBe(true);
    }
    expect(sdk.JSONUnmarshal.is(caught(() => parseTypedEventOf(Coin, event)))).toBe(true);
  });
});
