/**
 * cosmos.gov.v1.Msg, cosmos.gov.v1beta1.Msg (routed to the same logic, as the SDK's
 * legacyMsgServer) and hypermesh.gov.v1.Msg.
 */
import { Proposal, VoteOption, type WeightedVoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import * as v1 from 'cosmjs-types/cosmos/gov/v1/tx';
import * as v1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/tx';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import * as hyper from '../../src/gen/hypermesh/gov/v1/tx';
import type { MsgRoute } from '../../src/app/module';
import { coinsFromProto, type Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { addDeposit, depositCoins, validateDepositDenom, validateInitialDeposit } from './deposit';
import { govErrors, hyperGovErrors } from './errors';
import * as events from './events';
import { cancelGrant, createGrant } from './grants';
import type { GovKeeper } from './keeper';
import { validateParams } from './params';
import { cancelProposal, submitProposal } from './proposal';
import { timestampFromNs } from './time';
import { addVote, isValidOption, ONE_WEIGHT, validateWeightedOptions } from './vote';
import { delegateVote, undelegateVote } from './vote_delegation';
import { TEXT_PROPOSAL, textProposalError } from './legacy';

const DISTRIBUTION_MODULE = 'distribution';

interface SubmitInput {
  messages: Any[];
  initialDeposit: Coins;
  proposer: string;
  metadata: string;
  title: string;
  summary: string;
  expedited: boolean;
}

/** The SDK's ProposalMetadata check: JSON metadata naming a title or summary must match the proposal's. */
function checkMetadata(metadata: string, title: string, summary: string): void {
  if (metadata === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return; // not the recommended JSON format: accepted as is
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return;
  const obj = (parsed ?? {}) as Record<string, unknown>;
  if ((obj.title !== undefined && typeof obj.title !== 'string') || (obj.summary !== undefined && typeof obj.summary !== 'string')) return;
  if ((obj.title ?? '') !== title) throw govErrors.InvalidProposalContent(`metadata title '${String(obj.title ?? '')}' must equal proposal title '${title}'`);
  if ((obj.summary ?? '') !== summary) throw govErrors.InvalidProposalContent(`metadata summary '${String(obj.summary ?? '')}' must equal proposal summary '${summary}'`);
}

export function handleSubmitProposal(k: GovKeeper, ctx: Context, m: SubmitInput): bigint {
  if (m.title === '') throw sdk.InvalidRequest('proposal title cannot be empty');
  if (m.summary === '') throw sdk.InvalidRequest('proposal summary cannot be empty');
  const proposer = k.addrs.decode(m.proposer);
  if (m.messages.length === 0 && m.metadata === '') throw govErrors.NoProposalMsgs('either metadata or Msgs length must be non-nil');
  checkMetadata(m.metadata, m.title, m.summary);
  const params = k.params(ctx);
  validateInitialDeposit(params, m.initialDeposit, m.expedited);
  validateDepositDenom(params, m.initialDeposit);
  const proposal = submitProposal(k, ctx, m);
  // the SDK charges 3 × WriteCostPerByte × the proposal's size (cosmos-sdk#9683)
  ctx.gasMeter.consume(3 * 30 * Proposal.encode(proposal).finish().length, 'submit proposal');
  if (addDeposit(k, ctx, proposal.id, proposer, m.initialDeposit)) ctx.events.emit(events.submitProposalVotingStarted(proposal.id));
  return proposal.id;
}

function requireAuthority(k: GovKeeper, signer: string): void {
  if (signer !== k.authority) throw govErrors.InvalidSigner(`invalid authority; expected ${k.authority}, got ${signer}`);
}

function address(k: GovKeeper, s: string, what: string): Uint8Array {
  try {
    return k.addrs.decode(s);
  } catch (e) {
    throw sdk.InvalidAddress(`invalid ${what} address: ${(e as Error).message}`);
  }
}

export function govMsgs(k: GovKeeper): MsgRoute[] {
  const submit: MsgRoute<v1.MsgSubmitProposal, v1.MsgSubmitProposalResponse> = {
    type: v1.MsgSubmitProposal,
    response: v1.MsgSubmitProposalResponse,
    signers: (m) => [m.proposer],
    validate: (m) => {
      address(k, m.proposer, 'proposer');
      coinsFromProto(m.initialDeposit);
    },
    handle: (ctx, m) => ({
      proposalId: handleSubmitProposal(k, ctx, { ...m, initialDeposit: coinsFromProto(m.initialDeposit) }),
    }),
  };

  const execLegacyContent: MsgRoute<v1.MsgExecLegacyContent, v1.MsgExecLegacyContentResponse> = {
    type: v1.MsgExecLegacyContent,
    response: v1.MsgExecLegacyContentResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      address(k, m.authority, 'authority');
    },
    handle: (_ctx, m) => {
      if (m.authority !== k.authority) throw govErrors.InvalidSigner(`expected ${k.authority} got ${m.authority}`);
      if (!m.content) throw govErrors.InvalidProposalContent('missing content');
      // the only legacy content with a handler here: a text proposal, which does nothing
      if (m.content.typeUrl !== TEXT_PROPOSAL) throw govErrors.NoProposalHandlerExists(m.content.typeUrl);
      return {};
    },
  };

  const vote: MsgRoute<v1.MsgVote, v1.MsgVoteResponse> = {
    type: v1.MsgVote,
    response: v1.MsgVoteResponse,
    signers: (m) => [m.voter],
    validate: (m) => {
      address(k, m.voter, 'voter');
      if (!isValidOption(m.option)) throw govErrors.InvalidVote(VoteOption[m.option] ?? String(m.option));
    },
    handle: (ctx, m) => {
      addVote(k, ctx, m.proposalId, k.addrs.decode(m.voter), [{ option: m.option, weight: ONE_WEIGHT }], m.metadata);
      return {};
    },
  };

  const voteWeighted: MsgRoute<v1.MsgVoteWeighted, v1.MsgVoteWeightedResponse> = {
    type: v1.MsgVoteWeighted,
    response: v1.MsgVoteWeightedResponse,
    signers: (m) => [m.voter],
    validate: (m) => {
      address(k, m.voter, 'voter');
      validateWeightedOptions(m.options);
    },
    handle: (ctx, m) => {
      addVote(k, ctx, m.proposalId, k.addrs.decode(m.voter), m.options, m.metadata);
      return {};
    },
  };

  const deposit: MsgRoute<v1.MsgDeposit, v1.MsgDepositResponse> = {
    type: v1.MsgDeposit,
    response: v1.MsgDepositResponse,
    signers: (m) => [m.depositor],
    validate: (m) => {
      address(k, m.depositor, 'depositor');
      depositCoins(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      const amount = depositCoins(m.amount, { allowEmpty: false });
      if (addDeposit(k, ctx, m.proposalId, k.addrs.decode(m.depositor), amount)) ctx.events.emit(events.depositVotingStarted(m.proposalId));
      return {};
    },
  };

  const updateParams: MsgRoute<v1.MsgUpdateParams, v1.MsgUpdateParamsResponse> = {
    type: v1.MsgUpdateParams,
    response: v1.MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      address(k, m.authority, 'authority');
      if (!m.params) throw sdk.InvalidRequest('params are required');
      validateParams(m.params, k.addrs);
    },
    handle: (ctx, m) => {
      requireAuthority(k, m.authority);
      validateParams(m.params, k.addrs);
      k.setParams(ctx, m.params);
      return {};
    },
  };

  const cancel: MsgRoute<v1.MsgCancelProposal, v1.MsgCancelProposalResponse> = {
    type: v1.MsgCancelProposal,
    response: v1.MsgCancelProposalResponse,
    signers: (m) => [m.proposer],
    validate: (m) => {
      address(k, m.proposer, 'proposer');
    },
    handle: (ctx, m) => {
      const distribution = k.addrs.encode(k.deps.accounts.moduleAddress(DISTRIBUTION_MODULE));
      cancelProposal(k, ctx, m.proposalId, m.proposer, distribution);
      ctx.events.emit(events.cancelProposal(m.proposer, m.proposalId));
      return { proposalId: m.proposalId, canceledTime: timestampFromNs(ctx.block.timeNs), canceledHeight: BigInt(ctx.block.height) };
    },
  };

  return [submit, execLegacyContent, vote, voteWeighted, deposit, updateParams, cancel];
}

/** v1beta1 weights are LegacyDec wire integers ("500000000000000000"); v1's are decimal text. */
function v1Options(list: readonly { option: number; weight: string }[]): WeightedVoteOption[] {
  return list.map((o) => {
    let weight: string;
    try {
      weight = Dec.fromProto(o.weight).toString();
    } catch {
      throw govErrors.InvalidVote(`invalid weight: ${JSON.stringify(o.weight)}`);
    }
    return { option: o.option as VoteOption, weight };
  });
}

export function legacyGovMsgs(k: GovKeeper): MsgRoute[] {
  const submit: MsgRoute<v1beta1.MsgSubmitProposal, v1beta1.MsgSubmitProposalResponse> = {
    type: v1beta1.MsgSubmitProposal,
    response: v1beta1.MsgSubmitProposalResponse,
    signers: (m) => [m.proposer],
    validate: (m) => {
      address(k, m.proposer, 'proposer');
      coinsFromProto(m.initialDeposit);
      if (!m.content) throw govErrors.InvalidProposalContent('missing content');
      if (m.content.typeUrl !== TEXT_PROPOSAL) throw govErrors.InvalidProposalType(m.content.typeUrl);
      let text: TextProposal;
      try {
        text = TextProposal.decode(m.content.value);
      } catch (e) {
        throw govErrors.InvalidProposalContent(`text proposal does not decode: ${(e as Error).message}`);
      }
      const err = textProposalError(text);
      if (err) throw govErrors.InvalidProposalContent(err);
    },
    handle: (ctx, m) => {
      const text = TextProposal.decode(m.content!.value);
      const exec = v1.MsgExecLegacyContent.fromPartial({ content: m.content, authority: k.authority });
      const proposalId = handleSubmitProposal(k, ctx, {
        messages: [{ typeUrl: v1.MsgExecLegacyContent.typeUrl, value: v1.MsgExecLegacyContent.encode(exec).finish() }],
        initialDeposit: coinsFromProto(m.initialDeposit),
        proposer: m.proposer,
        metadata: '',
        title: text.title,
        summary: text.description,
        expedited: false,
      });
      return { proposalId };
    },
  };

  const vote: MsgRoute<v1beta1.MsgVote, v1beta1.MsgVoteResponse> = {
    type: v1beta1.MsgVote,
    response: v1beta1.MsgVoteResponse,
    signers: (m) => [m.voter],
    validate: (m) => {
      address(k, m.voter, 'voter');
      if (!isValidOption(m.option as number as VoteOption)) throw govErrors.InvalidVote(String(m.option));
    },
    handle: (ctx, m) => {
      addVote(k, ctx, m.proposalId, k.addrs.decode(m.voter), [{ option: m.option as number as VoteOption, weight: ONE_WEIGHT }], '');
      return {};
    },
  };

  const voteWeighted: MsgRoute<v1beta1.MsgVoteWeighted, v1beta1.MsgVoteWeightedResponse> = {
    type: v1beta1.MsgVoteWeighted,
    response: v1beta1.MsgVoteWeightedResponse,
    signers: (m) => [m.voter],
    validate: (m) => {
      address(k, m.voter, 'voter');
      validateWeightedOptions(v1Options(m.options));
    },
    handle: (ctx, m) => {
      addVote(k, ctx, m.proposalId, k.addrs.decode(m.voter), v1Options(m.options), '');
      return {};
    },
  };

  const deposit: MsgRoute<v1beta1.MsgDeposit, v1beta1.MsgDepositResponse> = {
    type: v1beta1.MsgDeposit,
    response: v1beta1.MsgDepositResponse,
    signers: (m) => [m.depositor],
    validate: (m) => {
      address(k, m.depositor, 'depositor');
      depositCoins(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      const amount = depositCoins(m.amount, { allowEmpty: false });
      if (addDeposit(k, ctx, m.proposalId, k.addrs.decode(m.depositor), amount)) ctx.events.emit(events.depositVotingStarted(m.proposalId));
      return {};
    },
  };

  return [submit, vote, voteWeighted, deposit];
}

export function hyperGovMsgs(k: GovKeeper): MsgRoute[] {
  const delegate: MsgRoute<hyper.MsgDelegateVote, hyper.MsgDelegateVoteResponse> = {
    type: hyper.MsgDelegateVote,
    response: hyper.MsgDelegateVoteResponse,
    signers: (m) => [m.delegator],
    validate: (m) => {
      const a = address(k, m.delegator, 'delegator');
      const b = address(k, m.delegate, 'delegate');
      if (a.length === b.length && a.every((x, i) => x === b[i])) throw hyperGovErrors.SelfVoteDelegation(m.delegator);
    },
    handle: (ctx, m) => {
      delegateVote(k, ctx, k.addrs.decode(m.delegator), k.addrs.decode(m.delegate));
      return {};
    },
  };

  const undelegate: MsgRoute<hyper.MsgUndelegateVote, hyper.MsgUndelegateVoteResponse> = {
    type: hyper.MsgUndelegateVote,
    response: hyper.MsgUndelegateVoteResponse,
    signers: (m) => [m.delegator],
    validate: (m) => {
      address(k, m.delegator, 'delegator');
    },
    handle: (ctx, m) => {
      undelegateVote(k, ctx, k.addrs.decode(m.delegator));
      return {};
    },
  };

  const createGrantRoute: MsgRoute<hyper.MsgCreateGrant, hyper.MsgCreateGrantResponse> = {
    type: hyper.MsgCreateGrant,
    response: hyper.MsgCreateGrantResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      address(k, m.authority, 'authority');
      address(k, m.recipient, 'recipient');
      coinsFromProto(m.amountPerBlock, { allowEmpty: false });
      if (m.endHeight <= 0n) throw hyperGovErrors.InvalidGrant('end height must be positive');
      if (m.startHeight < 0n) throw hyperGovErrors.InvalidGrant('start height cannot be negative');
      if (m.startHeight > m.endHeight) throw hyperGovErrors.InvalidGrant(`start height ${m.startHeight} is after end height ${m.endHeight}`);
    },
    handle: (ctx, m) => {
      requireAuthority(k, m.authority);
      const g = createGrant(k, ctx, {
        recipient: m.recipient,
        amountPerBlock: coinsFromProto(m.amountPerBlock, { allowEmpty: false }),
        startHeight: m.startHeight,
        endHeight: m.endHeight,
        description: m.description,
      });
      return { grantId: g.id };
    },
  };

  const cancelGrantRoute: MsgRoute<hyper.MsgCancelGrant, hyper.MsgCancelGrantResponse> = {
    type: hyper.MsgCancelGrant,
    response: hyper.MsgCancelGrantResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      address(k, m.authority, 'authority');
      if (m.grantId === 0n) throw hyperGovErrors.UnknownGrant('grant id 0');
    },
    handle: (ctx, m) => {
      requireAuthority(k, m.authority);
      cancelGrant(k, ctx, m.grantId);
      return {};
    },
  };

  return [delegate, undelegate, createGrantRoute, cancelGrantRoute];
}
