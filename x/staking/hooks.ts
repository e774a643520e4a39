/**
 * The SDK's staking hooks (x/staking/types/hooks.go): how distribution and slashing learn of
 * validator and delegation changes, in the order staking calls them. Every hook is optional; a
 * hook that throws fails the operation (the tx, or the block for EndBlock changes).
 */
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

export interface StakingHooks {
  afterValidatorCreated?(ctx: Context, valAddr: Uint8Array): void;
  beforeValidatorModified?(ctx: Context, valAddr: Uint8Array): void;
  afterValidatorRemoved?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  afterValidatorBonded?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  afterValidatorBeginUnbonding?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationCreated?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationSharesModified?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationRemoved?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  afterDelegationModified?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeValidatorSlashed?(ctx: Context, valAddr: Uint8Array, fraction: Dec): void;
}

type HookName = keyof StakingHooks;

/** Calls each hook of `list` in order (the SDK's MultiStakingHooks). */
export function multiStakingHooks(list: readonly StakingHooks[]): Required<StakingHooks> {
  const call =
    <K extends HookName>(name: K) =>
    (...args: Parameters<Required<StakingHooks>[K]>) => {
      for (const h of list) (h[name] as ((...a: unknown[]) => void) | undefined)?.apply(h, args);
    };
  return {
    afterValidatorCreated: call('afterValidatorCreated'),
    beforeValidatorModified: call('beforeValidatorModified'),
    afterValidatorRemoved: call('afterValidatorRemoved'),
    afterValidatorBonded: call('afterValidatorBonded'),
    afterValidatorBeginUnbonding: call('afterValidatorBeginUnbonding'),
    beforeDelegationCreated: call('beforeDelegationCreated'),
    beforeDelegationSharesModified: call('beforeDelegationSharesModified'),
    beforeDelegationRemoved: call('beforeDelegationRemoved'),
    afterDelegationModified: call('afterDelegationModified'),
    beforeValidatorSlashed: call('beforeValidatorSlashed'),
  };
}
