/** x/distribution's staking hooks (the SDK's x/distribution/keeper/hooks.go): F1 bookkeeping. */
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';
import type { StakingHooks } from '../staking/hooks';
import * as dc from './dec_coins';
import type { DistributionKeeper } from './keeper';
import { ModuleName } from './keys';
import { CMap } from '../../src/store/collections';
import { lpBytes } from './keys';

export function distributionHooks(k: DistributionKeeper): StakingHooks {
  return {
    afterValidatorCreated: (ctx: Context, val: Uint8Array) => k.initializeValidator(ctx, val),

    /** The validator is gone: commission to the operator, everything else outstanding to the community pool. */
    afterValidatorRemoved: (ctx: Context, _consAddr: Uint8Array, val: Uint8Array) => {
      let outstanding = k.outstanding(ctx, val);
      const commission = k.commission(ctx, val);
      if (commission.length > 0) {
        outstanding = dc.sub(outstanding, commission);
        const { coins, change } = dc.truncateDecimal(commission);
        k.addToCommunityPool(ctx, change);
        if (coins.length > 0) k.bank.sendFromModuleToAccount(ctx, ModuleName, k.withdrawAddress(ctx, val), coins);
      }
      k.addToCommunityPool(ctx, outstanding);
      k.state.outstandingRewards.delete(ctx, val);
      k.state.accumulatedCommission.delete(ctx, val);
      const prefix = CMap.prefixOf(lpBytes, val);
      for (const [key] of [...k.state.slashEvents.iterate(ctx, { prefix })]) k.state.slashEvents.delete(ctx, [Uint8Array.from(key[0]), key[1], key[2]]);
      for (const [key] of [...k.state.historicalRewards.iterate(ctx, { prefix })]) k.state.historicalRewards.delete(ctx, [Uint8Array.from(key[0]), key[1]]);
      k.state.currentRewards.delete(ctx, val);
    },

    beforeDelegationCreated: (ctx: Context, _del: Uint8Array, val: Uint8Array) => {
      k.incrementValidatorPeriod(ctx, k.staking.getValidator(ctx, val)!);
    },

    beforeDelegationSharesModified: (ctx: Context, del: Uint8Array, val: Uint8Array) => {
      const v = k.staking.getValidator(ctx, val)!;
      const d = k.staking.getDelegation(ctx, del, val)!;
      k.withdrawDelegationRewardsOf(ctx, v, d);
    },

    afterDelegationModified: (ctx: Context, del: Uint8Array, val: Uint8Array) => k.initializeDelegation(ctx, val, del),

    beforeValidatorSlashed: (ctx: Context, val: Uint8Array, fraction: Dec) => k.updateValidatorSlashFraction(ctx, val, fraction),
  };
}
