/**
 * ICS-23 proofs verify with the standard specs, as a relayer checks them: the `ics23:iavl` op
 * against the store root with iavlSpec, the `ics23:simple` op against the app hash with
 * tendermintSpec, chained (the store root computed from the first op is the value of the second).
 */
import { calculateExistenceRoot, iavlSpec, ics23, tendermintSpec, verifyMembership, verifyNonMembership } from '@confio/ics23';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RootMultiStore } from './root_multistore';

const enc = (s: string) => Buffer.from(s, 'utf8');
let dir: string;
let ms: RootMultiStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-proof-'));
  ms = await RootMultiStore.open({ path: dir, storeNames: ['bank', 'acc', 'staking', 'empty', 'ibc'] });
});
afterEach(async () => {
  await ms.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fill() {
  const bank = ms.working('bank');
  for (let i = 0; i < 50; i++) bank.set(enc(`key${String(i * 2).padStart(3, '0')}`), enc(`value${i}`));
  ms.working('acc').set(enc('alice'), enc('1'));
  ms.working('staking').set(enc('v'), enc('x'));
  await ms.commit(); // version 1
  bank.set(enc('key010'), enc('updated'));
  bank.delete(enc('key020'));
  return ms.commit(); // version 2
}

function decodeOps(name: string, key: Uint8Array, version: number) {
  const { value, proofOps } = ms.getProven(name, key, version, true);
  expect(proofOps!.ops.map((o) => o.type)).toEqual(['ics23:iavl', 'ics23:simple']);
  expect(Buffer.from(proofOps!.ops[0].key)).toEqual(Buffer.from(key));
  expect(Buffer.from(proofOps!.ops[1].key).toString()).toBe(name);
  const iavl = ics23.CommitmentProof.decode(proofOps!.ops[0].data);
  const simple = ics23.CommitmentProof.decode(proofOps!.ops[1].data);
  return { value, iavl, simple };
}

/** Verifies the store op, then the multistore op with the store root the first op implies. */
function verifyChain(name: string, key: Uint8Array, version: number, appHash: Uint8Array) {
  const { value, iavl, simple } = decodeOps(name, key, version);
  const storeRoot = ms.at(name, version) as unknown as { hash(): Uint8Array };
  const root = storeRoot.hash();
  if (value !== undefined) {
    expect(verifyMembership(iavl, iavlSpec, root, key, value)).toBe(true);
    expect(Buffer.from(calculateExistenceRoot(iavl.exist!))).toEqual(Buffer.from(root));
  } else {
    expect(verifyNonMembership(iavl, iavlSpec, root, key)).toBe(true);
  }
  expect(verifyMembership(simple, tendermintSpec, appHash, enc(name), root)).toBe(true);
  expect(Buffer.from(calculateExistenceRoot(simple.exist!))).toEqual(Buffer.from(appHash));
  return { value, iavl };
}

test('membership proofs chain to the app hash', async () => {
  const { version, hash } = await fill();
  for (const k of ['key000', 'key010', 'key050', 'key098']) {
    const { value } = verifyChain('bank', enc(k), version, hash);
    expect(value).toBeDefined();
  }
  expect(Buffer.from(ms.getProven('bank', enc('key010'), version, false).value!).toString()).toBe('updated');
  verifyChain('acc', enc('alice'), version, hash);
  verifyChain('staking', enc('v'), version, hash);
});

test('non-membership: before the first key, after the last, between keys, a deleted key', async () => {
  const { version, hash } = await fill();
  const cases: Array<[string, boolean, boolean]> = [
    ['a', false, true], // before the first key: right neighbour only
    ['zzz', true, false], // after the last key: left neighbour only
    ['key011', true, true], // between keys
    ['key020', true, true], // deleted in version 2
  ];
  for (const [k, left, right] of cases) {
    const { value, iavl } = verifyChain('bank', enc(k), version, hash);
    expect(value).toBeUndefined();
    expect(!!iavl.nonexist!.left).toBe(left);
    expect(!!iavl.nonexist!.right).toBe(right);
  }
  // A single-key store: both sides of its only key.
  verifyChain('acc', enc('aaa'), version, hash);
  verifyChain('acc', enc('bob'), version, hash);
});

test('a proof at an older version verifies against that version’s app hash', async () => {
  await ms.commit();
  const v2 = await fill(); // versions 2 and 3
  const { value } = verifyChain('bank', enc('key020'), v2.version - 1, (await infoHash(v2.version - 1))!);
  expect(Buffer.from(value!).toString()).toBe('value10');
  expect(ms.getProven('bank', enc('key020'), v2.version, false).value).toBeUndefined();
});

async function infoHash(version: number) {
  const { commitInfoHash } = await import('./commit_info');
  return commitInfoHash(ms.commitInfo(version).stores);
}

test('empty store: the store root (sha256 of nothing) is proven in the app hash; non-membership cannot be proven', async () => {
  const { version, hash } = await fill();
  const { value, iavl, simple } = decodeOps('empty', enc('anything'), version);
  expect(value).toBeUndefined();
  const emptyRoot = Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex');
  // Like cosmos/iavl GetNonMembershipProof on an empty tree: a bare key, no neighbours.
  expect(iavl.nonexist!.left).toBeFalsy();
  expect(iavl.nonexist!.right).toBeFalsy();
  expect(verifyNonMembership(iavl, iavlSpec, emptyRoot, enc('anything'))).toBe(false);
  expect(verifyMembership(simple, tendermintSpec, hash, enc('empty'), emptyRoot)).toBe(true);
});

test('the working hash reported before commit equals the committed app hash', async () => {
  ms.working('bank').set(enc('k'), enc('v'));
  const working = Buffer.from(ms.workingHash());
  const { hash } = await ms.commit();
  expect(Buffer.from(hash)).toEqual(working);
  expect(Buffer.from(ms.lastCommitId().hash)).toEqual(working);
});
