/** x/auth params: the SDK defaults and their validation. */
import { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { sdk } from '../../src/types/errors';

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  maxMemoCharacters: 256n,
  txSigLimit: 7n,
  txSizeCostPerByte: 10n,
  sigVerifyCostEd25519: 590n,
  sigVerifyCostSecp256k1: 1000n,
});

export function validateParams(p: Params): void {
  const positive: [keyof Params, bigint][] = [
    ['maxMemoCharacters', p.maxMemoCharacters],
    ['txSigLimit', p.txSigLimit],
    ['txSizeCostPerByte', p.txSizeCostPerByte],
    ['sigVerifyCostEd25519', p.sigVerifyCostEd25519],
    ['sigVerifyCostSecp256k1', p.sigVerifyCostSecp256k1],
  ];
  for (const [name, v] of positive) {
    if (v <= 0n) throw sdk.InvalidRequest(`invalid auth param ${name}: must be positive, got ${v}`);
  }
}
