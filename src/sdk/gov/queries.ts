/**
 * Query extensions for a cosmjs QueryClient: `govV1` (cosmos.gov.v1: cosmjs's own gov extension
 * speaks v1beta1 only), `hyperGov` (vote delegation, grants, audit trail) and `upgrade`.
 *
 * @example
 *   const q = QueryClient.withExtensions(comet, setupGovV1Extension, setupHyperGovExtension, setupUpgradeExtension);
 *   const { proposal } = await q.govV1.proposal(1n);
 *   const records = await q.hyperGov.auditRecords({ module: 'slashing' });
 */
import { createPagination, createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import type { Params, Proposal, TallyResult, Vote } from 'cosmjs-types/cosmos/gov/v1/gov';
import { QueryClientImpl as GovV1Query, QueryProposalsRequest, type QueryProposalsResponse } from 'cosmjs-types/cosmos/gov/v1/query';
import { QueryClientImpl as UpgradeQuery } from 'cosmjs-types/cosmos/upgrade/v1beta1/query';
import type { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import type { AuditRecord, Grant, GrantStatus, VoteDelegation } from '../../gen/hypermesh/gov/v1/gov';
import {
  QueryAuditRecordsRequest,
  QueryClientImpl as HyperGovQuery,
  QueryGrantsRequest,
  type QueryAuditRecordsResponse,
  type QueryGrantsResponse,
  type QueryVoteDelegatorsResponse,
} from '../../gen/hypermesh/gov/v1/query';

export interface GovV1Extension {
  readonly govV1: {
    readonly raw: GovV1Query;
    params(): Promise<Params>;
    proposal(id: bigint): Promise<Proposal>;
    proposals(filter?: Partial<QueryProposalsRequest>): Promise<QueryProposalsResponse>;
    tally(id: bigint): Promise<TallyResult>;
    vote(id: bigint, voter: string): Promise<Vote>;
  };
}

export function setupGovV1Extension(base: QueryClient): GovV1Extension {
  const raw = new GovV1Query(createProtobufRpcClient(base));
  return {
    govV1: {
      raw,
      params: async () => (await raw.Params({ paramsType: '' })).params!,
      proposal: async (proposalId) => (await raw.Proposal({ proposalId })).proposal!,
      proposals: (filter = {}) => raw.Proposals(QueryProposalsRequest.fromPartial(filter)),
      tally: async (proposalId) => (await raw.TallyResult({ proposalId })).tally!,
      vote: async (proposalId, voter) => (await raw.Vote({ proposalId, voter })).vote!,
    },
  };
}

export interface HyperGovExtension {
  readonly hyperGov: {
    readonly raw: HyperGovQuery;
    voteDelegation(delegator: string): Promise<VoteDelegation>;
    voteDelegators(delegate: string, paginationKey?: Uint8Array): Promise<QueryVoteDelegatorsResponse>;
    grant(id: bigint): Promise<Grant>;
    grants(status?: GrantStatus, paginationKey?: Uint8Array): Promise<QueryGrantsResponse>;
    auditRecord(id: bigint): Promise<AuditRecord>;
    auditRecords(filter?: Partial<QueryAuditRecordsRequest>): Promise<QueryAuditRecordsResponse>;
  };
}

export function setupHyperGovExtension(base: QueryClient): HyperGovExtension {
  const raw = new HyperGovQuery(createProtobufRpcClient(base));
  return {
    hyperGov: {
      raw,
      voteDelegation: async (delegator) => (await raw.VoteDelegation({ delegator })).delegation!,
      voteDelegators: (delegate, key) => raw.VoteDelegators({ delegate, pagination: createPagination(key) }),
      grant: async (grantId) => (await raw.Grant({ grantId })).grant!,
      grants: (status, key) => raw.Grants(QueryGrantsRequest.fromPartial({ status: status ?? 0, pagination: createPagination(key) })),
      auditRecord: async (id) => (await raw.AuditRecord({ id })).record!,
      auditRecords: (filter = {}) => raw.AuditRecords(QueryAuditRecordsRequest.fromPartial(filter)),
    },
  };
}

export interface UpgradeExtension {
  readonly upgrade: {
    readonly raw: UpgradeQuery;
    currentPlan(): Promise<Plan | undefined>;
    appliedPlan(name: string): Promise<bigint>;
  };
}

export function setupUpgradeExtension(base: QueryClient): UpgradeExtension {
  const raw = new UpgradeQuery(createProtobufRpcClient(base));
  return {
    upgrade: {
      raw,
      currentPlan: async () => (await raw.CurrentPlan({})).plan,
      appliedPlan: async (name) => (await raw.AppliedPlan({ name })).height,
    },
  };
}
