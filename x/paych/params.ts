/** x/paych params: defaults (README, "Params") and validation. */
import { Params } from '../../src/gen/hypermesh/paych/v1/paych';
import { sdk } from '../../src/types/errors';

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  settleDelayBlocks: 100n,
  maxLanes: 256,
  signatureGas: 1000n,
});

export function validateParams(p: Params): void {
  if (p.settleDelayBlocks <= 0n) throw sdk.InvalidRequest('invalid paych params: settle_delay_blocks must be positive');
  if (p.maxLanes <= 0) throw sdk.InvalidRequest('invalid paych params: max_lanes must be positive');
}
