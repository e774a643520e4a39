/**
 * A real single-validator devnet for end-to-end tests: `hypermesh init` in a temp home with free
 * loopback ports, `hypermesh start` as a child process (which runs CometBFT), helpers to wait
 * for heights and read blocks over CometBFT's RPC, and teardown that stops every process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from './ports';

const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'bin', 'hypermesh.js');
const run = promisify(execFile);

export interface DevAccount {
  name: string;
  address: string;
  mnemonic: string;
}

export interface Devnet {
  home: string;
  chainId: string;
  rpc: string;
  ports: { rpc: number; p2p: number; grpc: number; api: number };
  devAccounts: DevAccount[];
  proc: ChildProcess | undefined;
  output: string[];
  start(): Promise<void>;
  /** SIGTERM and wait; SIGKILL after a timeout. */
  stop(): Promise<number | null>;
  /** SIGKILL the app (CometBFT then exits on its own as its ABCI connections break). */
  kill9(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, ...opts.env }, maxBuffer: 64 << 20 });
}

export async function createDevnet(o: { chainId?: string; timeoutCommit?: string; extraInit?: string[] } = {}): Promise<Devnet> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-e2e-'));
  const ports = await freePorts('rpc', 'p2p', 'grpc', 'api');
  const chainId = o.chainId ?? 'hypermesh-devnet-1';
  await cli([
    'init', '--home', home, '--chain-id', chainId,
    '--rpc-port', String(ports.rpc), '--p2p-port', String(ports.p2p),
    '--grpc-port', String(ports.grpc), '--api-port', String(ports.api),
    '--timeout-commit', o.timeoutCommit ?? '300ms',
    ...(o.extraInit ?? []),
  ]);
  const devAccounts: DevAccount[] = JSON.parse(fs.readFileSync(path.join(home, 'dev-accounts.json'), 'utf8'));
  const net: Devnet = {
    home,
    chainId,
    rpc: `http://127.0.0.1:${ports.rpc}`,
    ports,
    devAccounts,
    proc: undefined,
    output: [],
    async start() {
      const p = spawn(process.execPath, [CLI, 'start', '--home', home], { stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout!.on('data', (d) => net.output.push(String(d)));
      p.stderr!.on('data', (d) => net.output.push(String(d)));
      net.proc = p;
      p.on('exit', () => {
        if (net.proc === p) net.proc = undefined;
      });
      await waitFor(async () => (await status(net.rpc).catch(() => undefined)) !== undefined, 60_000, () => `devnet did not start:\n${net.output.join('')}\n${tail(path.join(home, 'logs', 'cometbft.log'))}`);
    },
    async stop() {
      const p = net.proc;
      if (!p) return null;
      const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
      p.kill('SIGTERM');
      const t = setTimeout(() => p.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(t);
      await waitForCometExit(home);
      return code;
    },
    async kill9() {
      const p = net.proc;
      if (!p) return;
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.kill('SIGKILL');
      await exited;
      await waitForCometExit(home);
    },
    async cleanup() {
      await net.stop();
      await killComet(home);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return net;
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** PIDs of CometBFT processes running on this home. */
function cometPids(home: string): number[] {
  const out: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.some((c) => c.endsWith('cometbft')) && cmd.includes('node') && cmd.includes(home)) out.push(Number(pid));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

async function waitForCometExit(home: string): Promise<void> {
  await waitFor(async () => cometPids(home).length === 0, 20_000, () => `cometbft on ${home} did not exit`).catch(() => killComet(home));
}

async function killComet(home: string): Promise<void> {
  for (const pid of cometPids(home)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function waitFor(cond: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function rpcGet(rpc: string, pathAndQuery: string): Promise<any> {
  const res = await fetch(`${rpc}${pathAndQuery}`);
  const body = (await res.json()) as any;
  if (body.error) throw new Error(`${pathAndQuery}: ${JSON.stringify(body.error)}`);
  return body.result;
}

export async function status(rpc: string): Promise<any> {
  return rpcGet(rpc, '/status');
}

export async function height(rpc: string): Promise<number> {
  return Number((await status(rpc)).sync_info.latest_block_height);
}

export async function waitForHeight(rpc: string, h: number, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => (await height(rpc).catch(() => 0)) >= h, timeoutMs, () => `height ${h} not reached`);
}
