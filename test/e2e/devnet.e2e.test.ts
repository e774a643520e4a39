/**
 * Issue 3: a devnet made by `hypermesh init` and run by `hypermesh start` produces blocks, reports
 * itself over ABCI Info, and survives `kill -9` of the app with its committed history intact.
 */
import { createDevnet, height, rpcGet, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(180_000);

describe('devnet lifecycle', () => {
  let net: Devnet;
  beforeAll(async () => {
    net = await createDevnet();
    await net.start();
  });
  afterAll(async () => net?.cleanup());

  test('produces blocks and answers abci_info', async () => {
    await waitForHeight(net.rpc, 3);
    const info = (await rpcGet(net.rpc, '/abci_info')).response;
    expect(info.data).toBe('hypermesh');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Number(info.last_block_height)).toBeGreaterThanOrEqual(2);
  });

  test('kill -9 loses no committed block and changes no app hash', async () => {
    await waitForHeight(net.rpc, 6);
    const hashes = async () => {
      const out: string[] = [];
      for (let h = 2; h <= 5; h++) out.push((await rpcGet(net.rpc, `/block?height=${h}`)).block.header.app_hash);
      return out;
    };
    const before = await hashes();
    await net.kill9();
    await net.start();
    const h0 = await height(net.rpc);
    await waitForHeight(net.rpc, Math.max(h0, 6) + 2);
    expect(await hashes()).toEqual(before);
  });

  test('SIGTERM stops the node cleanly', async () => {
    expect(await net.stop()).toBe(0);
  });
});
