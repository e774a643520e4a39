/** x/transfer genesis: port, denom traces (as v10 Denoms), params, total escrow per denom. */
import { GenesisState } from 'cosmjs-types/ibc/applications/transfer/v1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import { parseAmount } from '../../src/types/coins';
import { denomOf } from './query_server';
import type { TransferKeeper } from './keeper';
import { DEFAULT_PARAMS, PortId } from './keys';

export function transferGenesis(k: TransferKeeper): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ portId: PortId, denoms: [], params: DEFAULT_PARAMS, totalEscrowed: [] }),
    init: (ctx, g) => {
      k.state.portId.set(ctx, g.portId || PortId);
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      for (const d of g.denoms) {
        const path = d.trace.map((h) => `${h.portId}/${h.channelId}`).join('/');
        k.setDenomTrace(ctx, { path, baseDenom: d.base });
      }
      for (const c of g.totalEscrowed) k.state.totalEscrow.set(ctx, c.denom, parseAmount(c.amount));
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        portId: k.state.portId.get(ctx) ?? PortId,
        denoms: [...k.denomTraces(ctx)].map(denomOf),
        params: k.params(ctx),
        totalEscrowed: [...k.state.totalEscrow.iterate(ctx)].map(([denom, amount]) => ({ denom, amount: amount.toString() })),
      }),
  };
}
