/**
 * GovKeeper: proposals and their queues, deposits, votes, params, constitution (the SDK's x/gov v1),
 * and HyperMesh's vote delegations, grants and audit trail. The operations live beside it, one
 * concept per file (proposal.ts, deposit.ts, vote.ts, tally.ts, vote_delegation.ts, grants.ts,
 * audit.ts, execution.ts, abci.ts); the keeper holds the state, the dependencies and the routers.
 */
import type { Params, Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { AddressCodec } from '../../src/crypto/address';
import type { Context } from '../../src/types/context';
import { govErrors } from './errors';
import type {
  AccountKeeper,
  BankKeeper,
  DistributionKeeper,
  ParamsQueryRouter,
  ProposalMsgRouter,
  StakingKeeper,
} from './expected_keepers';
import { govState, ModuleName } from './keys';
import { nsFromTimestamp } from './time';

export interface GovKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  staking: StakingKeeper;
  distribution: DistributionKeeper;
  /** The gov module account (bech32): the only signer proposal messages may have. */
  authority: string;
  /** Longest metadata and title in bytes (the SDK's Config.MaxMetadataLen); summaries may be 40×. */
  maxMetadataLen?: number;
}

export class GovKeeper {
  readonly state = govState();
  private routers?: { msgs: ProposalMsgRouter; queries: ParamsQueryRouter };
  /** The proposal whose messages run right now (EndBlock), so MsgCreateGrant can record it. */
  executingProposal = 0n;

  constructor(readonly deps: GovKeeperDeps) {}

  /** The app's routers exist once BaseApp does: src/app/app.ts sets them right after. */
  setRouters(msgs: ProposalMsgRouter, queries: ParamsQueryRouter): void {
    if (this.routers) throw new Error('gov routers are already set');
    this.routers = { msgs, queries };
  }

  get msgRouter(): ProposalMsgRouter {
    if (!this.routers) throw new Error('gov: the app did not set the msg router');
    return this.routers.msgs;
  }

  get queryRouter(): ParamsQueryRouter {
    if (!this.routers) throw new Error('gov: the app did not set the query router');
    return this.routers.queries;
  }

  get addrs(): AddressCodec {
    return this.deps.accounts.addressCodec;
  }

  get authority(): string {
    return this.deps.authority;
  }

  get maxMetadataLen(): number {
    return this.deps.maxMetadataLen ?? 255;
  }

  /** The gov module account's address bytes (holds every deposit). */
  moduleAddress(): Uint8Array {
    return this.deps.accounts.moduleAddress(ModuleName);
  }

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }

  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  getProposal(ctx: Context, id: bigint): Proposal | undefined {
    return this.state.proposals.get(ctx, id);
  }

  mustGetProposal(ctx: Context, id: bigint): Proposal {
    const p = this.getProposal(ctx, id);
    if (!p) throw govErrors.UnknownProposal(`proposal ${id} doesn't exist`);
    return p;
  }

  /** Stores a proposal and keeps the voting-period index in step with its status (SetProposal). */
  setProposal(ctx: Context, p: Proposal): void {
    if (p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) this.state.votingPeriodProposals.set(ctx, p.id, Uint8Array.of(1));
    else this.state.votingPeriodProposals.delete(ctx, p.id);
    this.state.proposals.set(ctx, p.id, p);
  }

  /** Removes a proposal and its queue entries (DeleteProposal). */
  deleteProposal(ctx: Context, id: bigint): void {
    const p = this.mustGetProposal(ctx, id);
    if (p.depositEndTime) this.state.inactiveQueue.delete(ctx, [nsFromTimestamp(p.depositEndTime), id]);
    if (p.votingEndTime) {
      this.state.activeQueue.delete(ctx, [nsFromTimestamp(p.votingEndTime), id]);
      this.state.votingPeriodProposals.delete(ctx, id);
    }
    this.state.proposals.delete(ctx, id);
  }
}
