import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CometRpc, DEFAULT_NODE, networkReason, normalizeNodeUrl, RpcError } from './rpc';
import { resolveNodeUrl } from './node';

describe('normalizeNodeUrl', () => {
  test.each([
    ['http://127.0.0.1:26657', 'http://127.0.0.1:26657'],
    ['tcp://127.0.0.1:26657', 'http://127.0.0.1:26657'],
    ['localhost:26657', 'http://localhost:26657'],
    ['https://rpc.example.com/', 'https://rpc.example.com'],
    ['tcp://0.0.0.0:26657', 'http://127.0.0.1:26657'],
  ])('%s → %s', (input, want) => expect(normalizeNodeUrl(input)).toBe(want));

  test.each(['ftp://x:1', 'http://', 'http://exa mple.com'])('refuses %s', (input) => {
    expect(() => normalizeNodeUrl(input)).toThrow(/^invalid --node/);
  });

  test('--node wins; else the home config; else the default', () => {
    expect(resolveNodeUrl('tcp://10.0.0.1:1', '/nonexistent')).toBe('http://10.0.0.1:1');
    expect(resolveNodeUrl(undefined, '/nonexistent')).toBe(DEFAULT_NODE);
  });
});

describe('CometRpc errors', () => {
  test('a refused connection names the URL and what to do', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const url = `http://127.0.0.1:${port}`;
    await expect(new CometRpc(url).status()).rejects.toThrow(
      `cannot reach node at ${url}: connection refused — is \`hypermesh start\` running? use --node to choose another`,
    );
  });

  test('a server that is not CometBFT, and a JSON-RPC error', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/') {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          const { id, method } = JSON.parse(body);
          if (method === 'block') res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32603, message: 'Internal error', data: 'height 9 must be less than or equal to the current blockchain height 3' } }));
          else if (method === 'tx') res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32603, message: 'Internal error', data: 'tx (AB) not found' } }));
          else res.end('<html>hello</html>');
        });
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rpc = new CometRpc(url);
      await expect(rpc.status()).rejects.toThrow(`node at ${url} did not answer as a CometBFT RPC (HTTP 200: <html>hello</html>); check --node`);
      const err = await rpc.block(9n).catch((e) => e);
      expect(err).toBeInstanceOf(RpcError);
      expect(err.message).toBe(`node at ${url} refused block: height 9 must be less than or equal to the current blockchain height 3`);
      await expect(rpc.tx('AB')).resolves.toBeUndefined();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('networkReason reads error codes through causes and aggregate errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(networkReason(new TypeError('fetch failed', { cause: refused }))).toBe('connection refused');
    expect(networkReason(new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })]) }))).toBe('host not found');
    expect(networkReason(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe('no answer (timed out)');
    expect(networkReason(new Error('something else'))).toBe('something else');
  });
});
