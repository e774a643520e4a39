/** x/mint invariants over a snapshot (keeper or queries): inflation stays within its bounds. */
import type { Minter, Params } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import { Dec } from '../../src/types/dec';

export interface MintSnapshot {
  /** The inflation as its decimal string ("0.130000000000000000") or wire form. */
  inflation: Dec;
  params: Params;
}

export function inflationBoundsInvariant(s: MintSnapshot): string[] {
  const min = Dec.fromProto(s.params.inflationMin);
  const max = Dec.fromProto(s.params.inflationMax);
  return s.inflation.lt(min) || s.inflation.gt(max) ? [`inflation ${s.inflation} outside [${min}, ${max}]`] : [];
}

export function mintInvariants(s: MintSnapshot): string[] {
  return inflationBoundsInvariant(s);
}

export function snapshotOf(minter: Minter, params: Params): MintSnapshot {
  return { inflation: Dec.fromProto(minter.inflation), params };
}
