import { formatListenAddress, ListenAddress, parseListenAddress } from './listen_address';

test.each<[string, ListenAddress]>([
  ['unix:///tmp/app.sock', { kind: 'unix', path: '/tmp/app.sock' }],
  ['unix://relative/app.sock', { kind: 'unix', path: 'relative/app.sock' }], // as CometBFT's libs/net
  ['tcp://127.0.0.1:26658', { kind: 'tcp', host: '127.0.0.1', port: 26658 }],
  ['tcp://localhost:0', { kind: 'tcp', host: 'localhost', port: 0 }],
  ['tcp://[::1]:26658', { kind: 'tcp', host: '::1', port: 26658 }],
  ['tcp://:26658', { kind: 'tcp', host: '0.0.0.0', port: 26658 }],
])('parses %s', (text, want) => {
  expect(parseListenAddress(text)).toEqual(want);
});

test.each(['unix://', 'tcp://127.0.0.1', 'tcp://127.0.0.1:70000', 'http://127.0.0.1:26658', '/tmp/app.sock', ''])(
  'rejects %j',
  (text) => {
    expect(() => parseListenAddress(text)).toThrow(/invalid ABCI listen address/);
  },
);

test.each(['unix:///tmp/app.sock', 'tcp://127.0.0.1:26658', 'tcp://[::1]:1'])('formats %s back', (text) => {
  expect(formatListenAddress(parseListenAddress(text))).toBe(text);
});
