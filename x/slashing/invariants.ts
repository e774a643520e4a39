/**
 * x/slashing invariants, as pure functions over a snapshot (keeper or a node's queries). The SDK
 * has none registered; these are the properties the e2e tests check after every block.
 */
import type { ValidatorSigningInfo } from 'cosmjs-types/cosmos/slashing/v1beta1/slashing';
import type { Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';

export interface SlashingSnapshot {
  signedBlocksWindow: bigint;
  signingInfos: readonly ValidatorSigningInfo[];
  /** consensus address (hypervalcons) → validator */
  validatorsByConsAddress: ReadonlyMap<string, Validator>;
}

/** A window never counts more missed blocks than it has, nor fewer than zero. */
export function missedBlocksInvariant(s: SlashingSnapshot): string[] {
  return s.signingInfos
    .filter((i) => i.missedBlocksCounter < 0n || i.missedBlocksCounter > s.signedBlocksWindow)
    .map((i) => `${i.address}: missed_blocks_counter ${i.missedBlocksCounter} outside [0, ${s.signedBlocksWindow}]`);
}

/** A tombstoned validator that still exists is jailed (and can never be unjailed). */
export function tombstonedJailedInvariant(s: SlashingSnapshot): string[] {
  const out: string[] = [];
  for (const i of s.signingInfos) {
    const v = s.validatorsByConsAddress.get(i.address);
    if (i.tombstoned && v && !v.jailed) out.push(`${i.address} is tombstoned but validator ${v.operatorAddress} is not jailed`);
  }
  return out;
}

export function slashingInvariants(s: SlashingSnapshot): string[] {
  return [...missedBlocksInvariant(s), ...tombstonedJailedInvariant(s)];
}
