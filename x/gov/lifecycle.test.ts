/**
 * Proposal life cycle on the in-process app: deposit period expiry, deposits refunded or burned as
 * the params say, cancellation, expedited proposals converted to regular ones, v1beta1 messages and
 * queries (what cosmjs's gov extension sends and reads), vote delegation messages, genesis export.
 */
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { ProposalStatus, VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import * as q1 from 'cosmjs-types/cosmos/gov/v1/query';
import { MsgCancelProposal } from 'cosmjs-types/cosmos/gov/v1/tx';
import { TextProposal, VoteOption as VoteOptionV1beta1 } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import * as qb from 'cosmjs-types/cosmos/gov/v1beta1/query';
import * as txb from 'cosmjs-types/cosmos/gov/v1beta1/tx';
import { MsgUpdateParams as MsgUpdateSlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { QueryVoteDelegationRequest, QueryVoteDelegationResponse, QueryVoteDelegatorsRequest, QueryVoteDelegatorsResponse } from '../../src/gen/hypermesh/gov/v1/query';
import { query, queryCode } from '../../test/helpers/test_app';
import { DEFAULT_PARAMS as SLASHING_DEFAULTS } from '../slashing/params';
import {
  anyOf,
  delegateVote,
  deposit,
  DEPOSIT_S,
  EXPEDITED_S,
  GOV_ADDRESS,
  MIN_DEPOSIT,
  setupGov,
  submit,
  undelegateVote,
  vote,
  VOTING_S,
  type GovTest,
} from './test_setup';

const balance = (g: GovTest, address: string) => BigInt(query(g.t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);
const window = (w: bigint) => anyOf(MsgUpdateSlashingParams, { authority: GOV_ADDRESS, params: { ...SLASHING_DEFAULTS, signedBlocksWindow: w } });
const text = (title: string) => ({ typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title, description: 'why not' }).finish() });

describe('proposal life cycle', () => {
  let g: GovTest;
  afterEach(() => g.t.close());

  test('a proposal that misses the min deposit is dropped at the end of its deposit period; deposits refunded (or burned with burn_proposal_deposit_prevote)', async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 3 });
    const before = balance(g, g.addr(1));
    await g.run(1, [submit(g.addr(1), [window(200n)], 100n)]);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    await g.run(2, [deposit(g.addr(2), 1n, 50n)]);
    expect(balance(g, GOV_ADDRESS)).toBe(150n);
    // a deposit below min_deposit_ratio (1% of 1000 = 10) is refused
    const tiny = await g.result(2, [deposit(g.addr(2), 1n, 9n)]);
    expect([tiny.codespace, tiny.code]).toEqual(['gov', 16]);
    await g.wait(DEPOSIT_S);
    expect(queryCode(g.t, '/cosmos.gov.v1.Query/Proposal', q1.QueryProposalRequest.encode({ proposalId: 1n }).finish()).code).toBe(22);
    expect(balance(g, g.addr(1))).toBe(before);
    expect(balance(g, GOV_ADDRESS)).toBe(0n);
    const drop = g.t.lastBlock!.events.find((e) => e.type === 'inactive_proposal')!;
    expect(Object.fromEntries(drop.attributes.map((a) => [a.key, a.value]))).toMatchObject({ proposal_id: '1', proposal_result: 'proposal_dropped' });
    await g.t.close();

    g = await setupGov({ validators: [100_000_000n], accounts: 3, govParams: { burnProposalDepositPrevote: true } });
    const b2 = balance(g, g.addr(1));
    await g.run(1, [submit(g.addr(1), [window(200n)], 100n)]);
    await g.wait(DEPOSIT_S);
    expect(balance(g, g.addr(1))).toBe(b2 - 100n);
  });

  test('quorum not reached: refunded, unless burn_vote_quorum', async () => {
    g = await setupGov({ validators: [100_000_000n, 300_000_000n], accounts: 2, govParams: { burnVoteQuorum: true } });
    const before = balance(g, g.addr(2));
    await g.run(2, [submit(g.addr(2), [window(200n)], MIN_DEPOSIT)]);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_YES)]); // 1/4 < 0.334
    await g.wait(VOTING_S);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(balance(g, g.addr(2))).toBe(before - MIN_DEPOSIT);
    expect(balance(g, GOV_ADDRESS)).toBe(0n);
  });

  test('cancel: only the proposer, during deposit or voting; half the deposits burned, the rest refunded', async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 3 });
    const p1 = balance(g, g.addr(1));
    const p2 = balance(g, g.addr(2));
    await g.run(1, [submit(g.addr(1), [window(200n)], 400n)]);
    await g.run(2, [deposit(g.addr(2), 1n, 600n)]);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    const cancel = (who: string) => ({ typeUrl: MsgCancelProposal.typeUrl, value: MsgCancelProposal.fromPartial({ proposalId: 1n, proposer: who }) });
    const notProposer = await g.result(2, [cancel(g.addr(2))]);
    expect([notProposer.codespace, notProposer.code]).toEqual(['gov', 18]);
    await g.run(1, [cancel(g.addr(1))]);
    expect(balance(g, g.addr(1))).toBe(p1 - 200n);
    expect(balance(g, g.addr(2))).toBe(p2 - 300n);
    expect(balance(g, GOV_ADDRESS)).toBe(0n);
    expect(queryCode(g.t, '/cosmos.gov.v1.Query/Proposal', q1.QueryProposalRequest.encode({ proposalId: 1n }).finish()).code).toBe(22);
  });

  test('an expedited proposal that fails its higher threshold becomes regular, keeps votes and deposits, and passes later', async () => {
    g = await setupGov({ validators: [60_000_000n, 40_000_000n], accounts: 1 });
    const small = await g.result(2, [submit(g.addr(2), [window(300n)], MIN_DEPOSIT, { expedited: true })]);
    expect(g.t.height).toBeGreaterThan(0);
    expect(small.code).toBe(0); // deposit period: needs 5000 to start voting
    await g.run(2, [deposit(g.addr(2), 1n, 4000n)]);
    const p = g.proposal(1n);
    expect(p.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(p.votingEndTime!.seconds - p.votingStartTime!.seconds).toBe(EXPEDITED_S);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_YES)]); // 60% < 66.7%
    await g.run(1, [vote(g.addr(1), 1n, VoteOption.VOTE_OPTION_NO)]);
    await g.wait(EXPEDITED_S);
    const converted = g.proposal(1n);
    expect(converted.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(converted.expedited).toBe(false);
    expect(converted.votingEndTime!.seconds - converted.votingStartTime!.seconds).toBe(VOTING_S);
    expect(balance(g, GOV_ADDRESS)).toBe(5n * MIN_DEPOSIT);
    await g.wait(VOTING_S);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED); // 60% > 50%, with the same votes
    expect(balance(g, GOV_ADDRESS)).toBe(0n);
  });

  test('v1beta1: a text proposal, deposit, votes and the queries cosmjs reads', async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 2 });
    await g.run(1, [{ typeUrl: txb.MsgSubmitProposal.typeUrl, value: txb.MsgSubmitProposal.fromPartial({ content: text('signal'), initialDeposit: [{ denom: 'uhyper', amount: '500' }], proposer: g.addr(1) }) }]);
    await g.run(2, [{ typeUrl: txb.MsgDeposit.typeUrl, value: txb.MsgDeposit.fromPartial({ proposalId: 1n, depositor: g.addr(2), amount: [{ denom: 'uhyper', amount: '500' }] }) }]);
    await g.run(0, [{ typeUrl: txb.MsgVote.typeUrl, value: txb.MsgVote.fromPartial({ proposalId: 1n, voter: g.addr(0), option: VoteOptionV1beta1.VOTE_OPTION_YES }) }]);
    await g.run(1, [
      {
        typeUrl: txb.MsgVoteWeighted.typeUrl,
        value: txb.MsgVoteWeighted.fromPartial({
          proposalId: 1n,
          voter: g.addr(1),
          options: [
            { option: VoteOptionV1beta1.VOTE_OPTION_YES, weight: '700000000000000000' },
            { option: VoteOptionV1beta1.VOTE_OPTION_NO, weight: '300000000000000000' },
          ],
        }),
      },
    ]);
    const prop = query(g.t, '/cosmos.gov.v1beta1.Query/Proposal', qb.QueryProposalRequest, qb.QueryProposalResponse, { proposalId: 1n }).proposal;
    expect(prop.content!.typeUrl).toBe(TextProposal.typeUrl);
    expect(TextProposal.decode(prop.content!.value).title).toBe('signal');
    expect(prop.totalDeposit).toEqual([{ denom: 'uhyper', amount: '1000' }]);
    const votes = query(g.t, '/cosmos.gov.v1beta1.Query/Votes', qb.QueryVotesRequest, qb.QueryVotesResponse, { proposalId: 1n }).votes;
    expect(votes.find((v) => v.voter === g.addr(1))!.options).toEqual([
      { option: VoteOptionV1beta1.VOTE_OPTION_YES, weight: '700000000000000000' },
      { option: VoteOptionV1beta1.VOTE_OPTION_NO, weight: '300000000000000000' },
    ]);
    const v1vote = query(g.t, '/cosmos.gov.v1.Query/Vote', q1.QueryVoteRequest, q1.QueryVoteResponse, { proposalId: 1n, voter: g.addr(1) }).vote!;
    expect(v1vote.options.map((o) => o.weight)).toEqual(['0.700000000000000000', '0.300000000000000000']);
    const tallying = query(g.t, '/cosmos.gov.v1beta1.Query/Params', qb.QueryParamsRequest, qb.QueryParamsResponse, { paramsType: 'tallying' });
    expect(new TextDecoder().decode(tallying.tallyParams.quorum)).toBe('334000000000000000');
    expect(query(g.t, '/cosmos.gov.v1beta1.Query/TallyResult', qb.QueryTallyResultRequest, qb.QueryTallyResultResponse, { proposalId: 1n }).tally.yes).toBe('100000000');
    expect(query(g.t, '/cosmos.gov.v1beta1.Query/Deposits', qb.QueryDepositsRequest, qb.QueryDepositsResponse, { proposalId: 1n }).deposits).toHaveLength(2);
    expect(query(g.t, '/cosmos.gov.v1beta1.Query/Proposals', qb.QueryProposalsRequest, qb.QueryProposalsResponse, qb.QueryProposalsRequest.fromPartial({ voter: g.addr(1) })).proposals).toHaveLength(1);
    await g.wait(VOTING_S);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    // a v1beta1 content other than a text proposal has no handler here
    const upgradeContent = { typeUrl: '/cosmos.upgrade.v1beta1.SoftwareUpgradeProposal', value: new Uint8Array() };
    const bad = await g.result(1, [{ typeUrl: txb.MsgSubmitProposal.typeUrl, value: txb.MsgSubmitProposal.fromPartial({ content: upgradeContent, initialDeposit: [], proposer: g.addr(1) }) }]);
    expect([bad.codespace, bad.code]).toEqual(['gov', 6]);
  });

  test('vote delegation messages and queries; delegating to oneself is refused', async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 3 });
    const none = await g.result(1, [undelegateVote(g.addr(1))]);
    expect([none.codespace, none.code]).toEqual(['hypermesh_gov', 3]);
    await g.run(1, [delegateVote(g.addr(1), g.addr(3))]);
    await g.run(2, [delegateVote(g.addr(2), g.addr(3))]);
    await g.run(1, [delegateVote(g.addr(1), g.addr(2))]); // replaces
    const d1 = query(g.t, '/hypermesh.gov.v1.Query/VoteDelegation', QueryVoteDelegationRequest, QueryVoteDelegationResponse, { delegator: g.addr(1) }).delegation!;
    expect(d1.delegate).toBe(g.addr(2));
    const ev = g.t.lastBlock!.txResults[0].events.find((e) => e.type === 'hypermesh.gov.v1.EventVoteDelegated')!;
    expect(Object.fromEntries(ev.attributes.map((a) => [a.key, a.value]))).toMatchObject({ delegate: JSON.stringify(g.addr(2)), previous: JSON.stringify(g.addr(3)) });
    const to3 = query(g.t, '/hypermesh.gov.v1.Query/VoteDelegators', QueryVoteDelegatorsRequest, QueryVoteDelegatorsResponse, QueryVoteDelegatorsRequest.fromPartial({ delegate: g.addr(3) })).delegations;
    expect(to3.map((d) => d.delegator)).toEqual([g.addr(2)]);
    await g.run(1, [undelegateVote(g.addr(1))]);
    expect(queryCode(g.t, '/hypermesh.gov.v1.Query/VoteDelegation', QueryVoteDelegationRequest.encode({ delegator: g.addr(1) }).finish()).code).toBe(22);
    // last: a tx failing its stateless checks does not use its sequence
    const self = await g.result(1, [delegateVote(g.addr(1), g.addr(1))]);
    expect([self.codespace, self.code]).toEqual(['hypermesh_gov', 2]);
  });

  test('genesis export of the gov sections', async () => {
    g = await setupGov({ validators: [100_000_000n], accounts: 2 });
    await g.run(1, [submit(g.addr(1), [window(200n)], MIN_DEPOSIT)]);
    await g.run(2, [delegateVote(g.addr(2), g.addr(1))]);
    const exported = g.t.app.exportGenesis();
    const gov = exported.gov as any;
    expect(gov.proposals).toHaveLength(1);
    expect(gov.deposits).toHaveLength(1);
    const hyper = exported.hypermesh_gov as any;
    expect(hyper.vote_delegations ?? hyper.voteDelegations).toHaveLength(1);
  });
});
