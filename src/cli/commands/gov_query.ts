/**
 * `hypermesh query gov ...` (proposals, votes, deposits, tally, params, vote delegations, grants),
 * `hypermesh query audit ...` (the governance audit trail by module and height range) and
 * `hypermesh query upgrade ...` (plans). Output is the SDK JSON of the responses (-o json), or that
 * JSON as YAML.
 */
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import * as q1 from 'cosmjs-types/cosmos/gov/v1/query';
import * as qu from 'cosmjs-types/cosmos/upgrade/v1beta1/query';
import { GrantStatus } from '../../gen/hypermesh/gov/v1/gov';
import * as qh from '../../gen/hypermesh/gov/v1/query';
import type { QueryModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withQueryFlags } from '../client/flags';
import { addressArg, queryNode } from '../client/query_inputs';
import { printProto } from '../output/print';
import { intOption, uint64Option } from '../options';

function clients(o: Record<string, unknown>) {
  const { flags, node } = queryNode(o);
  const rpc = node.abci(flags.height);
  return { flags, gov: new q1.QueryClientImpl(rpc), hyper: new qh.QueryClientImpl(rpc), upgrade: new qu.QueryClientImpl(rpc) };
}

function page(o: Record<string, any>): PageRequest | undefined {
  if (o.limit === undefined && o.pageKey === undefined && !o.reverse && !o.countTotal) return undefined;
  return {
    key: o.pageKey ? new Uint8Array(Buffer.from(o.pageKey, 'base64')) : new Uint8Array(),
    offset: 0n,
    limit: BigInt(o.limit ?? 0),
    countTotal: o.countTotal === true,
    reverse: o.reverse === true,
  };
}

const withPages = (cmd: ReturnType<typeof withQueryFlags>) =>
  cmd
    .option('--limit <n>', 'page size (default 100, at most 1000)', intOption)
    .option('--page-key <base64>', 'next_key of the previous page')
    .option('--count-total', 'also count all matches', false)
    .option('--reverse', 'newest / highest first', false);

const idArg = (s: string, what = 'proposal id') => {
  if (!/^[0-9]+$/.test(s) || BigInt(s) === 0n) throw new CliError(`invalid ${what} ${JSON.stringify(s)}: a positive integer`);
  return uint64Option(s);
};

const PROPOSAL_STATUS: Record<string, ProposalStatus> = {
  deposit_period: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
  voting_period: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
  passed: ProposalStatus.PROPOSAL_STATUS_PASSED,
  rejected: ProposalStatus.PROPOSAL_STATUS_REJECTED,
  failed: ProposalStatus.PROPOSAL_STATUS_FAILED,
};

const GRANT_STATUS: Record<string, GrantStatus> = {
  active: GrantStatus.GRANT_STATUS_ACTIVE,
  completed: GrantStatus.GRANT_STATUS_COMPLETED,
  cancelled: GrantStatus.GRANT_STATUS_CANCELLED,
};

function choice<T>(table: Record<string, T>, s: string | undefined, what: string): T | undefined {
  if (s === undefined) return undefined;
  const v = table[s.toLowerCase()];
  if (v === undefined) throw new CliError(`invalid ${what} ${JSON.stringify(s)}: one of ${Object.keys(table).join(', ')}`);
  return v;
}

export const govQueryModule: QueryModule = {
  name: 'gov',
  register(query, ctx) {
    const out = ctx.io.stdout;
    const gov = query.command('gov').description('governance: proposals, votes, deposits, tally, params, vote delegations, grants');

    withQueryFlags(gov.command('proposal <id>'))
      .description('one proposal')
      .action(
        act(async (id: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryProposalResponse, await q.Proposal({ proposalId: idArg(id) }));
        }),
      );

    withPages(withQueryFlags(gov.command('proposals')))
      .description('proposals, optionally by status, voter or depositor')
      .option('--status <s>', `one of ${Object.keys(PROPOSAL_STATUS).join(', ')}`)
      .option('--voter <address>', 'only proposals this account voted on (while votes are kept: until the tally)')
      .option('--depositor <address>', 'only proposals this account deposited on')
      .action(
        act(async (o) => {
          const { flags, gov: q } = clients(o);
          const req = q1.QueryProposalsRequest.fromPartial({
            proposalStatus: choice(PROPOSAL_STATUS, o.status, 'status') ?? 0,
            voter: o.voter ? addressArg(o.voter, 'voter') : '',
            depositor: o.depositor ? addressArg(o.depositor, 'depositor') : '',
            pagination: page(o),
          });
          printProto(out, flags.output, q1.QueryProposalsResponse, await q.Proposals(req));
        }),
      );

    withQueryFlags(gov.command('vote <id> <voter>'))
      .description("a voter's vote on a proposal (votes are deleted when the proposal is tallied)")
      .action(
        act(async (id: string, voter: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryVoteResponse, await q.Vote({ proposalId: idArg(id), voter: addressArg(voter, 'voter') }));
        }),
      );

    withPages(withQueryFlags(gov.command('votes <id>')))
      .description('the votes on a proposal in its voting period')
      .action(
        act(async (id: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryVotesResponse, await q.Votes({ proposalId: idArg(id), pagination: page(o) }));
        }),
      );

    withQueryFlags(gov.command('deposit <id> <depositor>'))
      .description("a depositor's deposit on a proposal")
      .action(
        act(async (id: string, depositor: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryDepositResponse, await q.Deposit({ proposalId: idArg(id), depositor: addressArg(depositor, 'depositor') }));
        }),
      );

    withPages(withQueryFlags(gov.command('deposits <id>')))
      .description('the deposits on a proposal')
      .action(
        act(async (id: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryDepositsResponse, await q.Deposits({ proposalId: idArg(id), pagination: page(o) }));
        }),
      );

    withQueryFlags(gov.command('tally <id>'))
      .description('the live tally of a proposal in its voting period, or its final tally')
      .action(
        act(async (id: string, o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryTallyResultResponse, await q.TallyResult({ proposalId: idArg(id) }));
        }),
      );

    withQueryFlags(gov.command('params'))
      .description('the governance params')
      .action(
        act(async (o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryParamsResponse, await q.Params({ paramsType: '' }));
        }),
      );

    withQueryFlags(gov.command('constitution'))
      .description("the chain's constitution")
      .action(
        act(async (o) => {
          const { flags, gov: q } = clients(o);
          printProto(out, flags.output, q1.QueryConstitutionResponse, await q.Constitution({}));
        }),
      );

    withQueryFlags(gov.command('vote-delegation <delegator>'))
      .description("an account's vote delegate")
      .action(
        act(async (delegator: string, o) => {
          const { flags, hyper } = clients(o);
          printProto(out, flags.output, qh.QueryVoteDelegationResponse, await hyper.VoteDelegation({ delegator: addressArg(delegator, 'delegator') }));
        }),
      );

    withPages(withQueryFlags(gov.command('vote-delegators <delegate>')))
      .description('the accounts that delegated their vote to DELEGATE')
      .action(
        act(async (delegate: string, o) => {
          const { flags, hyper } = clients(o);
          printProto(out, flags.output, qh.QueryVoteDelegatorsResponse, await hyper.VoteDelegators({ delegate: addressArg(delegate, 'delegate'), pagination: page(o) }));
        }),
      );

    withQueryFlags(gov.command('grant <id>'))
      .description('one treasury grant')
      .action(
        act(async (id: string, o) => {
          const { flags, hyper } = clients(o);
          printProto(out, flags.output, qh.QueryGrantResponse, await hyper.Grant({ grantId: idArg(id, 'grant id') }));
        }),
      );

    withPages(withQueryFlags(gov.command('grants')))
      .description('treasury grants, optionally by status')
      .option('--status <s>', `one of ${Object.keys(GRANT_STATUS).join(', ')}`)
      .action(
        act(async (o) => {
          const { flags, hyper } = clients(o);
          const req = qh.QueryGrantsRequest.fromPartial({ status: choice(GRANT_STATUS, o.status, 'status') ?? 0, pagination: page(o) });
          printProto(out, flags.output, qh.QueryGrantsResponse, await hyper.Grants(req));
        }),
      );

    const audit = query.command('audit').description('the governance audit trail: proposal outcomes, param changes, treasury payments');

    withPages(withQueryFlags(audit.command('records')))
      .description('audit records, oldest first, by module and height range: records --module slashing --from-height 100')
      .option('--module <name>', 'only this module (gov, slashing, hypermesh_slashing, distribution, ...)')
      .option('--from-height <n>', 'first height included', uint64Option)
      .option('--to-height <n>', 'last height included', uint64Option)
      .action(
        act(async (o) => {
          const { flags, hyper } = clients(o);
          const req = qh.QueryAuditRecordsRequest.fromPartial({ module: o.module ?? '', fromHeight: o.fromHeight ?? 0n, toHeight: o.toHeight ?? 0n, pagination: page(o) });
          printProto(out, flags.output, qh.QueryAuditRecordsResponse, await hyper.AuditRecords(req));
        }),
      );

    withQueryFlags(audit.command('record <id>'))
      .description('one audit record')
      .action(
        act(async (id: string, o) => {
          const { flags, hyper } = clients(o);
          printProto(out, flags.output, qh.QueryAuditRecordResponse, await hyper.AuditRecord({ id: idArg(id, 'audit record id') }));
        }),
      );

    const upgrade = query.command('upgrade').description('software upgrades');

    withQueryFlags(upgrade.command('plan'))
      .description('the scheduled upgrade plan, if any')
      .action(
        act(async (o) => {
          const { flags, upgrade: q } = clients(o);
          printProto(out, flags.output, qu.QueryCurrentPlanResponse, await q.CurrentPlan({}));
        }),
      );

    withQueryFlags(upgrade.command('applied <name>'))
      .description('the height at which an upgrade was applied (0: never)')
      .action(
        act(async (name: string, o) => {
          const { flags, upgrade: q } = clients(o);
          printProto(out, flags.output, qu.QueryAppliedPlanResponse, await q.AppliedPlan({ name }));
        }),
      );

    withQueryFlags(upgrade.command('module-versions'))
      .description('consensus version of every module')
      .action(
        act(async (o) => {
          const { flags, upgrade: q } = clients(o);
          printProto(out, flags.output, qu.QueryModuleVersionsResponse, await q.ModuleVersions({ moduleName: '' }));
        }),
      );
  },
};
