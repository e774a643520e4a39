/** x/paych Msgs for cosmjs: type URLs, Registry entries, EncodeObject types. */
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { MsgCollect, MsgCreateChannel, MsgFundChannel, MsgSettle, MsgUpdateChannel, MsgUpdateParams } from '../../gen/hypermesh/paych/v1/tx';

export const MSG_CREATE_CHANNEL = '/hypermesh.paych.v1.MsgCreateChannel' as const;
export const MSG_FUND_CHANNEL = '/hypermesh.paych.v1.MsgFundChannel' as const;
export const MSG_UPDATE_CHANNEL = '/hypermesh.paych.v1.MsgUpdateChannel' as const;
export const MSG_SETTLE = '/hypermesh.paych.v1.MsgSettle' as const;
export const MSG_COLLECT = '/hypermesh.paych.v1.MsgCollect' as const;
export const MSG_PAYCH_UPDATE_PARAMS = '/hypermesh.paych.v1.MsgUpdateParams' as const;

export const paychTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MSG_CREATE_CHANNEL, MsgCreateChannel],
  [MSG_FUND_CHANNEL, MsgFundChannel],
  [MSG_UPDATE_CHANNEL, MsgUpdateChannel],
  [MSG_SETTLE, MsgSettle],
  [MSG_COLLECT, MsgCollect],
  [MSG_PAYCH_UPDATE_PARAMS, MsgUpdateParams],
];

export interface MsgCreateChannelEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_CREATE_CHANNEL;
  readonly value: Partial<MsgCreateChannel>;
}
export interface MsgUpdateChannelEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_UPDATE_CHANNEL;
  readonly value: Partial<MsgUpdateChannel>;
}
export interface MsgSettleEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_SETTLE;
  readonly value: Partial<MsgSettle>;
}
export interface MsgCollectEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_COLLECT;
  readonly value: Partial<MsgCollect>;
}
