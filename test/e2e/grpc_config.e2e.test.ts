/**
 * app.toml moves or switches off each of gRPC, REST and the explorer, and `hypermesh start` says
 * where each one is.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createDevnet, waitFor, waitForHeight, type Devnet } from './helpers/devnet';
import { freePorts } from './helpers/ports';

jest.setTimeout(300_000);

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

describe('app.toml [grpc], [api], [explorer]', () => {
  let devnet: Devnet;
  let moved: { api: number; explorer: number };

  beforeAll(async () => {
    devnet = await createDevnet();
    moved = await freePorts('api', 'explorer');
    const appToml = path.join(devnet.home, 'config', 'app.toml');
    const text = fs
      .readFileSync(appToml, 'utf8')
      .replace(/(\[grpc\][\s\S]*?\n)enable = true/, '$1enable = false')
      .replace(/(\[api\][\s\S]*?\naddress = )"[^"]*"/, `$1"127.0.0.1:${moved.api}"`)
      .replace(/(\[explorer\][\s\S]*?\naddress = )""/, `$1"127.0.0.1:${moved.explorer}"`);
    fs.writeFileSync(appToml, text);
    await devnet.start();
    await waitForHeight(devnet.rpc, 2);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${moved.api}/cosmos/base/tendermint/v1beta1/syncing`).catch(() => undefined))?.status === 200, 30_000, () => devnet.output.join(''));
  });
  afterAll(async () => {
    await devnet?.cleanup();
  });

  test('start prints the moved addresses and that gRPC is off', () => {
    const out = devnet.output.join('');
    expect(out).toContain('gRPC:         off ([grpc] enable = false)');
    expect(out).toContain(`REST (LCD):   http://127.0.0.1:${moved.api}`);
    expect(out).toContain(`explorer:     http://127.0.0.1:${moved.explorer}/`);
  });

  test('gRPC is not listening; REST answers on its new port; the explorer on its own', async () => {
    expect(await refused(devnet.ports.grpc)).toBe(true);
    expect(await refused(devnet.ports.api)).toBe(true);
    const balances = await fetch(`http://127.0.0.1:${moved.api}/cosmos/bank/v1beta1/balances/${devnet.devAccounts[0].address}`);
    expect(balances.status).toBe(200);
    const status = await fetch(`http://127.0.0.1:${moved.explorer}/explorer/api/status`);
    expect(((await status.json()) as any).chainId).toBe(devnet.chainId);
    // the REST server no longer carries the explorer
    const notThere = await fetch(`http://127.0.0.1:${moved.api}/explorer/api/status`);
    expect([notThere.status, ((await notThere.json()) as any).code]).toEqual([501, 12]);
  });

  test('with [explorer] enable = false and [api] enable = false the node still runs and says so', async () => {
    await devnet.stop();
    const appToml = path.join(devnet.home, 'config', 'app.toml');
    fs.writeFileSync(appToml, fs.readFileSync(appToml, 'utf8').replace(/(\[api\][\s\S]*?\n)enable = true/, '$1enable = false').replace(/(\[explorer\][\s\S]*?\n)enable = true/, '$1enable = false'));
    devnet.output.length = 0;
    await devnet.start();
    await waitFor(async () => devnet.output.join('').includes('press Ctrl-C'), 30_000, () => devnet.output.join(''));
    const out = devnet.output.join('');
    expect(out).toContain('REST (LCD):   off ([api] enable = false)');
    expect(out).toContain('explorer:     off');
    expect(await refused(moved.api)).toBe(true);
    expect(await refused(moved.explorer)).toBe(true);
  });
});
