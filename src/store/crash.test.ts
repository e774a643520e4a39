/**
 * Crash safety: a child process commits large versions in a loop and is SIGKILLed at random
 * moments, often while a commit is being written. Reopening must show the last committed
 * version (or the one being committed, if its batch landed) intact — right app hash, every key
 * of every block, nothing of the next — and the next commit must work.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RootMultiStore } from './root_multistore';
import { blockKey, CRASH_STORES } from './testing/crash_keys';

jest.setTimeout(120_000);

const PER_BLOCK = 6000;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

interface Msg {
  phase: 'committing' | 'committed';
  version: number;
  hash: string;
}

/** Runs the child until it is killed; returns what it announced. */
function runAndKill(
  dir: string,
  killAfterMs: number,
  onCommitting: boolean,
): Promise<{ announced: Map<number, string>; inFlight: boolean }> {
  return new Promise((resolve, reject) => {
    const announced = new Map<number, string>();
    let last: Msg | undefined;
    const child = fork(path.join(__dirname, 'testing/ts_child.js'), [path.join(__dirname, 'testing/crash_child.ts'), dir, String(PER_BLOCK)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let armed = false;
    const kill = () => setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('message', (m: Msg) => {
      announced.set(m.version, m.hash);
      last = m;
      // Either kill a random time into a commit, or a random time after some progress.
      if (!armed && m.phase === 'committing' && m.version >= 2 && (onCommitting || Math.random() < 0.3)) {
        armed = true;
        kill();
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ announced, inFlight: last?.phase === 'committing' }) : reject(new Error(`child exited ${code}`))));
  });
}

/** `parentVersions`: versions the test itself committed (no block keys in them). */
function verify(ms: RootMultiStore, announced: Map<number, string>, parentVersions: Set<number>) {
  const { version, hash } = ms.lastCommitId();
  expect(announced.get(version)).toBe(hex(hash));
  // Every block's keys are there with their values; none of the next block's.
  let count = 0;
  for (const name of CRASH_STORES) {
    const view = ms.at(name, version);
    for (const _ of view.iterator()) count++;
  }
  const blocks = Array.from({ length: version }, (_, i) => i + 1).filter((v) => !parentVersions.has(v));
  expect(count).toBe(blocks.length * PER_BLOCK);
  for (const v of blocks) {
    for (const i of [0, 1, PER_BLOCK - 1, Math.floor(PER_BLOCK / 2)]) {
      const got = ms.at(CRASH_STORES[i % 2], version).get(blockKey(v, i));
      expect(got && Buffer.from(got).toString()).toBe(`${v}:${i}`);
    }
  }
  expect(ms.at('one', version).get(blockKey(version + 1, 0))).toBeUndefined();
  expect(ms.workingHash()).toEqual(hash); // nothing uncommitted survived
  return version;
}

test('SIGKILL at random moments never corrupts the last commit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-crash-'));
  const announced = new Map<number, string>();
  const parentVersions = new Set<number>();
  let killedInFlight = 0;
  try {
    let lastVersion = 0;
    for (let round = 0; round < 6; round++) {
      const delay = Math.floor(Math.random() * 150);
      const run = await runAndKill(dir, delay, round % 2 === 0);
      for (const [v, h] of run.announced) announced.set(v, h);
      if (run.inFlight) killedInFlight++;
      const ms = await RootMultiStore.open({ path: dir, storeNames: CRASH_STORES });
      try {
        const version = verify(ms, announced, parentVersions);
        expect(version).toBeGreaterThanOrEqual(lastVersion);
        // The next commit works on top of the recovered state.
        ms.working('one').set(Buffer.from('after-crash'), Buffer.from(String(round)));
        parentVersions.add((await ms.commit()).version);
        ms.working('one').delete(Buffer.from('after-crash'));
        const again = await ms.commit();
        parentVersions.add(again.version);
        // Announced hashes of versions after a reopen are recomputed by the next child.
        announced.set(again.version, hex(again.hash));
        lastVersion = again.version;
      } finally {
        await ms.close();
      }
    }
    // Most kills land while a commit is in flight (its outcome is either version, checked above).
    expect(killedInFlight).toBeGreaterThan(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
