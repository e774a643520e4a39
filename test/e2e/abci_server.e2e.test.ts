/**
 * The ABCI server driven by a real CometBFT v0.38 node over a unix socket: the node starts,
 * handshakes (Info, InitChain), produces blocks, accepts a tx through CheckTx and commits it
 * through FinalizeBlock, and answers an abci_query through Query.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  RequestCheckTx,
  RequestFinalizeBlock,
  RequestQuery,
  ResponseCheckTx,
  ResponseCommit,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseInitChain,
  ResponseQuery,
  ExecTxResult,
} from 'cosmjs-types/tendermint/abci/types';
import { AbciServer, Application, Logger } from '../../src/abci';

const COMETBFT = process.env.COMETBFT_BIN ?? resolve(__dirname, '../../bin/cometbft');

/** Counts committed txs; its app hash is sha256(height || count), so every block changes it. */
class CounterApp implements Application {
  /** InitChain, FinalizeBlock and Commit in the order the node sent them. */
  readonly consensusCalls: string[] = [];
  readonly checkedTxs: string[] = [];
  private committed = { height: 0n, count: 0n, appHash: new Uint8Array() };
  private pending: typeof this.committed | undefined;

  info(): ResponseInfo {
    return ResponseInfo.fromPartial({
      data: 'counter',
      version: '1',
      lastBlockHeight: this.committed.height,
      lastBlockAppHash: this.committed.appHash,
    });
  }

  initChain(): ResponseInitChain {
    this.consensusCalls.push('initChain');
    return ResponseInitChain.fromPartial({});
  }

  checkTx(req: RequestCheckTx): ResponseCheckTx {
    this.checkedTxs.push(Buffer.from(req.tx).toString());
    return ResponseCheckTx.fromPartial({ code: req.tx.length > 0 ? 0 : 1, gasWanted: 1n });
  }

  async finalizeBlock(req: RequestFinalizeBlock): Promise<ResponseFinalizeBlock> {
    this.consensusCalls.push(`finalizeBlock ${req.height}`);
    await new Promise((r) => setImmediate(r)); // an async application, as the real one will be
    const count = this.committed.count + BigInt(req.txs.length);
    const appHash = createHash('sha256').update(`${req.height}:${count}`).digest();
    this.pending = { height: req.height, count, appHash };
    return ResponseFinalizeBlock.fromPartial({
      txResults: req.txs.map(() => ExecTxResult.fromPartial({ code: 0 })),
      appHash,
    });
  }

  commit(): ResponseCommit {
    this.consensusCalls.push('commit');
    if (this.pending === undefined) throw new Error('commit without finalizeBlock');
    this.committed = this.pending;
    this.pending = undefined;
    return ResponseCommit.fromPartial({});
  }

  query(req: RequestQuery): ResponseQuery {
    if (req.path !== '/count') return ResponseQuery.fromPartial({ code: 2, log: `unknown path ${req.path}` });
    return ResponseQuery.fromPartial({ value: Buffer.from(String(this.committed.count)), height: this.committed.height });
  }
}

/** A port nobody listens on right now (the kernel picks it for port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Sets `key = value` in `[section]` of a TOML file's text (the top level when section is ''). */
function setToml(text: string, section: string, key: string, value: string): string {
  const lines = text.split('\n');
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const header = /^\[([^\]]+)\]\s*$/.exec(lines[i]);
    if (header) current = header[1];
    else if (current === section && new RegExp(`^${key}\\s*=`).test(lines[i])) {
      lines[i] = `${key} = ${value}`;
      return lines.join('\n');
    }
  }
  throw new Error(`config.toml has no ${key} in [${section}]`);
}

async function rpc<T>(port: number, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  const body = (await res.json()) as { result?: T; error?: unknown };
  if (body.error !== undefined) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** A CometBFT node in a temp home, driving `app` through an AbciServer on a unix socket. */
interface TestNode {
  readonly rpcPort: number;
  readonly fatal: Array<{ err: unknown; type: string }>;
  readonly serverErrors: unknown[];
  readonly process: ChildProcess;
  /** Resolves with the exit code when the node process exits. */
  readonly exited: Promise<number | null>;
  /** The node's last log lines, to explain a failure. */
  tail(): string;
  /** Kills the node (if running), closes the server, removes the home. Safe to call twice. */
  stop(): Promise<void>;
}

async function startNode(app: Application): Promise<TestNode> {
  if (!existsSync(COMETBFT)) {
    throw new Error(`CometBFT binary not found at ${COMETBFT}: run scripts/install-cometbft.sh or set COMETBFT_BIN`);
  }
  const home = await mkdtemp(join(tmpdir(), 'abci-e2e-'));
  try {
    return await startNodeIn(home, app);
  } catch (err) {
    await rm(home, { recursive: true, force: true });
    throw err;
  }
}

async function startNodeIn(home: string, app: Application): Promise<TestNode> {
  await promisify(execFile)(COMETBFT, ['init', '--home', home]);
  const socket = join(home, 'app.sock');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const configPath = join(home, 'config', 'config.toml');
  let config = await readFile(configPath, 'utf8');
  config = setToml(config, '', 'proxy_app', `"unix://${socket}"`);
  config = setToml(config, 'rpc', 'laddr', `"tcp://127.0.0.1:${rpcPort}"`);
  config = setToml(config, 'p2p', 'laddr', `"tcp://127.0.0.1:${p2pPort}"`);
  config = setToml(config, 'consensus', 'timeout_commit', '"100ms"');
  config = setToml(config, 'consensus', 'timeout_propose', '"500ms"');
  await writeFile(configPath, config);

  const fatal: TestNode['fatal'] = [];
  const serverErrors: unknown[] = [];
  const server = new AbciServer(app, {
    logger: { ...silent, error: (obj) => serverErrors.push(obj) },
    onFatal: (err, type) => fatal.push({ err, type }),
  });
  await server.listen(`unix://${socket}`);

  const child = spawn(COMETBFT, ['node', '--home', home], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let stopped = false;
  return {
    rpcPort,
    fatal,
    serverErrors,
    process: child,
    exited,
    tail: () => `\n--- cometbft output (tail) ---\n${output.split('\n').slice(-40).join('\n')}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await server.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

const nodes: TestNode[] = [];

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
}, 20_000);

async function waitForHeight(node: TestNode, min: number): Promise<number> {
  return waitFor(`height >= ${min}`, 40_000, async () => {
    if (node.process.exitCode !== null) throw new Error(`cometbft exited with ${node.process.exitCode}`);
    const status = await rpc<{ sync_info: { latest_block_height: string } }>(node.rpcPort, '/status');
    const h = Number(status.sync_info.latest_block_height);
    return h >= min ? h : undefined;
  }).catch((err: Error) => {
    throw new Error(`${err.message}${node.tail()}`);
  });
}

describe('ABCI server with a real CometBFT node', () => {
  const app = new CounterApp();
  let node: TestNode;

  beforeAll(async () => {
    node = await startNode(app);
    nodes.push(node);
  }, 30_000);

  test('produces blocks: the app sees InitChain, then FinalizeBlock and Commit in order', async () => {
    expect(await waitForHeight(node, 3)).toBeGreaterThanOrEqual(3);
    const calls = app.consensusCalls.slice();
    const expected = ['initChain'];
    while (expected.length < calls.length) expected.push(`finalizeBlock ${(expected.length + 1) / 2}`, 'commit');
    expect(calls.length).toBeGreaterThanOrEqual(1 + 2 * 3);
    expect(calls).toEqual(expected.slice(0, calls.length));
    expect(node.fatal).toEqual([]);
    expect(node.serverErrors).toEqual([]);
  }, 60_000);

  test('a broadcast tx passes CheckTx, is committed, and abci_query sees it', async () => {
    const committed = await rpc<{ check_tx: { code: number }; tx_result: { code: number }; height: string }>(
      node.rpcPort,
      '/broadcast_tx_commit?tx="hello-hypermesh"',
    );
    expect(committed.check_tx.code).toBe(0);
    expect(committed.tx_result.code).toBe(0);
    expect(Number(committed.height)).toBeGreaterThan(0);
    expect(app.checkedTxs).toContain('hello-hypermesh');

    // The count is visible once the block holding the tx is committed.
    const value = await waitFor('abci_query /count = 1', 10_000, async () => {
      const q = await rpc<{ response: { value: string | null } }>(node.rpcPort, '/abci_query?path="/count"');
      const v = Buffer.from(q.response.value ?? '', 'base64').toString();
      return v === '1' ? v : undefined;
    });
    expect(value).toBe('1');

    const info = await rpc<{ response: { data: string; last_block_height: string } }>(node.rpcPort, '/abci_info');
    expect(info.response.data).toBe('counter');
    expect(Number(info.response.last_block_height)).toBeGreaterThanOrEqual(Number(committed.height));
    expect(node.fatal).toEqual([]);
    expect(node.serverErrors).toEqual([]);
  }, 30_000);
});

describe('an application failure in FinalizeBlock', () => {
  test('calls onFatal, goes unanswered, and the node stops because its connections closed', async () => {
    const app = new CounterApp();
    const finalize = app.finalizeBlock.bind(app);
    app.finalizeBlock = async (req) => {
      if (req.height === 3n) {
        app.consensusCalls.push('finalizeBlock 3 (throws)');
        throw new Error('state store unavailable');
      }
      return finalize(req);
    };
    const node = await startNode(app);
    nodes.push(node);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      node.exited,
      new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), 30_000))),
    ]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');
    expect(node.fatal).toHaveLength(1);
    expect(node.fatal[0].type).toBe('finalizeBlock');
    expect((node.fatal[0].err as Error).message).toBe('state store unavailable');
    // Block 3 was never answered, so neither it nor anything after it was committed.
    expect(app.consensusCalls.slice(-3)).toEqual(['finalizeBlock 2', 'commit', 'finalizeBlock 3 (throws)']);
  }, 60_000);
});
