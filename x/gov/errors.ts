/**
 * x/gov's codes, as the SDK's x/gov/types/errors.go (codespace "gov"), and HyperMesh's additions
 * (codespace "hypermesh_gov") for vote delegation and grants.
 */
import { defineErrors } from '../../src/types/errors';

export const govErrors = defineErrors('gov', {
  UnknownProposal: [2, 'unknown proposal'],
  InactiveProposal: [3, 'inactive proposal'],
  AlreadyActiveProposal: [4, 'proposal already active'],
  InvalidProposalContent: [5, 'invalid proposal content'],
  InvalidProposalType: [6, 'invalid proposal type'],
  InvalidVote: [7, 'invalid vote option'],
  InvalidGenesis: [8, 'invalid genesis state'],
  NoProposalHandlerExists: [9, 'no handler exists for proposal type'],
  UnroutableProposalMsg: [10, 'proposal message not recognized by router'],
  NoProposalMsgs: [11, 'no messages proposed'],
  InvalidProposalMsg: [12, 'invalid proposal message'],
  InvalidSigner: [13, 'expected gov account as only signer for proposal message'],
  MetadataTooLong: [15, 'metadata too long'],
  MinDepositTooSmall: [16, 'minimum deposit is too small'],
  InvalidProposer: [18, 'invalid proposer'],
  VotingPeriodEnded: [20, 'voting period already ended'],
  InvalidProposal: [21, 'invalid proposal'],
  SummaryTooLong: [22, 'summary too long'],
  InvalidDepositDenom: [23, 'invalid deposit denom'],
});

export const hyperGovErrors = defineErrors('hypermesh_gov', {
  SelfVoteDelegation: [2, 'cannot delegate a vote to oneself'],
  NoVoteDelegation: [3, 'no vote delegation'],
  UnknownGrant: [4, 'unknown grant'],
  GrantNotActive: [5, 'grant is not active'],
  InvalidGrant: [6, 'invalid grant'],
  EscrowSpent: [7, 'proposal would spend deposits held in escrow'],
});
