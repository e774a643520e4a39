/** Treasury on the in-process app: one-off community pool spends and streamed grants, paid exactly, recorded in the audit trail; a rejected spend leaves the pool untouched. */
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryCommunityPoolRequest, QueryCommunityPoolResponse } from 'cosmjs-types/cosmos/distribution/v1beta1/query';
import { MsgCommunityPoolSpend, MsgFundCommunityPool } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { ProposalStatus, VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { AuditKind, GrantStatus } from '../../src/gen/hypermesh/gov/v1/gov';
import {
  QueryAuditRecordsRequest,
  QueryAuditRecordsResponse,
  QueryGrantRequest,
  QueryGrantResponse,
  QueryGrantsRequest,
  QueryGrantsResponse,
} from '../../src/gen/hypermesh/gov/v1/query';
import { MsgCancelGrant, MsgCreateGrant } from '../../src/gen/hypermesh/gov/v1/tx';
import { Dec } from '../../src/types/dec';
import { query } from '../../test/helpers/test_app';
import { anyOf, GOV_ADDRESS, MIN_DEPOSIT, setupGov, submit, vote, VOTING_S, type GovTest } from './test_setup';

const balance = (g: GovTest, address: string) => BigInt(query(g.t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);
const pool = (g: GovTest) => {
  const c = query(g.t, '/cosmos.distribution.v1beta1.Query/CommunityPool', QueryCommunityPoolRequest, QueryCommunityPoolResponse, {}).pool.find((p) => p.denom === 'uhyper');
  return c ? Dec.fromProto(c.amount) : Dec.ZERO;
};
const grant = (g: GovTest, id: bigint) => query(g.t, '/hypermesh.gov.v1.Query/Grant', QueryGrantRequest, QueryGrantResponse, { grantId: id }).grant!;
const payments = (g: GovTest) =>
  query(g.t, '/hypermesh.gov.v1.Query/AuditRecords', QueryAuditRecordsRequest, QueryAuditRecordsResponse, QueryAuditRecordsRequest.fromPartial({ module: 'distribution' })).records.filter(
    (r) => r.kind === AuditKind.AUDIT_KIND_TREASURY_PAYMENT,
  );
const fund = (from: string, amount: bigint) => ({ typeUrl: MsgFundCommunityPool.typeUrl, value: MsgFundCommunityPool.fromPartial({ depositor: from, amount: [{ denom: 'uhyper', amount: String(amount) }] }) });
const spend = (to: string, amount: bigint) => anyOf(MsgCommunityPoolSpend, { authority: GOV_ADDRESS, recipient: to, amount: [{ denom: 'uhyper', amount: String(amount) }] });
const createGrant = (to: string, perBlock: bigint, end: bigint, start = 0n) =>
  anyOf(MsgCreateGrant, { authority: GOV_ADDRESS, recipient: to, amountPerBlock: [{ denom: 'uhyper', amount: String(perBlock) }], startHeight: start, endHeight: end, description: 'dev fund' });

/** Submits `msgs` as a proposal, has validator 0 vote `option` and ends the voting period; returns the proposal id. */
async function pass(g: GovTest, id: bigint, msgs: ReturnType<typeof spend>[], option = VoteOption.VOTE_OPTION_YES) {
  await g.run(2, [submit(g.addr(2), msgs, MIN_DEPOSIT)]);
  await g.run(0, [vote(g.addr(0), id, option)]);
  await g.wait(VOTING_S);
  return g.proposal(id);
}

describe('treasury', () => {
  let g: GovTest;
  beforeEach(async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 3 });
    await g.run(1, [fund(g.addr(1), 1_000_000n)]);
  });
  afterEach(() => g.t.close());

  test('a spend pays exactly; a rejected spend leaves the pool untouched', async () => {
    const start = pool(g);
    expect(start.toString()).toBe('1000000.000000000000000000');
    const recipient = g.addr(3);
    const before = balance(g, recipient);
    const rejected = await pass(g, 1n, [spend(recipient, 400_000n)], VoteOption.VOTE_OPTION_NO);
    expect(rejected.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(pool(g).eq(start)).toBe(true);
    expect(balance(g, recipient)).toBe(before);
    expect(payments(g)).toHaveLength(0);

    const passed = await pass(g, 2n, [spend(recipient, 400_000n)]);
    expect(passed.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(balance(g, recipient)).toBe(before + 400_000n);
    expect(pool(g).toString()).toBe('600000.000000000000000000');
    const [p] = payments(g);
    expect(p.proposalId).toBe(2n);
    expect(p.payment).toMatchObject({ recipient, grantId: 0n, requested: [{ denom: 'uhyper', amount: '400000' }], paid: [{ denom: 'uhyper', amount: '400000' }] });
  });

  test('a spend larger than the pool fails the proposal and changes nothing', async () => {
    const recipient = g.addr(3);
    const before = balance(g, recipient);
    const p = await pass(g, 1n, [spend(recipient, 5_000_000n)]);
    expect(p.status).toBe(ProposalStatus.PROPOSAL_STATUS_FAILED);
    expect(p.failedReason).toMatch(/community pool does not have sufficient coins/);
    expect(balance(g, recipient)).toBe(before);
    expect(pool(g).toString()).toBe('1000000.000000000000000000');
  });

  test('a grant streams its amount every block to its end height, then completes', async () => {
    const recipient = g.addr(3);
    const before = balance(g, recipient);
    await g.run(2, [submit(g.addr(2), [createGrant(recipient, 1_000n, 1_000_000n)], MIN_DEPOSIT)]);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_YES)]);
    // the grant's end height is set relative to the execution block: cancel-free run of 5 blocks
    await g.wait(VOTING_S);
    const created = grant(g, 1n);
    expect(created.status).toBe(GrantStatus.GRANT_STATUS_ACTIVE);
    expect(created.startHeight).toBe(BigInt(g.t.height) + 1n);
    for (let i = 0; i < 5; i++) await g.wait(1n);
    const after5 = grant(g, 1n);
    expect(after5.paid).toEqual([{ denom: 'uhyper', amount: '5000' }]);
    expect(balance(g, recipient)).toBe(before + 5_000n);
    expect(payments(g)).toHaveLength(5);
    expect(payments(g).every((r) => r.payment!.grantId === 1n && r.payment!.paid[0].amount === '1000' && r.proposalId === 1n)).toBe(true);

    // cancel it by a second proposal
    await pass(g, 2n, [anyOf(MsgCancelGrant, { authority: GOV_ADDRESS, grantId: 1n })]);
    const cancelled = grant(g, 1n);
    expect(cancelled.status).toBe(GrantStatus.GRANT_STATUS_CANCELLED);
    const paidAtCancel = BigInt(cancelled.paid[0].amount);
    await g.wait(1n);
    await g.wait(1n);
    expect(grant(g, 1n).paid[0].amount).toBe(String(paidAtCancel));
    expect(balance(g, recipient)).toBe(before + paidAtCancel);
    expect(pool(g).toString()).toBe(`${1_000_000n - paidAtCancel}.000000000000000000`);
  });

  test('a grant with an end height completes there; when the pool runs short it pays what is there and records the shortfall', async () => {
    const recipient = g.addr(3);
    const before = balance(g, recipient);
    const firstBlock = BigInt(g.t.height) + 4n; // submit, vote, the EndBlock that executes, then the first paid block
    await g.run(2, [submit(g.addr(2), [createGrant(recipient, 300_000n, firstBlock + 4n)], MIN_DEPOSIT)]);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_YES)]);
    await g.wait(VOTING_S);
    for (let i = 0; i < 6; i++) await g.wait(1n);
    const done = grant(g, 1n);
    expect(done.status).toBe(GrantStatus.GRANT_STATUS_COMPLETED);
    expect(done.startHeight).toBe(firstBlock);
    expect(done.closedHeight).toBe(firstBlock + 4n);
    // 5 blocks of 300000 from a pool of 1000000: 300000, 300000, 300000, 100000, 0
    expect(done.paid).toEqual([{ denom: 'uhyper', amount: '1000000' }]);
    expect(done.shortfall).toEqual([{ denom: 'uhyper', amount: '500000' }]);
    expect(balance(g, recipient)).toBe(before + 1_000_000n);
    expect(pool(g).isZero()).toBe(true);
    expect(payments(g).map((r) => r.payment!.paid[0]?.amount ?? '0')).toEqual(['300000', '300000', '300000', '100000', '0']);
    expect(query(g.t, '/hypermesh.gov.v1.Query/Grants', QueryGrantsRequest, QueryGrantsResponse, QueryGrantsRequest.fromPartial({ status: GrantStatus.GRANT_STATUS_ACTIVE })).grants).toHaveLength(0);
  });
});
