import { toYaml, yamlScalar } from './yaml';

describe('toYaml', () => {
  test('renders SDK JSON the way the SDK CLI prints text', () => {
    const json = {
      balances: [
        { denom: 'uhyper', amount: '1000' },
        { denom: 'rcpu', amount: '5' },
      ],
      pagination: { next_key: null, total: '2' },
    };
    expect(toYaml(json)).toBe(
      ['balances:', '- denom: uhyper', '  amount: "1000"', '- denom: rcpu', '  amount: "5"', 'pagination:', '  next_key: null', '  total: "2"', ''].join('\n'),
    );
  });

  test('nested objects, arrays of scalars, empty containers, @type keys', () => {
    const json = { tx: { '@type': '/cosmos.tx.v1beta1.Tx', body: { messages: [], memo: '' }, signatures: ['abc=', 'def='], extra: {} } };
    expect(toYaml(json)).toBe(
      ["tx:", "  '@type': /cosmos.tx.v1beta1.Tx", '  body:', '    messages: []', '    memo: ""', '  signatures:', '  - abc=', '  - def=', '  extra: {}', ''].join('\n'),
    );
  });

  test('arrays of arrays and top-level lists', () => {
    expect(toYaml([[1, 2], { a: [{ b: 1 }] }])).toBe(['- - 1', '  - 2', '- a:', '  - b: 1', ''].join('\n'));
  });

  test.each([
    ['plain', 'plain'],
    ['1000', '"1000"'],
    ['0.5', '"0.5"'],
    ['true', '"true"'],
    ['null', '"null"'],
    ['', '""'],
    ['a: b', "'a: b'"],
    ['{"@type":"/x","key":"A"}', `'{"@type":"/x","key":"A"}'`],
    ["it's: here", `"it's: here"`],
    ['line\nbreak', '"line\\nbreak"'],
    ['-dash', "'-dash'"],
    ['hyper1abc', 'hyper1abc'],
    ['/cosmos.bank.v1beta1.MsgSend', '/cosmos.bank.v1beta1.MsgSend'],
  ])('scalar %j → %s', (input, want) => {
    expect(yamlScalar(input)).toBe(want);
  });

  test('numbers, booleans, null', () => {
    expect(toYaml({ n: 1, b: false, z: null })).toBe('n: 1\nb: false\nz: null\n');
  });
});
