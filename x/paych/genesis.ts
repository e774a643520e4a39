/** The `paych` section of genesis.json: params, open channels, their lanes, the next channel id. */
import { GenesisState } from '../../src/gen/hypermesh/paych/v1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { sdk } from '../../src/types/errors';
import type { PaychKeeper } from './keeper';
import { ModuleName } from './keys';
import { DEFAULT_PARAMS, validateParams } from './params';

export function paychGenesis(k: PaychKeeper, addrs: AddressCodec): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, nextChannelId: 1n }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      const ids = new Set<bigint>();
      for (const c of g.channels) {
        addrs.decode(c.payer);
        addrs.decode(c.payee);
        if (ids.has(c.id)) throw sdk.InvalidRequest(`genesis: channel ${c.id} listed twice`);
        ids.add(c.id);
        if (BigInt(c.redeemed) > BigInt(c.deposit)) throw sdk.InvalidRequest(`genesis: channel ${c.id} redeems more than its deposit`);
      }
      for (const l of g.lanes) if (!ids.has(l.channelId)) throw sdk.InvalidRequest(`genesis: lane ${l.lane} of unknown channel ${l.channelId}`);
    },
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.deps.accounts.getModuleAccount(ctx, ModuleName);
      for (const c of g.channels) {
        k.state.channels.set(ctx, c.id, c);
        k.state.channelsByPayer.set(ctx, [addrs.decode(c.payer), c.id], undefined);
        k.state.channelsByPayee.set(ctx, [addrs.decode(c.payee), c.id], undefined);
      }
      for (const l of g.lanes) k.state.lanes.set(ctx, [l.channelId, l.lane], l);
      k.state.nextChannelId.set(ctx, g.nextChannelId > 0n ? g.nextChannelId : 1n);
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        channels: [...k.state.channels.iterate(ctx)].map(([, c]) => c),
        lanes: [...k.state.lanes.iterate(ctx)].map(([, l]) => l),
        nextChannelId: k.state.nextChannelId.peek(ctx),
      }),
  };
}
