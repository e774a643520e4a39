/**
 * An N-validator network on loopback: DIR/node0..nodeN-1, each a full node home (`hypermesh init`)
 * with its own ports, persistent peers to all others, and one shared genesis in which every node's
 * CometBFT key is a validator (a gentx each, equal stake by default). Nodes run as detached
 * `hypermesh start` processes, logging to DIR/nodeI/logs/, tracked by DIR/nodeI/localnet.pid;
 * DIR/localnet.json describes the network (ports, node ids, operator accounts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sdkGenesisCodec } from '../../app/genesis_codec';
import { defaultAppState } from '../../app/app';
import { consensusAddresses } from '../../crypto/address';
import { sha256Truncated } from '../../crypto/hash';
import { coin } from '../../types/coins';
import { packageRoot } from './cometbft_binary';
import { addGenesisAccounts, BASE_DENOM } from './genesis_accounts';
import { readGenesis, writeGenesis } from './genesis_file';
import { homePaths } from './home';
import { DEFAULT_SELF_DELEGATION, initHome, type DevAccount, type Ports } from './init_home';
import { addGenTxs, buildGenTx, parseDuration, posParamsOf, readConsensusPubKey, setPosParams, type PosParams } from './localnet_genesis';
import { setTomlValues } from './toml_edit';

export const MANIFEST = 'localnet.json';
export const PID_FILE = 'localnet.pid';

/** Short periods, so that unbonding, downtime and jail can be watched on a laptop. */
export const LOCALNET_POS_PARAMS: Required<Pick<PosParams, 'unbondingTimeNs' | 'signedBlocksWindow' | 'downtimeJailDurationNs' | 'minSignedPerWindow'>> = {
  unbondingTimeNs: parseDuration('2m'),
  signedBlocksWindow: 100n,
  downtimeJailDurationNs: parseDuration('1m'),
  minSignedPerWindow: '0.5',
};

export interface LocalnetOptions {
  dir: string;
  validators: number;
  chainId: string;
  /** Node i listens on base + 10i (RPC), +1 (P2P), +2 (gRPC), +3 (API); free ports when absent. */
  basePort?: number;
  timeoutCommit: string;
  pos: PosParams;
  /** uhyper each validator self-delegates (equal stake by default). */
  selfDelegation?: bigint;
  devAccounts: number;
  devBalance: bigint;
  minimumGasPrices: string;
}

export interface LocalnetNode {
  name: string;
  home: string;
  nodeId: string;
  ports: Ports;
  /** The validator's operator account; absent for extra (non-validator) nodes. */
  operator?: DevAccount;
  /** hypervalcons address of the node's CometBFT key. */
  consensusAddress: string;
  /** An extra node that runs the key of another node's validator (a double signer). */
  validatorKeyOf?: string;
}

export interface LocalnetManifest {
  chainId: string;
  nodes: LocalnetNode[];
  devAccounts: DevAccount[];
  params: ReturnType<typeof posParamsOf> & { timeoutCommit: string };
}

export function readManifest(dir: string): LocalnetManifest | undefined {
  const file = path.join(dir, MANIFEST);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

function writeManifest(dir: string, m: LocalnetManifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function portsFor(index: number, basePort: number | undefined, taken: Set<number>): Promise<Ports> {
  if (basePort !== undefined) {
    const b = basePort + 10 * index;
    return { rpc: b, p2p: b + 1, grpc: b + 2, api: b + 3 };
  }
  const pick = async () => {
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  return { rpc: await pick(), p2p: await pick(), grpc: await pick(), api: await pick() };
}

function consensusAddressOf(home: string): string {
  return consensusAddresses.encode(sha256Truncated(readConsensusPubKey(homePaths(home).configDir)));
}

/**
 * Points a node at every other node (persistent peers) and at CometBFT settings local networks
 * want: loopback peers allowed, and a 1 s propose timeout so that a stopped validator's turn to
 * propose costs a second, not three.
 */
function wirePeers(home: string, peers: LocalnetNode[]): void {
  const p = homePaths(home);
  const text = setTomlValues(fs.readFileSync(p.cometConfig, 'utf8'), {
    p2p: {
      persistent_peers: peers.map((n) => `${n.nodeId}@127.0.0.1:${n.ports.p2p}`).join(','),
      addr_book_strict: false,
      allow_duplicate_ip: true,
    },
    consensus: { timeout_propose: '1s' },
  });
  fs.writeFileSync(p.cometConfig, text);
}

/** Creates DIR/node0..N-1 and the shared genesis. Refuses a DIR that already holds a localnet. */
export async function createLocalnet(o: LocalnetOptions): Promise<LocalnetManifest> {
  const dir = path.resolve(o.dir);
  if (readManifest(dir)) throw new Error(`${dir} already holds a localnet (${MANIFEST}); stop it and remove the directory to create a new one`);
  if (!Number.isInteger(o.validators) || o.validators < 1) throw new Error('--validators must be at least 1');
  fs.mkdirSync(dir, { recursive: true });
  const taken = new Set<number>();
  const nodes: LocalnetNode[] = [];
  let devAccounts: DevAccount[] = [];
  for (let i = 0; i < o.validators; i++) {
    const home = path.join(dir, `node${i}`);
    const ports = await portsFor(i, o.basePort, taken);
    const res = await initHome({
      home,
      chainId: o.chainId,
      moniker: `node${i}`,
      ports,
      timeoutCommit: o.timeoutCommit,
      devAccounts: i === 0 ? o.devAccounts : 0,
      devBalance: o.devBalance,
      minimumGasPrices: o.minimumGasPrices,
      overwrite: true,
      pos: o.pos,
    });
    if (i === 0) devAccounts = res.devAccounts.filter((a) => a !== res.operator);
    const operator = { ...res.operator, name: `validator${i}` };
    nodes.push({ name: `node${i}`, home, nodeId: res.nodeId, ports, operator, consensusAddress: consensusAddressOf(home) });
  }

  // one genesis: node0's document, every operator funded, one gentx per validator
  const genesis = readGenesis(homePaths(nodes[0].home).genesis);
  const appState = defaultAppState(sdkGenesisCodec);
  const operators = nodes.map((n) => n.operator!);
  addGenesisAccounts(appState, [...devAccounts, ...operators].map((a) => ({ address: a.address, coins: [coin(o.devBalance, BASE_DENOM)] })));
  setPosParams(appState, o.pos);
  const genTxs: Uint8Array[] = [];
  for (const [i, n] of nodes.entries()) {
    genTxs.push(
      await buildGenTx({
        chainId: o.chainId,
        operatorMnemonic: n.operator!.mnemonic,
        accountNumber: BigInt(devAccounts.length + i),
        consensusPubKey: readConsensusPubKey(homePaths(n.home).configDir),
        selfDelegation: o.selfDelegation ?? DEFAULT_SELF_DELEGATION,
        moniker: n.name,
      }),
    );
  }
  addGenTxs(appState, genTxs);
  genesis.validators = [];
  genesis.app_state = appState;

  const accounts = [...devAccounts, ...operators];
  for (const n of nodes) {
    const p = homePaths(n.home);
    writeGenesis(p.genesis, genesis);
    fs.writeFileSync(p.devAccounts, JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
    wirePeers(n.home, nodes.filter((m) => m !== n));
  }
  const manifest: LocalnetManifest = { chainId: o.chainId, nodes, devAccounts: accounts, params: { ...posParamsOf(appState), timeoutCommit: o.timeoutCommit } };
  writeManifest(dir, manifest);
  return manifest;
}

/**
 * Adds a non-validator node that joins the localnet (the shared genesis, peers to every node).
 * With `validatorKeyOf`, it runs that node's validator key with a fresh priv_validator_state.json:
 * a second signer for the same validator, which CometBFT's double-sign protection cannot stop
 * (double_sign_check_height is 0), so it equivocates and the evidence reaches x/slashing.
 */
export async function addLocalnetNode(dirArg: string, o: { validatorKeyOf?: number; basePort?: number } = {}): Promise<LocalnetNode> {
  const dir = path.resolve(dirArg);
  const m = readManifest(dir);
  if (!m) throw new Error(`${dir} holds no localnet`);
  const index = m.nodes.length;
  const home = path.join(dir, `node${index}`);
  const taken = new Set(m.nodes.flatMap((n) => Object.values(n.ports)));
  const ports = await portsFor(index, o.basePort, taken);
  const first = homePaths(m.nodes[0].home);
  const res = await initHome({
    home,
    chainId: m.chainId,
    moniker: `node${index}`,
    ports,
    timeoutCommit: m.params.timeoutCommit,
    devAccounts: 0,
    devBalance: 0n,
    minimumGasPrices: '0.01uhyper',
    overwrite: true,
  });
  const p = homePaths(home);
  fs.copyFileSync(first.genesis, p.genesis);
  fs.copyFileSync(first.devAccounts, p.devAccounts);
  let validatorKeyOf: string | undefined;
  if (o.validatorKeyOf !== undefined) {
    const source = m.nodes[o.validatorKeyOf];
    if (!source) throw new Error(`no node ${o.validatorKeyOf} in ${dir}`);
    fs.copyFileSync(path.join(homePaths(source.home).configDir, 'priv_validator_key.json'), path.join(p.configDir, 'priv_validator_key.json'));
    validatorKeyOf = source.name;
    // the fresh state `cometbft init` wrote (height 0) stays: that is what lets it sign twice
  }
  const node: LocalnetNode = { name: `node${index}`, home, nodeId: res.nodeId, ports, consensusAddress: consensusAddressOf(home), validatorKeyOf };
  wirePeers(home, m.nodes);
  m.nodes.push(node);
  writeManifest(dir, m);
  return node;
}

function pidOf(node: LocalnetNode): number | undefined {
  const file = path.join(node.home, PID_FILE);
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isRunning(node: LocalnetNode): boolean {
  return pidOf(node) !== undefined;
}

/** Starts a node as a detached `hypermesh start` (logs in its home's logs/); returns its pid. */
export function startLocalnetNode(node: LocalnetNode): number {
  const running = pidOf(node);
  if (running !== undefined) return running;
  const logs = homePaths(node.home).logsDir;
  fs.mkdirSync(logs, { recursive: true });
  const out = fs.openSync(path.join(logs, 'hypermesh.log'), 'a');
  const child = spawn(process.execPath, [path.join(packageRoot(), 'bin', 'hypermesh.js'), 'start', '--home', node.home, '--quiet'], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${node.name}`);
  fs.writeFileSync(path.join(node.home, PID_FILE), `${child.pid}\n`);
  child.unref();
  return child.pid;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopLocalnetNode(node: LocalnetNode, graceMs = 15_000): Promise<void> {
  const pid = pidOf(node);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    const end = Date.now() + graceMs;
    while (alive(pid) && Date.now() < end) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  fs.rmSync(path.join(node.home, PID_FILE), { force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function rpcHeight(node: LocalnetNode): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${node.ports.rpc}/status`, { signal: AbortSignal.timeout(2_000) });
  const body = (await res.json()) as { result: { sync_info: { latest_block_height: string } } };
  return Number(body.result.sync_info.latest_block_height);
}

/** Waits until every given node reports at least `height`. */
export async function waitForBlocks(nodes: LocalnetNode[], height: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const heights = await Promise.all(nodes.map((n) => rpcHeight(n).catch(() => 0)));
    if (heights.every((h) => h >= height)) return;
    if (Date.now() > end) {
      throw new Error(`localnet did not reach height ${height} in ${timeoutMs} ms (heights ${heights.join(', ')}); see DIR/nodeI/logs/`);
    }
    await sleep(200);
  }
}

/** Starts the nodes (all, or those named) and returns once each has produced blocks past its current height. */
export async function startLocalnet(dirArg: string, o: { nodes?: number[]; timeoutMs?: number } = {}): Promise<LocalnetManifest> {
  const dir = path.resolve(dirArg);
  const m = readManifest(dir);
  if (!m) throw new Error(`${dir} holds no localnet: run \`hypermesh localnet start --validators N --home ${dirArg}\``);
  const chosen = o.nodes ? o.nodes.map((i) => m.nodes[i] ?? fail(`no node ${i} in ${dir}`)) : m.nodes;
  const before = await Promise.all(chosen.map((n) => rpcHeight(n).catch(() => 0)));
  for (const n of chosen) startLocalnetNode(n);
  await waitForBlocks(chosen, Math.max(2, ...before) + 1, o.timeoutMs ?? 120_000);
  return m;
}

export async function stopLocalnet(dirArg: string, o: { nodes?: number[] } = {}): Promise<number> {
  const dir = path.resolve(dirArg);
  const m = readManifest(dir);
  if (!m) throw new Error(`${dir} holds no localnet`);
  const chosen = o.nodes ? o.nodes.map((i) => m.nodes[i] ?? fail(`no node ${i} in ${dir}`)) : m.nodes;
  const running = chosen.filter(isRunning);
  await Promise.all(running.map((n) => stopLocalnetNode(n)));
  return running.length;
}

function fail(message: string): never {
  throw new Error(message);
}
