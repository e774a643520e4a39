/**
 * x/distribution genesis (cosmos.distribution.v1beta1.GenesisState) and the hypermesh_distribution
 * section. The module account must hold the community pool and the outstanding rewards (truncated),
 * as the SDK checks.
 */
import { GenesisState } from 'cosmjs-types/cosmos/distribution/v1beta1/genesis';
import { GenesisState as HyperGenesis } from '../../src/gen/hypermesh/distribution/v1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import { sdk } from '../../src/types/errors';
import { coinsToString } from '../../src/types/coins';
import * as dc from './dec_coins';
import type { DistributionKeeper } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_HYPER_PARAMS, DEFAULT_PARAMS, validateHyperParams, validateParams } from './params';

export function distributionGenesis(k: DistributionKeeper): ModuleGenesis<GenesisState> {
  const val = (s: string) => k.validatorAddressCodec.decode(s);
  const acc = (s: string) => k.addressCodec.decode(s);
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, feePool: { communityPool: [] } }),
    validate: (g) => validateParams(g.params ?? DEFAULT_PARAMS),
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.setCommunityPool(ctx, dc.fromProto(g.feePool?.communityPool ?? []));
      for (const w of g.delegatorWithdrawInfos) k.state.withdrawAddr.set(ctx, acc(w.delegatorAddress), acc(w.withdrawAddress));
      let outstanding = dc.fromProto([]);
      for (const o of g.outstandingRewards) {
        k.setOutstanding(ctx, val(o.validatorAddress), dc.fromProto(o.outstandingRewards));
        outstanding = dc.add(outstanding, dc.fromProto(o.outstandingRewards));
      }
      for (const c of g.validatorAccumulatedCommissions) k.setCommission(ctx, val(c.validatorAddress), dc.fromProto(c.accumulated?.commission ?? []));
      for (const h of g.validatorHistoricalRewards) k.state.historicalRewards.set(ctx, [val(h.validatorAddress), h.period], h.rewards);
      for (const c of g.validatorCurrentRewards) k.state.currentRewards.set(ctx, val(c.validatorAddress), c.rewards);
      for (const s of g.delegatorStartingInfos) k.state.startingInfo.set(ctx, [val(s.validatorAddress), acc(s.delegatorAddress)], s.startingInfo);
      for (const e of g.validatorSlashEvents) k.state.slashEvents.set(ctx, [val(e.validatorAddress), e.height, e.validatorSlashEvent.validatorPeriod], e.validatorSlashEvent);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
      const expected = dc.truncateDecimal(dc.add(k.communityPool(ctx), outstanding)).coins;
      const balance = k.bank.getAllBalances(ctx, k.deps.accounts.moduleAddress(ModuleName));
      if (coinsToString(balance) !== coinsToString(expected)) {
        throw sdk.InvalidRequest(`distribution module balance ${coinsToString(balance) || '0'} does not match the community pool and outstanding rewards ${coinsToString(expected) || '0'}`);
      }
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        feePool: { communityPool: dc.toProto(k.communityPool(ctx)) },
        delegatorWithdrawInfos: [...k.state.withdrawAddr.iterate(ctx)].map(([d, w]) => ({ delegatorAddress: k.addressCodec.encode(d), withdrawAddress: k.addressCodec.encode(w) })),
        outstandingRewards: [...k.state.outstandingRewards.iterate(ctx)].map(([v, o]) => ({ validatorAddress: k.validatorAddressCodec.encode(v), outstandingRewards: o.rewards })),
        validatorAccumulatedCommissions: [...k.state.accumulatedCommission.iterate(ctx)].map(([v, c]) => ({ validatorAddress: k.validatorAddressCodec.encode(v), accumulated: c })),
        validatorHistoricalRewards: [...k.state.historicalRewards.iterate(ctx)].map(([[v, period], rewards]) => ({ validatorAddress: k.validatorAddressCodec.encode(v), period, rewards })),
        validatorCurrentRewards: [...k.state.currentRewards.iterate(ctx)].map(([v, rewards]) => ({ validatorAddress: k.validatorAddressCodec.encode(v), rewards })),
        delegatorStartingInfos: [...k.state.startingInfo.iterate(ctx)].map(([[v, d], startingInfo]) => ({
          validatorAddress: k.validatorAddressCodec.encode(v),
          delegatorAddress: k.addressCodec.encode(d),
          startingInfo,
        })),
        validatorSlashEvents: [...k.state.slashEvents.iterate(ctx)].map(([[v, height], ev]) => ({
          validatorAddress: k.validatorAddressCodec.encode(v),
          height,
          period: ev.validatorPeriod,
          validatorSlashEvent: ev,
        })),
      }),
  };
}

export function hyperDistributionGenesis(k: DistributionKeeper): ModuleGenesis<HyperGenesis> {
  return {
    type: HyperGenesis,
    default: () => HyperGenesis.fromPartial({ params: DEFAULT_HYPER_PARAMS }),
    validate: (g) => validateHyperParams(g.params ?? DEFAULT_HYPER_PARAMS),
    init: (ctx, g) => k.setHyperParams(ctx, g.params ?? DEFAULT_HYPER_PARAMS),
    export: (ctx) => HyperGenesis.fromPartial({ params: k.hyperParams(ctx) }),
  };
}
