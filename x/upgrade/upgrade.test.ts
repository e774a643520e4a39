/**
 * x/upgrade on the in-process app: a plan scheduled by a gov proposal halts the chain at its height
 * (FinalizeBlock throws "UPGRADE ... NEEDED", nothing of that block is committed); the same store
 * reopened by an app that knows the handler replays the block, applies the upgrade and goes on. A
 * binary with the handler before the height, or without the handler after it, refuses to run.
 */
import { RequestFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import {
  QueryAppliedPlanRequest,
  QueryAppliedPlanResponse,
  QueryCurrentPlanRequest,
  QueryCurrentPlanResponse,
  QueryModuleVersionsRequest,
  QueryModuleVersionsResponse,
} from 'cosmjs-types/cosmos/upgrade/v1beta1/query';
import { MsgCancelUpgrade, MsgSoftwareUpgrade } from 'cosmjs-types/cosmos/upgrade/v1beta1/tx';
import { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import { VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import fs from 'node:fs';
import { createHyperMeshApp, STORE_NAMES, TEST_UPGRADE_HANDLER_ENV } from '../../src/app/app';
import { RootMultiStore } from '../../src/store/root_multistore';
import { parseDecCoins } from '../../src/types/dec_coins';
import { CHAIN_ID, objectGenesisCodec, query } from '../../test/helpers/test_app';
import { anyOf, GOV_ADDRESS, MIN_DEPOSIT, setupGov, submit, vote, VOTING_S, type GovTest } from '../gov/test_setup';

type App = ReturnType<typeof createHyperMeshApp>['app'];
const q = <Req, Res>(app: App, path: string, req: { encode(m: Req): { finish(): Uint8Array } }, res: { decode(b: Uint8Array): Res }, value: Req): Res => {
  const r = app.query({ path, data: req.encode(value).finish(), height: 0n, prove: false });
  if (r.code !== 0) throw new Error(`${path}: ${r.codespace}/${r.code}: ${r.log}`);
  return res.decode(r.value);
};

async function reopen(dir: string) {
  const cms = await RootMultiStore.open({ path: dir, storeNames: STORE_NAMES });
  const { app } = createHyperMeshApp({ chainId: CHAIN_ID, version: 'test', cms, minGasPrices: parseDecCoins('0uhyper'), genesisCodec: objectGenesisCodec });
  return { app, cms };
}

const finalize = (app: App, height: number, seconds: bigint) => app.finalizeBlock(RequestFinalizeBlock.fromPartial({ height: BigInt(height), time: { seconds, nanos: 0 } }));

async function schedule(g: GovTest, id: bigint, msg: ReturnType<typeof anyOf>) {
  await g.run(1, [submit(g.addr(1), [msg], MIN_DEPOSIT)]);
  await g.run(0, [vote(g.addr(0), id, VoteOption.VOTE_OPTION_YES)]);
  await g.wait(VOTING_S);
}

describe('x/upgrade', () => {
  let g: GovTest;
  beforeEach(async () => {
    delete process.env[TEST_UPGRADE_HANDLER_ENV];
    g = await setupGov({ validators: [100_000_000n], accounts: 2 });
  });
  afterEach(async () => {
    delete process.env[TEST_UPGRADE_HANDLER_ENV];
    await g.t.cms.close().catch(() => undefined);
    fs.rmSync(g.t.dir, { recursive: true, force: true });
  });

  test('halts at the plan height; restarted with the handler it applies the upgrade and continues', async () => {
    const height = BigInt(g.t.height) + 10n;
    await schedule(g, 1n, anyOf(MsgSoftwareUpgrade, { authority: GOV_ADDRESS, plan: Plan.fromPartial({ name: 'v2', height, info: 'binaries at https://example.org/v2' }) }));
    expect(q(g.t.app, '/cosmos.upgrade.v1beta1.Query/CurrentPlan', QueryCurrentPlanRequest, QueryCurrentPlanResponse, {}).plan).toMatchObject({ name: 'v2', height });
    while (BigInt(g.t.height) < height - 1n) await g.wait(1n);
    const committed = g.t.height;
    await expect(g.wait(1n)).rejects.toThrow(`UPGRADE "v2" NEEDED at height: ${height}: binaries at https://example.org/v2`);
    const time = g.t.time;
    await g.t.cms.close();

    // the old binary again: halts at the same block
    let node = await reopen(g.t.dir);
    expect(node.cms.lastCommitId().version).toBe(committed);
    expect(() => finalize(node.app, Number(height), time)).toThrow('UPGRADE "v2" NEEDED');
    await node.cms.close();

    // the new binary: replays the block with the handler and goes on
    process.env[TEST_UPGRADE_HANDLER_ENV] = 'v2';
    node = await reopen(g.t.dir);
    finalize(node.app, Number(height), time);
    await node.app.commit();
    finalize(node.app, Number(height) + 1, time + 1n);
    await node.app.commit();
    expect(q(node.app, '/cosmos.upgrade.v1beta1.Query/AppliedPlan', QueryAppliedPlanRequest, QueryAppliedPlanResponse, { name: 'v2' }).height).toBe(height);
    expect(q(node.app, '/cosmos.upgrade.v1beta1.Query/CurrentPlan', QueryCurrentPlanRequest, QueryCurrentPlanResponse, {}).plan).toBeUndefined();
    const versions = q(node.app, '/cosmos.upgrade.v1beta1.Query/ModuleVersions', QueryModuleVersionsRequest, QueryModuleVersionsResponse, { moduleName: '' });
    expect(versions.moduleVersions.map((v) => v.name)).toContain('gov');
    await node.cms.close();

    // a binary without the handler of the applied upgrade refuses to run
    delete process.env[TEST_UPGRADE_HANDLER_ENV];
    node = await reopen(g.t.dir);
    expect(() => finalize(node.app, Number(height) + 2, time + 2n)).toThrow('upgrade handler is missing for v2');
    await node.cms.close();
  });

  test('a binary that knows the upgrade before its height refuses to run', async () => {
    const height = BigInt(g.t.height) + 50n;
    await schedule(g, 1n, anyOf(MsgSoftwareUpgrade, { authority: GOV_ADDRESS, plan: Plan.fromPartial({ name: 'v3', height, info: '' }) }));
    const time = g.t.time;
    await g.t.cms.close();
    process.env[TEST_UPGRADE_HANDLER_ENV] = 'v3';
    const node = await reopen(g.t.dir);
    expect(() => finalize(node.app, g.t.height + 1, time + 1n)).toThrow('BINARY UPDATED BEFORE TRIGGER! UPGRADE "v3"');
    await node.cms.close();
    delete process.env[TEST_UPGRADE_HANDLER_ENV];
  });

  test('MsgCancelUpgrade by proposal clears the plan; a plan in the past is refused', async () => {
    const height = BigInt(g.t.height) + 50n;
    await schedule(g, 1n, anyOf(MsgSoftwareUpgrade, { authority: GOV_ADDRESS, plan: Plan.fromPartial({ name: 'v4', height, info: '' }) }));
    await schedule(g, 2n, anyOf(MsgCancelUpgrade, { authority: GOV_ADDRESS }));
    expect(query(g.t, '/cosmos.upgrade.v1beta1.Query/CurrentPlan', QueryCurrentPlanRequest, QueryCurrentPlanResponse, {}).plan).toBeUndefined();
    const bad = await g.result(1, [submit(g.addr(1), [anyOf(MsgSoftwareUpgrade, { authority: GOV_ADDRESS, plan: Plan.fromPartial({ name: '', height: 10n, info: '' }) })], MIN_DEPOSIT)]);
    expect([bad.codespace, bad.code]).toEqual(['sdk', 18]);
    await schedule(g, 3n, anyOf(MsgSoftwareUpgrade, { authority: GOV_ADDRESS, plan: Plan.fromPartial({ name: 'v5', height: 2n, info: '' }) }));
    expect(g.proposal(3n).failedReason).toMatch(/upgrade cannot be scheduled in the past/);
  });
});
