/**
 * x/resource Msgs for cosmjs: type URLs (declared once; the chain's router uses the same codecs),
 * Registry entries, EncodeObject types.
 */
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import {
  MsgAddBond,
  MsgChallenge,
  MsgHeartbeat,
  MsgMint,
  MsgRedeem,
  MsgRegisterNode,
  MsgRegisterProvider,
  MsgRetire,
  MsgSignAttributes,
  MsgUnbondProvider,
  MsgUpdateParams,
  MsgUpdateProvider,
} from '../../gen/hypermesh/resource/v1/tx';

export const MSG_REGISTER_PROVIDER = '/hypermesh.resource.v1.MsgRegisterProvider' as const;
export const MSG_UPDATE_PROVIDER = '/hypermesh.resource.v1.MsgUpdateProvider' as const;
export const MSG_ADD_BOND = '/hypermesh.resource.v1.MsgAddBond' as const;
export const MSG_UNBOND_PROVIDER = '/hypermesh.resource.v1.MsgUnbondProvider' as const;
export const MSG_REGISTER_NODE = '/hypermesh.resource.v1.MsgRegisterNode' as const;
export const MSG_SIGN_ATTRIBUTES = '/hypermesh.resource.v1.MsgSignAttributes' as const;
export const MSG_HEARTBEAT = '/hypermesh.resource.v1.MsgHeartbeat' as const;
export const MSG_MINT = '/hypermesh.resource.v1.MsgMint' as const;
export const MSG_RETIRE = '/hypermesh.resource.v1.MsgRetire' as const;
export const MSG_REDEEM = '/hypermesh.resource.v1.MsgRedeem' as const;
export const MSG_CHALLENGE = '/hypermesh.resource.v1.MsgChallenge' as const;
export const MSG_UPDATE_PARAMS = '/hypermesh.resource.v1.MsgUpdateParams' as const;

export const resourceTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MSG_REGISTER_PROVIDER, MsgRegisterProvider],
  [MSG_UPDATE_PROVIDER, MsgUpdateProvider],
  [MSG_ADD_BOND, MsgAddBond],
  [MSG_UNBOND_PROVIDER, MsgUnbondProvider],
  [MSG_REGISTER_NODE, MsgRegisterNode],
  [MSG_SIGN_ATTRIBUTES, MsgSignAttributes],
  [MSG_HEARTBEAT, MsgHeartbeat],
  [MSG_MINT, MsgMint],
  [MSG_RETIRE, MsgRetire],
  [MSG_REDEEM, MsgRedeem],
  [MSG_CHALLENGE, MsgChallenge],
  [MSG_UPDATE_PARAMS, MsgUpdateParams],
];

export interface MsgRegisterProviderEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_REGISTER_PROVIDER;
  readonly value: Partial<MsgRegisterProvider>;
}
export interface MsgRegisterNodeEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_REGISTER_NODE;
  readonly value: Partial<MsgRegisterNode>;
}
export interface MsgHeartbeatEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_HEARTBEAT;
  readonly value: Partial<MsgHeartbeat>;
}
export interface MsgMintEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_MINT;
  readonly value: Partial<MsgMint>;
}
export interface MsgRedeemEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MSG_REDEEM;
  readonly value: Partial<MsgRedeem>;
}

export function isMsgRedeemEncodeObject(o: EncodeObject): o is MsgRedeemEncodeObject {
  return o.typeUrl === MSG_REDEEM;
}
