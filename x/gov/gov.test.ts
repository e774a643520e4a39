/** x/gov on the in-process app: proposal life cycle, param changes with their audit records, deposits, cancellation, expedited proposals, bad input. */
import { QueryParamsRequest as SlashingParamsRequest, QueryParamsResponse as SlashingParamsResponse } from 'cosmjs-types/cosmos/slashing/v1beta1/query';
import { MsgUpdateParams as MsgUpdateSlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryAuditRecordsRequest, QueryAuditRecordsResponse } from '../../src/gen/hypermesh/gov/v1/query';
import { AuditKind } from '../../src/gen/hypermesh/gov/v1/gov';
import { query, queryCode } from '../../test/helpers/test_app';
import { DEFAULT_PARAMS as SLASHING_DEFAULTS } from '../slashing/params';
import { anyOf, deposit, GOV_ADDRESS, MIN_DEPOSIT, setupGov, submit, vote, VoteOption, VOTING_S, type GovTest } from './test_setup';

const slashingParams = (g: GovTest) => query(g.t, '/cosmos.slashing.v1beta1.Query/Params', SlashingParamsRequest, SlashingParamsResponse, {}).params!;
const balance = (g: GovTest, address: string) => BigInt(query(g.t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);
const audit = (g: GovTest, module = '', from = 0n, to = 0n) =>
  query(g.t, '/hypermesh.gov.v1.Query/AuditRecords', QueryAuditRecordsRequest, QueryAuditRecordsResponse, QueryAuditRecordsRequest.fromPartial({ module, fromHeight: from, toHeight: to })).records;

const setWindow = (window: bigint) =>
  anyOf(MsgUpdateSlashingParams, { authority: GOV_ADDRESS, params: { ...SLASHING_DEFAULTS, signedBlocksWindow: window } });

describe('x/gov', () => {
  let g: GovTest;
  beforeEach(async () => {
    g = await setupGov({ validators: [100_000_000n, 50_000_000n], accounts: 2 });
  });
  afterEach(() => g.t.close());

  test('a param change passes at the end of voting; the audit trail has the old and new value', async () => {
    expect(slashingParams(g).signedBlocksWindow).toBe(100n);
    await g.run(2, [submit(g.addr(2), [setWindow(250n)], MIN_DEPOSIT)]);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_YES)]);
    await g.wait(1n);
    expect(slashingParams(g).signedBlocksWindow).toBe(100n); // not before the end
    await g.wait(VOTING_S);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(g.proposal(1n).finalTallyResult).toEqual({ yesCount: '100000000', abstainCount: '0', noCount: '0', noWithVetoCount: '0' });
    expect(slashingParams(g).signedBlocksWindow).toBe(250n);
    const records = audit(g, 'slashing');
    expect(records).toHaveLength(1);
    expect(records[0].kind).toBe(AuditKind.AUDIT_KIND_PARAM_CHANGE);
    expect(records[0].proposalId).toBe(1n);
    expect(JSON.parse(records[0].paramChange!.oldValue).signed_blocks_window).toBe('100');
    expect(JSON.parse(records[0].paramChange!.newValue).signed_blocks_window).toBe('250');
    expect(audit(g, 'gov')[0].proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    // deposit refunded
    expect(balance(g, GOV_ADDRESS)).toBe(0n);
  });

  test('bad input: invalid param, foreign signer, closed proposal, wrong deposit denom', async () => {
    const bad = await g.result(2, [submit(g.addr(2), [setWindow(0n)], MIN_DEPOSIT)]);
    expect([bad.codespace, bad.code]).toEqual(['sdk', 18]);
    expect(bad.log).toMatch(/signed blocks window must be positive/);
    const send = anyOf(MsgSend, { fromAddress: g.addr(3), toAddress: g.addr(2), amount: [{ denom: 'uhyper', amount: '5' }] });
    const foreign = await g.result(2, [submit(g.addr(2), [send], MIN_DEPOSIT)]);
    expect([foreign.codespace, foreign.code]).toEqual(['gov', 13]);
    expect(queryCode(g.t, '/cosmos.gov.v1.Query/Proposal', new Uint8Array([8, 1])).code).not.toBe(0);
    expect(balance(g, GOV_ADDRESS)).toBe(0n);

    await g.run(2, [submit(g.addr(2), [setWindow(300n)], MIN_DEPOSIT)]);
    const denom = await g.result(3, [deposit(g.addr(3), 1n, 10n, 'ufoo')]);
    expect([denom.codespace, denom.code]).toEqual(['gov', 23]);
    await g.run(0, [vote(g.addr(0), 1n, VoteOption.VOTE_OPTION_NO)]);
    await g.wait(VOTING_S);
    expect(g.proposal(1n).status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    const late = await g.result(1, [vote(g.addr(1), 1n, VoteOption.VOTE_OPTION_YES)]);
    expect([late.codespace, late.code]).toEqual(['gov', 3]);
    expect(slashingParams(g).signedBlocksWindow).toBe(100n);
  });
});
