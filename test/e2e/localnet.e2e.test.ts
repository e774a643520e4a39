/**
 * `hypermesh localnet` itself: start returns once every validator produces blocks, with one shared
 * genesis (`validators: []`, a gentx per validator) and per-node homes, ports and logs; stop ends
 * every process through the pid files; a second start resumes the same chain; bad use is one clear
 * error line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, rpcGet } from './helpers/devnet';

jest.setTimeout(300_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('hypermesh localnet', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-localnet-cli-'));
  afterAll(async () => {
    await cli(['localnet', 'stop', '--home', dir]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('start, stop and start again', async () => {
    const t0 = Date.now();
    const { stdout } = await cli(['localnet', 'start', '--validators', '3', '--home', dir, '--timeout-commit', '300ms', '--unbonding-time', '30s']);
    const startSeconds = (Date.now() - t0) / 1000;
    console.log(`3 validators created and producing blocks in ${startSeconds.toFixed(1)} s`);
    expect(stdout).toMatch(/unbonding_time 30s, signed_blocks_window 100/);
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'localnet.json'), 'utf8'));
    expect(m.nodes).toHaveLength(3);
    const rpc = (i: number) => `http://127.0.0.1:${m.nodes[i].ports.rpc}`;

    // one genesis for all, with the set coming from gentxs
    const genesis = fs.readFileSync(path.join(dir, 'node0', 'config', 'genesis.json'), 'utf8');
    for (const i of [1, 2]) expect(fs.readFileSync(path.join(dir, `node${i}`, 'config', 'genesis.json'), 'utf8')).toBe(genesis);
    const doc = JSON.parse(genesis);
    expect(doc.validators).toEqual([]);
    expect(doc.app_state.genutil.gen_txs).toHaveLength(3);
    const vals = await rpcGet(rpc(0), '/validators');
    expect(vals.validators.map((v: any) => v.voting_power)).toEqual(['100', '100', '100']);
    for (const i of [0, 1, 2]) {
      expect(Number((await rpcGet(rpc(i), '/status')).sync_info.latest_block_height)).toBeGreaterThanOrEqual(2);
      expect(fs.existsSync(path.join(dir, `node${i}`, 'logs', 'cometbft.log'))).toBe(true);
    }

    const pids = [0, 1, 2].map((i) => Number(fs.readFileSync(path.join(dir, `node${i}`, 'localnet.pid'), 'utf8')));
    const height = Number((await rpcGet(rpc(0), '/status')).sync_info.latest_block_height);
    const stopped = await cli(['localnet', 'stop', '--home', dir]);
    expect(stopped.stdout).toMatch(/stopped 3 node\(s\)/);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    for (const i of [0, 1, 2]) expect(fs.existsSync(path.join(dir, `node${i}`, 'localnet.pid'))).toBe(false);
    await expect(rpcGet(rpc(0), '/status')).rejects.toThrow();

    // the same network again, from where it stopped
    await cli(['localnet', 'start', '--home', dir]);
    const resumed = Number((await rpcGet(rpc(0), '/status')).sync_info.latest_block_height);
    expect(resumed).toBeGreaterThan(height);
    const again = await rpcGet(rpc(0), `/block?height=${height}`);
    expect(Number(again.block.header.height)).toBe(height);
  });

  test('bad use is one clear error line', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-localnet-none-'));
    try {
      await expect(cli(['localnet', 'start', '--home', other])).rejects.toMatchObject({ stderr: expect.stringMatching(/holds no localnet yet: give --validators N/) });
      await expect(cli(['localnet', 'start', '--home', dir, '--validators', '5'])).rejects.toMatchObject({ stderr: expect.stringMatching(/already holds a localnet of 3 validators/) });
      await expect(cli(['localnet', 'stop', '--home', other])).rejects.toMatchObject({ stderr: expect.stringMatching(/holds no localnet/) });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
