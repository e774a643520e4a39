/** hypermesh.resource.v1.Msg: decode, validate, authorize, one keeper call. */
import {
  MsgAddBond,
  MsgAddBondResponse,
  MsgChallenge,
  MsgChallengeResponse,
  MsgHeartbeat,
  MsgHeartbeatResponse,
  MsgMint,
  MsgMintResponse,
  MsgRedeem,
  MsgRedeemResponse,
  MsgRegisterNode,
  MsgRegisterNodeResponse,
  MsgRegisterProvider,
  MsgRegisterProviderResponse,
  MsgRetire,
  MsgRetireResponse,
  MsgSignAttributes,
  MsgSignAttributesResponse,
  MsgUnbondProvider,
  MsgUnbondProviderResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgUpdateProvider,
  MsgUpdateProviderResponse,
} from '../../src/gen/hypermesh/resource/v1/tx';
import { EventParamsUpdated } from '../../src/gen/hypermesh/resource/v1/events';
import { ChallengeKind } from '../../src/gen/hypermesh/resource/v1/resource';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import { resourceErrors } from './errors';
import { emitTyped, rfc3339 } from './events';
import type { ResourceKeeper } from './keeper';
import { validateParams } from './params';
import { bondAmount } from './providers';
import { parseNodeId } from './sign_bytes';
import { resourceCoin } from './tokens';
import { validateAttributes, validateDescription, validateLabel, validatePrices } from './validation';

export function resourceMsgs(k: ResourceKeeper, addrs: AddressCodec, authority: string): MsgRoute[] {
  const registerProvider: MsgRoute<MsgRegisterProvider, MsgRegisterProviderResponse> = {
    type: MsgRegisterProvider,
    response: MsgRegisterProviderResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      validateDescription(m.moniker, m.contact);
      validatePrices(m.prices);
      bondAmount(m.bond, 'bond');
    },
    handle: (ctx, m) => {
      k.registerProvider(ctx, m);
      return {};
    },
  };

  const updateProvider: MsgRoute<MsgUpdateProvider, MsgUpdateProviderResponse> = {
    type: MsgUpdateProvider,
    response: MsgUpdateProviderResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      validateDescription(m.moniker, m.contact);
      validatePrices(m.prices);
    },
    handle: (ctx, m) => {
      k.updateProvider(ctx, m);
      return {};
    },
  };

  const addBond: MsgRoute<MsgAddBond, MsgAddBondResponse> = {
    type: MsgAddBond,
    response: MsgAddBondResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      bondAmount(m.amount, 'amount');
    },
    handle: (ctx, m) => {
      k.addBond(ctx, m);
      return {};
    },
  };

  const unbondProvider: MsgRoute<MsgUnbondProvider, MsgUnbondProviderResponse> = {
    type: MsgUnbondProvider,
    response: MsgUnbondProviderResponse,
    signers: (m) => [m.provider],
    validate: (m) => void addrs.decode(m.provider),
    handle: (ctx, m) => ({ completionTime: rfc3339(k.unbondProvider(ctx, m)) }),
  };

  const registerNode: MsgRoute<MsgRegisterNode, MsgRegisterNodeResponse> = {
    type: MsgRegisterNode,
    response: MsgRegisterNodeResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      parseNodeId(m.nodeId);
      validateLabel('cluster id', m.clusterId);
      validateLabel('region', m.region);
      validateAttributes(m.attributes);
    },
    handle: (ctx, m) => {
      k.registerNode(ctx, m);
      return {};
    },
  };

  const signAttributes: MsgRoute<MsgSignAttributes, MsgSignAttributesResponse> = {
    type: MsgSignAttributes,
    response: MsgSignAttributesResponse,
    signers: (m) => [m.auditor],
    validate: (m) => {
      addrs.decode(m.auditor);
      parseNodeId(m.nodeId);
      validateAttributes(m.attributes);
    },
    handle: (ctx, m) => {
      k.signAttributes(ctx, m);
      return {};
    },
  };

  const heartbeat: MsgRoute<MsgHeartbeat, MsgHeartbeatResponse> = {
    type: MsgHeartbeat,
    response: MsgHeartbeatResponse,
    signers: (m) => [m.submitter],
    validate: (m) => {
      addrs.decode(m.submitter);
      if (m.heartbeats.length === 0) throw sdk.InvalidRequest('no heartbeats');
      for (const hb of m.heartbeats) parseNodeId(hb.nodeId);
    },
    handle: (ctx, m) => {
      k.heartbeat(ctx, m);
      return {};
    },
  };

  const mint: MsgRoute<MsgMint, MsgMintResponse> = {
    type: MsgMint,
    response: MsgMintResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      resourceCoin(m.amount);
    },
    handle: (ctx, m) => {
      k.mint(ctx, m);
      return {};
    },
  };

  const retire: MsgRoute<MsgRetire, MsgRetireResponse> = {
    type: MsgRetire,
    response: MsgRetireResponse,
    signers: (m) => [m.provider],
    validate: (m) => {
      addrs.decode(m.provider);
      resourceCoin(m.amount);
    },
    handle: (ctx, m) => {
      k.retire(ctx, m);
      return {};
    },
  };

  const redeem: MsgRoute<MsgRedeem, MsgRedeemResponse> = {
    type: MsgRedeem,
    response: MsgRedeemResponse,
    signers: (m) => [m.consumer],
    validate: (m) => {
      addrs.decode(m.consumer);
      resourceCoin(m.amount);
      if (m.durationSeconds === 0n) throw resourceErrors.InvalidLeaseDuration('duration must be positive');
      if (m.provider !== '') addrs.decode(m.provider);
      if (m.nodeId !== '') parseNodeId(m.nodeId);
    },
    handle: (ctx, m) => k.redeem(ctx, m),
  };

  const challenge: MsgRoute<MsgChallenge, MsgChallengeResponse> = {
    type: MsgChallenge,
    response: MsgChallengeResponse,
    signers: (m) => [m.challenger],
    validate: (m) => {
      addrs.decode(m.challenger);
      if (m.kind === ChallengeKind.CHALLENGE_KIND_FAILED_LEASE && m.leaseId === 0n) throw resourceErrors.InvalidChallenge('lease_id is required');
      if (m.kind === ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY) {
        if (!m.heartbeat) throw resourceErrors.InvalidChallenge('heartbeat is required');
        parseNodeId(m.heartbeat.nodeId);
      }
      if (m.kind !== ChallengeKind.CHALLENGE_KIND_FAILED_LEASE && m.kind !== ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY) {
        throw resourceErrors.InvalidChallenge(`unknown challenge kind ${m.kind}`);
      }
    },
    handle: (ctx, m) => {
      const { slashed, recipient } = k.challenge(ctx, m);
      return { slashed: slashed.toString(), recipient };
    },
  };

  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.authority);
      if (!m.params) throw sdk.InvalidRequest('params are required');
      validateParams(m.params, addrs);
    },
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setParams(ctx, m.params!);
      emitTyped(ctx, EventParamsUpdated, { authority: m.authority });
      return {};
    },
  };

  return [registerProvider, updateProvider, addBond, unbondProvider, registerNode, signAttributes, heartbeat, mint, retire, redeem, challenge, updateParams];
}
