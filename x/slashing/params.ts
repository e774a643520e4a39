/** x/slashing params: the SDK's defaults (x/slashing/types/params.go) and HyperMesh's resource fraud fraction. */
import { Params } from 'cosmjs-types/cosmos/slashing/v1beta1/slashing';
import { Params as HyperParams } from '../../src/gen/hypermesh/slashing/v1/params';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

/** The Dec params are `bytes` fields holding the Dec's wire text. */
export const decBytes = (d: Dec): Uint8Array => utf8.encode(d.toProto());
export const decOf = (b: Uint8Array): Dec => Dec.fromProto(utf8d.decode(b));

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  signedBlocksWindow: 100n,
  minSignedPerWindow: decBytes(Dec.fromString('0.5')),
  downtimeJailDuration: { seconds: 600n, nanos: 0 },
  slashFractionDoubleSign: decBytes(Dec.fromString('0.05')),
  slashFractionDowntime: decBytes(Dec.fromString('0.01')),
});

export const DEFAULT_HYPER_PARAMS: HyperParams = HyperParams.fromPartial({
  resourceFraudSlashFraction: Dec.fromString('0.05').toProto(),
});

function fraction(name: string, d: Dec, { allowZero = true } = {}): void {
  if (d.isNegative() || (!allowZero && d.isZero())) throw sdk.InvalidRequest(`${name} must be ${allowZero ? 'non-negative' : 'positive'}: ${d}`);
  if (d.gt(Dec.ONE)) throw sdk.InvalidRequest(`${name} too large: ${d}`);
}

export function validateParams(p: Params): void {
  if (p.signedBlocksWindow <= 0n) throw sdk.InvalidRequest(`signed blocks window must be positive: ${p.signedBlocksWindow}`);
  fraction('min signed per window', decOf(p.minSignedPerWindow));
  const jail = p.downtimeJailDuration;
  if (!jail || jail.seconds < 0n || (jail.seconds === 0n && jail.nanos <= 0)) throw sdk.InvalidRequest('downtime jail duration must be positive');
  fraction('double sign slash', decOf(p.slashFractionDoubleSign));
  fraction('downtime slash', decOf(p.slashFractionDowntime));
}

export function validateHyperParams(p: HyperParams): void {
  fraction('resource fraud slash fraction', Dec.fromProto(p.resourceFraudSlashFraction));
}
