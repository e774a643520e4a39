/**
 * Genesis: the `gov` section is cosmos.gov.v1.GenesisState (the SDK's InitGenesis/ExportGenesis:
 * starting proposal id, params, constitution, proposals with their queues, deposits, votes; the gov
 * module account must hold exactly the deposits); `hypermesh_gov` holds vote delegations, grants and
 * the audit trail.
 */
import { GenesisState } from 'cosmjs-types/cosmos/gov/v1/genesis';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import { GenesisState as HyperGenesisState } from '../../src/gen/hypermesh/gov/v1/genesis';
import { GrantStatus } from '../../src/gen/hypermesh/gov/v1/gov';
import type { ModuleGenesis } from '../../src/app/module';
import { addCoins, coinsEqual, coinsFromProto, coinsToString, type Coins } from '../../src/types/coins';
import { storeAudit } from './audit';
import { govErrors } from './errors';
import type { GovKeeper } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_PARAMS, validateParams } from './params';
import { nsFromTimestamp } from './time';

export function govGenesis(k: GovKeeper): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ startingProposalId: 1n, params: DEFAULT_PARAMS, constitution: '' }),
    validate: (g) => {
      if (g.startingProposalId === 0n) throw govErrors.InvalidGenesis('starting proposal id must be greater than 0');
      const ids = new Set<bigint>();
      for (const p of g.proposals) {
        if (ids.has(p.id)) throw govErrors.InvalidGenesis(`duplicate proposal id: ${p.id}`);
        ids.add(p.id);
      }
      const seen = new Set<string>();
      for (const d of g.deposits) {
        if (!ids.has(d.proposalId)) throw govErrors.InvalidGenesis(`deposit of ${d.depositor} has non-existent proposal id: ${d.proposalId}`);
        const key = `d${d.proposalId}/${d.depositor}`;
        if (seen.has(key)) throw govErrors.InvalidGenesis(`duplicate deposit: ${d.proposalId} ${d.depositor}`);
        seen.add(key);
      }
      for (const v of g.votes) {
        if (!ids.has(v.proposalId)) throw govErrors.InvalidGenesis(`vote of ${v.voter} has non-existent proposal id: ${v.proposalId}`);
        const key = `v${v.proposalId}/${v.voter}`;
        if (seen.has(key)) throw govErrors.InvalidGenesis(`duplicate vote: ${v.proposalId} ${v.voter}`);
        seen.add(key);
      }
      if (!g.params) throw govErrors.InvalidGenesis('params are required');
      validateParams(g.params, k.addrs);
    },
    init: (ctx, g) => {
      k.state.proposalId.set(ctx, g.startingProposalId);
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.state.constitution.set(ctx, g.constitution);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
      let total: Coins = [];
      for (const d of g.deposits) {
        k.state.deposits.set(ctx, [d.proposalId, k.addrs.decode(d.depositor)], d);
        total = addCoins(total, coinsFromProto(d.amount));
      }
      for (const v of g.votes) k.state.votes.set(ctx, [v.proposalId, k.addrs.decode(v.voter)], v);
      for (const p of g.proposals) {
        if (p.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD) k.state.inactiveQueue.set(ctx, [nsFromTimestamp(p.depositEndTime), p.id], p.id);
        if (p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) k.state.activeQueue.set(ctx, [nsFromTimestamp(p.votingEndTime), p.id], p.id);
        k.setProposal(ctx, p);
      }
      const balance = k.deps.bank.getAllBalances(ctx, k.moduleAddress());
      if (!coinsEqual(balance, total)) {
        throw govErrors.InvalidGenesis(`expected module account was ${coinsToString(balance)} but we got ${coinsToString(total)}`);
      }
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        startingProposalId: k.state.proposalId.peek(ctx),
        deposits: [...k.state.deposits.iterate(ctx)].map(([, d]) => d),
        votes: [...k.state.votes.iterate(ctx)].map(([, v]) => v),
        proposals: [...k.state.proposals.iterate(ctx)].map(([, p]) => p),
        params: k.params(ctx),
        constitution: k.state.constitution.get(ctx) ?? '',
      }),
  };
}

export function hyperGovGenesis(k: GovKeeper): ModuleGenesis<HyperGenesisState> {
  return {
    type: HyperGenesisState,
    default: () => HyperGenesisState.fromPartial({ nextGrantId: 1n, nextAuditId: 1n }),
    validate: (g) => {
      if (g.nextGrantId === 0n || g.nextAuditId === 0n) throw govErrors.InvalidGenesis('next grant and audit ids start at 1');
      const delegators = new Set<string>();
      for (const d of g.voteDelegations) {
        k.addrs.decode(d.delegator);
        k.addrs.decode(d.delegate);
        if (d.delegator === d.delegate) throw govErrors.InvalidGenesis(`${d.delegator} delegates its vote to itself`);
        if (delegators.has(d.delegator)) throw govErrors.InvalidGenesis(`two vote delegations of ${d.delegator}`);
        delegators.add(d.delegator);
      }
      for (const gr of g.grants) if (gr.id === 0n || gr.id >= g.nextGrantId) throw govErrors.InvalidGenesis(`grant id ${gr.id} outside [1, next_grant_id)`);
      for (const r of g.auditRecords) if (r.id === 0n || r.id >= g.nextAuditId) throw govErrors.InvalidGenesis(`audit id ${r.id} outside [1, next_audit_id)`);
    },
    init: (ctx, g) => {
      for (const d of g.voteDelegations) {
        const delegator = k.addrs.decode(d.delegator);
        k.state.voteDelegations.set(ctx, delegator, d);
        k.state.voteDelegators.set(ctx, [k.addrs.decode(d.delegate), delegator], undefined);
      }
      for (const gr of g.grants) {
        k.state.grants.set(ctx, gr.id, gr);
        if (gr.status === GrantStatus.GRANT_STATUS_ACTIVE) k.state.activeGrants.set(ctx, gr.id, undefined);
      }
      k.state.grantId.set(ctx, g.nextGrantId);
      for (const r of g.auditRecords) storeAudit(k, ctx, r);
      k.state.auditId.set(ctx, g.nextAuditId);
    },
    export: (ctx) =>
      HyperGenesisState.fromPartial({
        voteDelegations: [...k.state.voteDelegations.iterate(ctx)].map(([, d]) => d),
        grants: [...k.state.grants.iterate(ctx)].map(([, gr]) => gr),
        nextGrantId: k.state.grantId.peek(ctx),
        auditRecords: [...k.state.audit.iterate(ctx)].map(([, r]) => r),
        nextAuditId: k.state.auditId.peek(ctx),
      }),
  };
}
