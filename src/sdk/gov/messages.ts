/**
 * Governance Msgs for cosmjs: hypermesh.gov.v1 type URLs and Registry entries (cosmjs's defaults
 * already have cosmos.gov.v1 and v1beta1), EncodeObject types, and builders for proposals whose
 * messages are packed as Any.
 */
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { MsgCancelProposal, MsgSubmitProposal } from 'cosmjs-types/cosmos/gov/v1/tx';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { MsgCancelGrant, MsgCreateGrant, MsgDelegateVote, MsgUndelegateVote } from '../../gen/hypermesh/gov/v1/tx';

export const MSG_DELEGATE_VOTE = '/hypermesh.gov.v1.MsgDelegateVote' as const;
export const MSG_UNDELEGATE_VOTE = '/hypermesh.gov.v1.MsgUndelegateVote' as const;
export const MSG_CREATE_GRANT = '/hypermesh.gov.v1.MsgCreateGrant' as const;
export const MSG_CANCEL_GRANT = '/hypermesh.gov.v1.MsgCancelGrant' as const;
export const MSG_SUBMIT_PROPOSAL_V1 = '/cosmos.gov.v1.MsgSubmitProposal' as const;

/** Registry entries of the hypermesh.gov.v1 Msgs, plus v1 MsgCancelProposal (not in cosmjs's defaults). */
export const govTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MSG_DELEGATE_VOTE, MsgDelegateVote],
  [MSG_UNDELEGATE_VOTE, MsgUndelegateVote],
  [MSG_CREATE_GRANT, MsgCreateGrant],
  [MSG_CANCEL_GRANT, MsgCancelGrant],
  [MsgCancelProposal.typeUrl, MsgCancelProposal],
];

export interface MsgDelegateVoteEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_DELEGATE_VOTE;
  readonly value: Partial<MsgDelegateVote>;
}
export interface MsgUndelegateVoteEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_UNDELEGATE_VOTE;
  readonly value: Partial<MsgUndelegateVote>;
}

export function isMsgDelegateVoteEncodeObject(o: EncodeObject): o is MsgDelegateVoteEncodeObject {
  return o.typeUrl === MSG_DELEGATE_VOTE;
}

export function msgDelegateVote(delegator: string, delegate: string): MsgDelegateVoteEncodeObject {
  return { typeUrl: MSG_DELEGATE_VOTE, value: MsgDelegateVote.fromPartial({ delegator, delegate }) };
}

export function msgUndelegateVote(delegator: string): MsgUndelegateVoteEncodeObject {
  return { typeUrl: MSG_UNDELEGATE_VOTE, value: MsgUndelegateVote.fromPartial({ delegator }) };
}

/** A message for a proposal: packed as Any with its codec (any cosmjs-types or src/gen codec). */
export function proposalMessage<T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array }; fromPartial(o: any): T }, value: Partial<T>): Any {
  return { typeUrl: codec.typeUrl, value: codec.encode(codec.fromPartial(value)).finish() };
}

/** A cosmos.gov.v1 MsgSubmitProposal (sign it with SIGN_MODE_DIRECT: its messages have no Amino form here). */
export function msgSubmitProposal(p: {
  proposer: string;
  messages: Any[];
  initialDeposit: Coin[];
  title: string;
  summary: string;
  metadata?: string;
  expedited?: boolean;
}): EncodeObject {
  return {
    typeUrl: MSG_SUBMIT_PROPOSAL_V1,
    value: MsgSubmitProposal.fromPartial({ ...p, metadata: p.metadata ?? '', expedited: p.expedited ?? false }),
  };
}
