/** x/mint genesis (cosmos.mint.v1beta1.GenesisState): the minter and params. */
import { GenesisState } from 'cosmjs-types/cosmos/mint/v1beta1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import type { MintKeeper } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_MINTER, DEFAULT_PARAMS, validateMinter, validateParams } from './params';

export function mintGenesis(k: MintKeeper): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ minter: DEFAULT_MINTER, params: DEFAULT_PARAMS }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      validateMinter(g.minter ?? DEFAULT_MINTER);
    },
    init: (ctx, g) => {
      k.setMinter(ctx, g.minter ?? DEFAULT_MINTER);
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
    },
    export: (ctx) => GenesisState.fromPartial({ minter: k.minter(ctx), params: k.params(ctx) }),
  };
}
