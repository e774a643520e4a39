/**
 * cosmos.gov.v1.Query (the SDK's keeper/grpc_query.go), cosmos.gov.v1beta1.Query (what cosmjs's
 * gov extension calls; the SDK's legacyQueryServer) and hypermesh.gov.v1.Query.
 */
import { ProposalStatus, type Params, type Proposal, type TallyResult } from 'cosmjs-types/cosmos/gov/v1/gov';
import * as q1 from 'cosmjs-types/cosmos/gov/v1/query';
import * as qb from 'cosmjs-types/cosmos/gov/v1beta1/query';
import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { MsgExecLegacyContent } from 'cosmjs-types/cosmos/gov/v1/tx';
import * as qh from '../../src/gen/hypermesh/gov/v1/query';
import { GrantStatus, type AuditRecord } from '../../src/gen/hypermesh/gov/v1/gov';
import type { QueryRoute } from '../../src/app/module';
import { concatBytes, prefixEnd } from '../../src/store/bytes';
import { CMap, keys, type KeyCodec } from '../../src/store/collections';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { GovKeeper } from './keeper';
import { lpBytes } from './keys';
import { legacyDeposit, legacyProposal, legacyTally, legacyVote } from './legacy';
import { proposalPrefix } from './proposal';
import { EMPTY_TALLY } from './tally';
import { computeProposalTally } from './tally_store';

const Q1 = '/cosmos.gov.v1.Query/';
const QB = '/cosmos.gov.v1beta1.Query/';
const QH = '/hypermesh.gov.v1.Query/';
const utf8 = new TextEncoder();

function requireId(id: bigint): void {
  if (id === 0n) throw invalidArgument('proposal id can not be 0');
}

function addressArg(k: GovKeeper, s: string, what: string): Uint8Array {
  if (s === '') throw invalidArgument(`empty ${what} address`);
  return k.addrs.decode(s);
}

function tallyOf(k: GovKeeper, ctx: Context, p: Proposal): TallyResult {
  switch (p.status) {
    case ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD:
      return { ...EMPTY_TALLY };
    case ProposalStatus.PROPOSAL_STATUS_PASSED:
    case ProposalStatus.PROPOSAL_STATUS_REJECTED:
    case ProposalStatus.PROPOSAL_STATUS_FAILED:
      return p.finalTallyResult ?? { ...EMPTY_TALLY };
    default:
      return computeProposalTally(k, ctx, p).tally;
  }
}

function paramsResponse(params: Params, paramsType: string): q1.QueryParamsResponse {
  const res: q1.QueryParamsResponse = { params };
  switch (paramsType) {
    case 'deposit':
      res.depositParams = { minDeposit: params.minDeposit, maxDepositPeriod: params.maxDepositPeriod };
      break;
    case 'voting':
      res.votingParams = { votingPeriod: params.votingPeriod };
      break;
    case 'tallying':
      res.tallyParams = { quorum: params.quorum, threshold: params.threshold, vetoThreshold: params.vetoThreshold };
      break;
    case '':
      break;
    default:
      throw invalidArgument(`unknown params type: ${paramsType}`);
  }
  return res;
}

function proposalsPage(k: GovKeeper, ctx: Context, req: { proposalStatus: number; voter: string; depositor: string; pagination?: PageRequest }) {
  const voter = req.voter ? k.addrs.decode(req.voter) : undefined;
  const depositor = req.depositor ? k.addrs.decode(req.depositor) : undefined;
  const status = req.proposalStatus >= 1 && req.proposalStatus <= 5 ? req.proposalStatus : undefined;
  return paginate(ctx, k.state.proposals, req.pagination, (id, p) => {
    if (status !== undefined && p.status !== status) return undefined;
    if (voter && !k.state.votes.has(ctx, [id, voter])) return undefined;
    if (depositor && !k.state.deposits.has(ctx, [id, depositor])) return undefined;
    return p;
  });
}

/** A v1 proposal message as v1beta1 content: a legacy content unwrapped, anything else as is. */
function unwrapLegacy(any: Any): Any {
  if (any.typeUrl !== MsgExecLegacyContent.typeUrl) return any;
  try {
    return MsgExecLegacyContent.decode(any.value).content ?? any;
  } catch {
    return any;
  }
}

export function govQueries(k: GovKeeper): QueryRoute[] {
  const routes: QueryRoute[] = [
    { path: `${Q1}Constitution`, request: q1.QueryConstitutionRequest, response: q1.QueryConstitutionResponse, handle: (ctx) => ({ constitution: k.state.constitution.get(ctx) ?? '' }) },
    {
      path: `${Q1}Proposal`,
      request: q1.QueryProposalRequest,
      response: q1.QueryProposalResponse,
      handle: (ctx, req: q1.QueryProposalRequest) => {
        requireId(req.proposalId);
        const proposal = k.getProposal(ctx, req.proposalId);
        if (!proposal) throw notFound(`proposal ${req.proposalId} doesn't exist`);
        return { proposal };
      },
    },
    {
      path: `${Q1}Proposals`,
      request: q1.QueryProposalsRequest,
      response: q1.QueryProposalsResponse,
      handle: (ctx, req: q1.QueryProposalsRequest) => {
        const page = proposalsPage(k, ctx, req);
        return { proposals: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q1}Vote`,
      request: q1.QueryVoteRequest,
      response: q1.QueryVoteResponse,
      handle: (ctx, req: q1.QueryVoteRequest) => {
        requireId(req.proposalId);
        const vote = k.state.votes.get(ctx, [req.proposalId, addressArg(k, req.voter, 'voter')]);
        if (!vote) throw invalidArgument(`voter: ${req.voter} not found for proposal: ${req.proposalId}`);
        return { vote };
      },
    },
    {
      path: `${Q1}Votes`,
      request: q1.QueryVotesRequest,
      response: q1.QueryVotesResponse,
      handle: (ctx, req: q1.QueryVotesRequest) => {
        requireId(req.proposalId);
        const page = paginate(ctx, k.state.votes, req.pagination, (_, v) => v, proposalPrefix(req.proposalId));
        return { votes: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q1}Params`,
      request: q1.QueryParamsRequest,
      response: q1.QueryParamsResponse,
      handle: (ctx, req: q1.QueryParamsRequest) => paramsResponse(k.params(ctx), req.paramsType),
    },
    {
      path: `${Q1}Deposit`,
      request: q1.QueryDepositRequest,
      response: q1.QueryDepositResponse,
      handle: (ctx, req: q1.QueryDepositRequest) => {
        requireId(req.proposalId);
        const deposit = k.state.deposits.get(ctx, [req.proposalId, addressArg(k, req.depositor, 'depositor')]);
        if (!deposit) throw notFound(`deposit of ${req.depositor} on proposal ${req.proposalId} not found`);
        return { deposit };
      },
    },
    {
      path: `${Q1}Deposits`,
      request: q1.QueryDepositsRequest,
      response: q1.QueryDepositsResponse,
      handle: (ctx, req: q1.QueryDepositsRequest) => {
        requireId(req.proposalId);
        const page = paginate(ctx, k.state.deposits, req.pagination, (_, d) => d, proposalPrefix(req.proposalId));
        return { deposits: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q1}TallyResult`,
      request: q1.QueryTallyResultRequest,
      response: q1.QueryTallyResultResponse,
      handle: (ctx, req: q1.QueryTallyResultRequest) => {
        requireId(req.proposalId);
        const proposal = k.getProposal(ctx, req.proposalId);
        if (!proposal) throw notFound(`proposal ${req.proposalId} doesn't exist`);
        return { tally: tallyOf(k, ctx, proposal) };
      },
    },
  ];
  return routes;
}

const decBytes = (s: string) => utf8.encode(Dec.fromString(s).toProto());

export function legacyGovQueries(k: GovKeeper): QueryRoute[] {
  const legacy = (p: Proposal) => legacyProposal(p, unwrapLegacy);
  return [
    {
      path: `${QB}Proposal`,
      request: qb.QueryProposalRequest,
      response: qb.QueryProposalResponse,
      handle: (ctx, req: qb.QueryProposalRequest) => {
        requireId(req.proposalId);
        const proposal = k.getProposal(ctx, req.proposalId);
        if (!proposal) throw notFound(`proposal ${req.proposalId} doesn't exist`);
        return { proposal: legacy(proposal) };
      },
    },
    {
      path: `${QB}Proposals`,
      request: qb.QueryProposalsRequest,
      response: qb.QueryProposalsResponse,
      handle: (ctx, req: qb.QueryProposalsRequest) => {
        const page = proposalsPage(k, ctx, req);
        return { proposals: page.items.map(legacy), pagination: page.pagination };
      },
    },
    {
      path: `${QB}Vote`,
      request: qb.QueryVoteRequest,
      response: qb.QueryVoteResponse,
      handle: (ctx, req: qb.QueryVoteRequest) => {
        requireId(req.proposalId);
        const vote = k.state.votes.get(ctx, [req.proposalId, addressArg(k, req.voter, 'voter')]);
        if (!vote) throw invalidArgument(`voter: ${req.voter} not found for proposal: ${req.proposalId}`);
        return { vote: legacyVote(vote) };
      },
    },
    {
      path: `${QB}Votes`,
      request: qb.QueryVotesRequest,
      response: qb.QueryVotesResponse,
      handle: (ctx, req: qb.QueryVotesRequest) => {
        requireId(req.proposalId);
        const page = paginate(ctx, k.state.votes, req.pagination, (_, v) => legacyVote(v), proposalPrefix(req.proposalId));
        return { votes: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${QB}Params`,
      request: qb.QueryParamsRequest,
      response: qb.QueryParamsResponse,
      handle: (ctx, req: qb.QueryParamsRequest) => {
        const p = k.params(ctx);
        const res = qb.QueryParamsResponse.fromPartial({});
        switch (req.paramsType) {
          case 'deposit':
            res.depositParams = { minDeposit: p.minDeposit, maxDepositPeriod: p.maxDepositPeriod ?? { seconds: 0n, nanos: 0 } };
            break;
          case 'voting':
            res.votingParams = { votingPeriod: p.votingPeriod ?? { seconds: 0n, nanos: 0 } };
            break;
          case 'tallying':
            res.tallyParams = { quorum: decBytes(p.quorum), threshold: decBytes(p.threshold), vetoThreshold: decBytes(p.vetoThreshold) };
            break;
          default:
            throw invalidArgument(`${req.paramsType} is not a valid parameter type`);
        }
        return res;
      },
    },
    {
      path: `${QB}Deposit`,
      request: qb.QueryDepositRequest,
      response: qb.QueryDepositResponse,
      handle: (ctx, req: qb.QueryDepositRequest) => {
        requireId(req.proposalId);
        const deposit = k.state.deposits.get(ctx, [req.proposalId, addressArg(k, req.depositor, 'depositor')]);
        if (!deposit) throw notFound(`deposit of ${req.depositor} on proposal ${req.proposalId} not found`);
        return { deposit: legacyDeposit(deposit) };
      },
    },
    {
      path: `${QB}Deposits`,
      request: qb.QueryDepositsRequest,
      response: qb.QueryDepositsResponse,
      handle: (ctx, req: qb.QueryDepositsRequest) => {
        requireId(req.proposalId);
        const page = paginate(ctx, k.state.deposits, req.pagination, (_, d) => legacyDeposit(d), proposalPrefix(req.proposalId));
        return { deposits: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${QB}TallyResult`,
      request: qb.QueryTallyResultRequest,
      response: qb.QueryTallyResultResponse,
      handle: (ctx, req: qb.QueryTallyResultRequest) => {
        requireId(req.proposalId);
        const proposal = k.getProposal(ctx, req.proposalId);
        if (!proposal) throw notFound(`proposal ${req.proposalId} doesn't exist`);
        return { tally: legacyTally(tallyOf(k, ctx, proposal)) };
      },
    },
  ];
}

/**
 * Pagination over the keys of `map` between `start` (inclusive) and `end` (exclusive), encoded
 * within the collection: the same PageRequest semantics as src/types/pagination.ts (next key or
 * offset, reverse, count_total), for ranges a single prefix cannot express.
 */
function paginateRange<K, V, R>(
  ctx: Context,
  map: CMap<K, V>,
  req: PageRequest | undefined,
  range: { start?: Uint8Array; end?: Uint8Array },
  select: (key: K) => R | undefined,
): { items: R[]; pagination: PageResponse } {
  const key = req?.key ?? new Uint8Array();
  const offset = req?.offset ?? 0n;
  let limit = req?.limit ?? 0n;
  const reverse = req?.reverse ?? false;
  if (key.length > 0 && offset > 0n) throw sdk.InvalidRequest('invalid request, either offset or key is expected, got both');
  if (limit === 0n) limit = DEFAULT_PAGE_LIMIT;
  if (limit > MAX_PAGE_LIMIT) throw sdk.InvalidRequest(`pagination limit ${limit} exceeds the maximum of ${MAX_PAGE_LIMIT}`);
  const countTotal = (req?.countTotal ?? false) && key.length === 0;
  let { start, end } = range;
  if (key.length > 0) {
    if (reverse) end = concatBytes(key, Uint8Array.of(0));
    else start = key;
  }
  const items: R[] = [];
  let seen = 0n;
  let nextKey: Uint8Array = new Uint8Array();
  for (const [raw, k] of map.entries(ctx, { start, end, reverse })) {
    const r = select(k);
    if (r === undefined) continue;
    seen++;
    if (seen <= offset) continue;
    if (BigInt(items.length) < limit) {
      items.push(r);
      continue;
    }
    if (nextKey.length === 0) nextKey = Uint8Array.from(raw);
    if (!countTotal) break;
  }
  return { items, pagination: { nextKey, total: countTotal ? seen : 0n } };
}

const u64 = (n: bigint) => keys.uint64.encode(n);

export function hyperGovQueries(k: GovKeeper): QueryRoute[] {
  const audit = (ctx: Context, id: bigint): AuditRecord => k.state.audit.get(ctx, id)!;
  return [
    {
      path: `${QH}VoteDelegation`,
      request: qh.QueryVoteDelegationRequest,
      response: qh.QueryVoteDelegationResponse,
      handle: (ctx, req: qh.QueryVoteDelegationRequest) => {
        const delegation = k.state.voteDelegations.get(ctx, addressArg(k, req.delegator, 'delegator'));
        if (!delegation) throw notFound(`${req.delegator} has not delegated its vote`);
        return { delegation };
      },
    },
    {
      path: `${QH}VoteDelegators`,
      request: qh.QueryVoteDelegatorsRequest,
      response: qh.QueryVoteDelegatorsResponse,
      handle: (ctx, req: qh.QueryVoteDelegatorsRequest) => {
        const delegate = addressArg(k, req.delegate, 'delegate');
        const page = paginate(ctx, k.state.voteDelegators, req.pagination, ([, delegator]) => k.state.voteDelegations.get(ctx, delegator), CMap.prefixOf(lpBytes, delegate));
        return { delegations: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${QH}Grant`,
      request: qh.QueryGrantRequest,
      response: qh.QueryGrantResponse,
      handle: (ctx, req: qh.QueryGrantRequest) => {
        const grant = k.state.grants.get(ctx, req.grantId);
        if (!grant) throw notFound(`grant ${req.grantId} doesn't exist`);
        return { grant };
      },
    },
    {
      path: `${QH}Grants`,
      request: qh.QueryGrantsRequest,
      response: qh.QueryGrantsResponse,
      handle: (ctx, req: qh.QueryGrantsRequest) => {
        const status = req.status === GrantStatus.GRANT_STATUS_UNSPECIFIED ? undefined : req.status;
        const page = paginate(ctx, k.state.grants, req.pagination, (_, g) => (status === undefined || g.status === status ? g : undefined));
        return { grants: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${QH}AuditRecord`,
      request: qh.QueryAuditRecordRequest,
      response: qh.QueryAuditRecordResponse,
      handle: (ctx, req: qh.QueryAuditRecordRequest) => {
        const record = k.state.audit.get(ctx, req.id);
        if (!record) throw notFound(`audit record ${req.id} doesn't exist`);
        return { record };
      },
    },
    {
      path: `${QH}AuditRecords`,
      request: qh.QueryAuditRecordsRequest,
      response: qh.QueryAuditRecordsResponse,
      handle: (ctx, req: qh.QueryAuditRecordsRequest) => {
        if (req.fromHeight < 0n || req.toHeight < 0n) throw invalidArgument('heights cannot be negative');
        if (req.toHeight > 0n && req.toHeight < req.fromHeight) throw invalidArgument(`to_height ${req.toHeight} is below from_height ${req.fromHeight}`);
        const upper = req.toHeight > 0n ? req.toHeight + 1n : undefined;
        let page;
        if (req.module !== '') {
          const mod: KeyCodec<string> = keys.string;
          const base = mod.encodeNonTerminal(req.module);
          const range = { start: concatBytes(base, u64(req.fromHeight)), end: upper !== undefined ? concatBytes(base, u64(upper)) : prefixEnd(base) };
          page = paginateRange(ctx, k.state.auditByModule, req.pagination, range, ([, , id]) => audit(ctx, id));
        } else {
          const range = { start: u64(req.fromHeight), end: upper !== undefined ? u64(upper) : undefined };
          page = paginateRange(ctx, k.state.auditByHeight, req.pagination, range, ([, id]) => audit(ctx, id));
        }
        return { records: page.items, pagination: page.pagination };
      },
    },
  ];
}
