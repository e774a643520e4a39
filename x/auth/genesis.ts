/** x/auth genesis: params and accounts (each an Any of a registered account type). */
import { GenesisState } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { ModuleGenesis } from '../../src/app/module';
import { sdk } from '../../src/types/errors';
import type { AuthKeeper } from './keeper';
import { FeeCollectorName } from './keys';
import { DEFAULT_PARAMS, validateParams } from './params';

export function authGenesis(k: AuthKeeper): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, accounts: [] }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      const seen = new Set<string>();
      for (const any of g.accounts) {
        const acc = k.decode(Any.encode(any).finish());
        k.addressCodec.decode(acc.base.address);
        if (seen.has(acc.base.address)) throw sdk.InvalidRequest(`duplicate genesis account ${acc.base.address}`);
        seen.add(acc.base.address);
      }
    },
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      // Account numbers are kept when they are free and ascending, assigned otherwise.
      let next = 0n;
      for (const any of g.accounts) {
        const acc = k.decode(Any.encode(any).finish());
        const number = acc.base.accountNumber >= next ? acc.base.accountNumber : next;
        next = number + 1n;
        k.setAccount(ctx, k.withBase(acc, { ...acc.base, accountNumber: number }));
      }
      k.state.globalAccountNumber.set(ctx, next);
      k.getModuleAccount(ctx, FeeCollectorName);
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        accounts: [...k.iterateAccounts(ctx)].map((a) => k.encodeAny(a)),
      }),
  };
}
