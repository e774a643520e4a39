/** x/slashing genesis (cosmos.slashing.v1beta1.GenesisState) and the hypermesh_slashing section. */
import { GenesisState } from 'cosmjs-types/cosmos/slashing/v1beta1/genesis';
import { GenesisState as HyperGenesis } from '../../src/gen/hypermesh/slashing/v1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import type { SlashingKeeper } from './keeper';
import { DEFAULT_HYPER_PARAMS, DEFAULT_PARAMS, validateHyperParams, validateParams } from './params';

export function slashingGenesis(k: SlashingKeeper): ModuleGenesis<GenesisState> {
  const cons = () => k.consensusAddressCodec;
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS }),
    validate: (g) => validateParams(g.params ?? DEFAULT_PARAMS),
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      for (const s of g.signingInfos) k.setSigningInfo(ctx, cons().decode(s.address), s.validatorSigningInfo);
      for (const mb of g.missedBlocks) {
        const addr = cons().decode(mb.address);
        for (const b of mb.missedBlocks) k.setMissedBlockBit(ctx, addr, b.index, b.missed);
      }
    },
    export: (ctx) => {
      const infos = [...k.state.signingInfo.iterate(ctx)];
      return GenesisState.fromPartial({
        params: k.params(ctx),
        signingInfos: infos.map(([addr, info]) => ({ address: cons().encode(addr), validatorSigningInfo: info })),
        missedBlocks: infos.map(([addr]) => ({ address: cons().encode(addr), missedBlocks: k.missedBlocks(ctx, addr) })),
      });
    },
  };
}

export function hyperSlashingGenesis(k: SlashingKeeper): ModuleGenesis<HyperGenesis> {
  return {
    type: HyperGenesis,
    default: () => HyperGenesis.fromPartial({ params: DEFAULT_HYPER_PARAMS }),
    validate: (g) => validateHyperParams(g.params ?? DEFAULT_HYPER_PARAMS),
    init: (ctx, g) => k.setHyperParams(ctx, g.params ?? DEFAULT_HYPER_PARAMS),
    export: (ctx) => HyperGenesis.fromPartial({ params: k.hyperParams(ctx) }),
  };
}
