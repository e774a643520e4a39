/**
 * Legacy Amino JSON of the gov messages a wallet signs itself, as the SDK's x/tx aminojson encoder
 * writes them (amino.name, proto field names, empty values omitted unless dont_omitempty, uint64 as
 * strings, enums as numbers): cosmos.gov.v1 MsgVote / MsgVoteWeighted / MsgDeposit (cosmjs has only
 * the v1beta1 ones) and hypermesh.gov.v1 MsgDelegateVote / MsgUndelegateVote. Messages signed by
 * the gov authority (MsgCreateGrant, MsgCancelGrant) and v1 MsgSubmitProposal (arbitrary Any
 * messages) have none: sign those with SIGN_MODE_DIRECT.
 */
import type { AminoConverters } from '@cosmjs/stargate';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { MsgDeposit, MsgVote, MsgVoteWeighted } from 'cosmjs-types/cosmos/gov/v1/tx';
import type { VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgDelegateVote, MsgUndelegateVote } from '../../gen/hypermesh/gov/v1/tx';

export const AMINO_DELEGATE_VOTE = 'hypermesh/gov/MsgDelegateVote';
export const AMINO_UNDELEGATE_VOTE = 'hypermesh/gov/MsgUndelegateVote';

export interface AminoMsgVoteV1 {
  proposal_id: string;
  voter?: string;
  option?: number;
  metadata?: string;
}
export interface AminoMsgVoteWeightedV1 {
  proposal_id: string;
  voter?: string;
  options?: { option?: number; weight?: string }[];
  metadata?: string;
}
export interface AminoMsgDepositV1 {
  proposal_id: string;
  depositor?: string;
  amount: Coin[];
}

const opt = <T>(key: string, v: T | undefined, empty: T): Record<string, T> => (v === undefined || v === empty ? {} : { [key]: v });

export function createGovV1AminoConverters(): AminoConverters {
  return {
    [MsgVote.typeUrl]: {
      aminoType: 'cosmos-sdk/v1/MsgVote',
      toAmino: (m: MsgVote): AminoMsgVoteV1 => ({
        proposal_id: m.proposalId.toString(),
        ...opt('voter', m.voter, ''),
        ...opt('option', m.option as number, 0),
        ...opt('metadata', m.metadata, ''),
      }),
      fromAmino: (a: AminoMsgVoteV1): MsgVote =>
        MsgVote.fromPartial({ proposalId: BigInt(a.proposal_id), voter: a.voter ?? '', option: (a.option ?? 0) as VoteOption, metadata: a.metadata ?? '' }),
    },
    [MsgVoteWeighted.typeUrl]: {
      aminoType: 'cosmos-sdk/v1/MsgVoteWeighted',
      toAmino: (m: MsgVoteWeighted): AminoMsgVoteWeightedV1 => ({
        proposal_id: m.proposalId.toString(),
        ...opt('voter', m.voter, ''),
        ...(m.options.length > 0 ? { options: m.options.map((o) => ({ ...opt('option', o.option as number, 0), ...opt('weight', o.weight, '') })) } : {}),
        ...opt('metadata', m.metadata, ''),
      }),
      fromAmino: (a: AminoMsgVoteWeightedV1): MsgVoteWeighted =>
        MsgVoteWeighted.fromPartial({
          proposalId: BigInt(a.proposal_id),
          voter: a.voter ?? '',
          options: (a.options ?? []).map((o) => ({ option: (o.option ?? 0) as VoteOption, weight: o.weight ?? '' })),
          metadata: a.metadata ?? '',
        }),
    },
    [MsgDeposit.typeUrl]: {
      aminoType: 'cosmos-sdk/v1/MsgDeposit',
      toAmino: (m: MsgDeposit): AminoMsgDepositV1 => ({ proposal_id: m.proposalId.toString(), ...opt('depositor', m.depositor, ''), amount: m.amount.map((c) => ({ denom: c.denom, amount: c.amount })) }),
      fromAmino: (a: AminoMsgDepositV1): MsgDeposit => MsgDeposit.fromPartial({ proposalId: BigInt(a.proposal_id), depositor: a.depositor ?? '', amount: [...a.amount] }),
    },
  };
}

export function createHyperGovAminoConverters(): AminoConverters {
  return {
    [MsgDelegateVote.typeUrl]: {
      aminoType: AMINO_DELEGATE_VOTE,
      toAmino: (m: MsgDelegateVote) => ({ ...opt('delegator', m.delegator, ''), ...opt('delegate', m.delegate, '') }),
      fromAmino: (a: { delegator?: string; delegate?: string }): MsgDelegateVote => MsgDelegateVote.fromPartial({ delegator: a.delegator ?? '', delegate: a.delegate ?? '' }),
    },
    [MsgUndelegateVote.typeUrl]: {
      aminoType: AMINO_UNDELEGATE_VOTE,
      toAmino: (m: MsgUndelegateVote) => ({ ...opt('delegator', m.delegator, '') }),
      fromAmino: (a: { delegator?: string }): MsgUndelegateVote => MsgUndelegateVote.fromPartial({ delegator: a.delegator ?? '' }),
    },
  };
}

/** Every gov converter this chain accepts beyond cosmjs's defaults. */
export function createGovAminoConverters(): AminoConverters {
  return { ...createGovV1AminoConverters(), ...createHyperGovAminoConverters() };
}
