/** x/distribution params: the SDK's v0.50 defaults (no proposer rewards) and HyperMesh's fee burn fraction. */
import { Params } from 'cosmjs-types/cosmos/distribution/v1beta1/distribution';
import { Params as HyperParams } from '../../src/gen/hypermesh/distribution/v1/params';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  communityTax: Dec.fromString('0.02').toProto(),
  baseProposerReward: Dec.ZERO.toProto(),
  bonusProposerReward: Dec.ZERO.toProto(),
  withdrawAddrEnabled: true,
});

export const DEFAULT_HYPER_PARAMS: HyperParams = HyperParams.fromPartial({ burnFraction: Dec.fromString('0.2').toProto() });

function fraction(name: string, d: Dec): void {
  if (d.isNegative() || d.gt(Dec.ONE)) throw sdk.InvalidRequest(`${name} must be within [0, 1]: ${d}`);
}

export function validateParams(p: Params): void {
  fraction('community tax', Dec.fromProto(p.communityTax));
  fraction('base proposer reward', Dec.fromProto(p.baseProposerReward));
  fraction('bonus proposer reward', Dec.fromProto(p.bonusProposerReward));
}

export function validateHyperParams(p: HyperParams): void {
  fraction('burn fraction', Dec.fromProto(p.burnFraction));
}
