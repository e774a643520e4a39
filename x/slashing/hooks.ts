/** x/slashing's staking hooks (the SDK's x/slashing/keeper/hooks.go). */
import type { Context } from '../../src/types/context';
import type { StakingHooks } from '../staking/hooks';
import type { SlashingKeeper } from './keeper';

export function slashingHooks(k: SlashingKeeper): StakingHooks {
  return {
    afterValidatorBonded: (ctx: Context, consAddr: Uint8Array) => k.afterValidatorBonded(ctx, consAddr),
    afterValidatorRemoved: (ctx: Context, consAddr: Uint8Array) => k.state.addrPubkeyRelation.delete(ctx, consAddr),
    afterValidatorCreated: (ctx: Context, valAddr: Uint8Array) => {
      const v = k.deps.staking.getValidator(ctx, valAddr);
      if (v?.consensusPubkey) k.addPubkey(ctx, v.consensusPubkey);
    },
  };
}
