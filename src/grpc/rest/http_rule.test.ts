import { protoRegistry } from '../../codec/descriptors';
import { matchTemplate, parseTemplate, RouteTable, routesOf, splitPath, TemplateError, type Route } from './http_rule';

const method = (service: string, name: string) => {
  const s = protoRegistry().getService(service);
  const m = s?.methods.find((x) => x.name === name);
  if (!m) throw new Error(`no method ${service}/${name}`);
  return m;
};
const routesOfService = (service: string): Route[] => protoRegistry().getService(service)!.methods.flatMap(routesOf);
const match = (template: string, path: string) => {
  const c = splitPath(path)!;
  const m = matchTemplate(parseTemplate(template), c);
  return m && Object.fromEntries(m);
};

describe('path templates (google.api.http)', () => {
  test.each([
    ['/cosmos/bank/v1beta1/balances/{address}', ['literal', 'literal', 'literal', 'literal', 'var']],
    ['/cosmos/bank/v1beta1/denoms_metadata/{denom=**}', ['literal', 'literal', 'literal', 'literal', 'var']],
    ['/v1/*/items/**', ['literal', 'any', 'literal', 'rest']],
    ['/v1/{name=shelves/*/books/*}', ['literal', 'var']],
    ['/v1/things/{id}:cancel', ['literal', 'literal', 'var']],
  ])('parses %s', (text, kinds) => {
    const t = parseTemplate(text);
    expect(t.segments.map((s) => s.kind)).toEqual(kinds);
    expect(t.text).toBe(text);
  });

  test('a verb and nested field paths', () => {
    expect(parseTemplate('/v1/things/{id}:cancel').verb).toBe('cancel');
    const t = parseTemplate('/v1/{pagination.key}/x');
    expect(t.segments[1]).toMatchObject({ kind: 'var', field: 'pagination.key' });
  });

  test.each([['no/leading/slash'], ['/a//b'], ['/a/{unclosed'], ['/a/{b/{c}}'], ['/a/**/b'], ['/a/{1bad}'], ['/a/{b=**}/c']])('rejects %s', (text) => {
    expect(() => parseTemplate(text)).toThrow(TemplateError);
  });

  test('matching binds variables; ** takes the rest; counts must agree', () => {
    expect(match('/cosmos/bank/v1beta1/balances/{address}', '/cosmos/bank/v1beta1/balances/hyper1abc')).toEqual({ address: 'hyper1abc' });
    expect(match('/cosmos/bank/v1beta1/balances/{address}', '/cosmos/bank/v1beta1/balances/hyper1abc/by_denom')).toBeUndefined();
    expect(match('/cosmos/bank/v1beta1/balances/{address}/by_denom', '/cosmos/bank/v1beta1/balances/hyper1abc/by_denom')).toEqual({ address: 'hyper1abc' });
    expect(match('/cosmos/bank/v1beta1/denoms_metadata/{denom=**}', '/cosmos/bank/v1beta1/denoms_metadata/ibc/ABCDEF')).toEqual({ denom: 'ibc/ABCDEF' });
    expect(match('/cosmos/bank/v1beta1/denoms_metadata/{denom=**}', '/cosmos/bank/v1beta1/denoms_metadata')).toBeUndefined();
    expect(match('/v1/{name=shelves/*/books/*}', '/v1/shelves/s1/books/b2')).toEqual({ name: 'shelves/s1/books/b2' });
    expect(match('/v1/{name=shelves/*/books/*}', '/v1/shelves/s1/cds/b2')).toBeUndefined();
    // percent-encoding is decoded per component; an encoded "/" stays inside its component
    expect(match('/a/{x}', '/a/ibc%2FHASH')).toEqual({ x: 'ibc/HASH' });
    expect(match('/a/{x}', '/a/hello%20world')).toEqual({ x: 'hello world' });
    expect(splitPath('/a/%E0%A4%A')).toBeUndefined();
  });
});

describe('routes from the descriptors', () => {
  test('bank Query: every method has its GET route, in proto order', () => {
    const routes = routesOfService('cosmos.bank.v1beta1.Query');
    const byMethod = Object.fromEntries(routes.map((r) => [r.method.name, `${r.httpMethod} ${r.template.text}`]));
    expect(byMethod).toMatchObject({
      Balance: 'GET /cosmos/bank/v1beta1/balances/{address}/by_denom',
      AllBalances: 'GET /cosmos/bank/v1beta1/balances/{address}',
      TotalSupply: 'GET /cosmos/bank/v1beta1/supply',
      SupplyOf: 'GET /cosmos/bank/v1beta1/supply/by_denom',
      DenomMetadata: 'GET /cosmos/bank/v1beta1/denoms_metadata/{denom=**}',
      Params: 'GET /cosmos/bank/v1beta1/params',
    });
    expect(routes.every((r) => r.grpcPath === `/cosmos.bank.v1beta1.Query/${r.method.name}` && r.body === '')).toBe(true);
  });

  test('tx Service: POST with body "*" for broadcast and simulate, GET for the rest', () => {
    const routes = routesOfService('cosmos.tx.v1beta1.Service');
    const broadcast = routes.find((r) => r.method.name === 'BroadcastTx')!;
    expect([broadcast.httpMethod, broadcast.template.text, broadcast.body]).toEqual(['POST', '/cosmos/tx/v1beta1/txs', '*']);
    const getTx = routes.find((r) => r.method.name === 'GetTx')!;
    expect([getTx.httpMethod, getTx.template.text]).toEqual(['GET', '/cosmos/tx/v1beta1/txs/{hash}']);
  });

  test('a method without an http rule has no route', () => {
    expect(routesOf(method('cosmos.bank.v1beta1.Msg', 'Send'))).toEqual([]);
  });

  test('every http rule in the descriptor set parses', () => {
    let n = 0;
    for (const t of protoRegistry()) {
      if (t.kind !== 'service') continue;
      for (const m of t.methods) n += routesOf(m).length;
    }
    expect(n).toBeGreaterThan(150);
  });
});

describe('RouteTable', () => {
  const table = new RouteTable([
    ...routesOfService('cosmos.base.tendermint.v1beta1.Service'),
    ...routesOfService('cosmos.tx.v1beta1.Service'),
    ...routesOfService('cosmos.auth.v1beta1.Query'),
    ...routesOfService('cosmos.bank.v1beta1.Query'),
  ]);
  const name = (httpMethod: string, path: string) => {
    const m = table.match(httpMethod, path);
    return m && 'route' in m ? `${m.route.method.name} ${JSON.stringify(Object.fromEntries(m.params))}` : m;
  };

  test('first registered wins, as grpc-gateway: blocks/latest before blocks/{height}', () => {
    expect(name('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest')).toBe('GetLatestBlock {}');
    expect(name('GET', '/cosmos/base/tendermint/v1beta1/blocks/12')).toBe('GetBlockByHeight {"height":"12"}');
    // the same template twice in auth: the first method in the proto answers
    expect(name('GET', '/cosmos/auth/v1beta1/bech32/abc')).toBe('AddressBytesToString {"address_bytes":"abc"}');
  });

  test('method, trailing slash, verb-less paths, unknown paths', () => {
    expect(name('POST', '/cosmos/tx/v1beta1/txs')).toBe('BroadcastTx {}');
    expect(name('GET', '/cosmos/tx/v1beta1/txs')).toBe('GetTxsEvent {}');
    expect(name('GET', '/cosmos/bank/v1beta1/params/')).toBe('Params {}');
    expect(table.match('DELETE', '/cosmos/tx/v1beta1/txs')).toEqual({ methodNotAllowed: true });
    expect(table.match('GET', '/cosmos/nothing')).toBeUndefined();
    expect(table.match('GET', '/')).toBeUndefined();
  });
});
