/**
 * x/bank genesis: params, balances, supply, denom metadata, send switches. An empty supply is
 * computed from the balances; a given one must equal their sum.
 */
import { GenesisState } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import type { ModuleGenesis } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { addCoins, coinsFromProto, coinsToProto, coinsToString, validateDenom, type Coins } from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import type { BankKeeper } from './keeper';
import { DEFAULT_PARAMS, validateParams } from './params';

export function bankGenesis(k: BankKeeper, addrs: AddressCodec): ModuleGenesis<GenesisState> {
  const totalOf = (g: GenesisState): Coins => {
    let total: Coins = [];
    const seen = new Set<string>();
    for (const b of g.balances) {
      addrs.decode(b.address);
      if (seen.has(b.address)) throw sdk.InvalidRequest(`duplicate balance for address ${b.address}`);
      seen.add(b.address);
      total = addCoins(total, coinsFromProto(b.coins));
    }
    return total;
  };
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      const total = totalOf(g);
      if (g.supply.length > 0 && coinsToString(coinsFromProto(g.supply)) !== coinsToString(total)) {
        throw sdk.InvalidCoins(`genesis supply ${coinsToString(coinsFromProto(g.supply))} != sum of balances ${coinsToString(total)}`);
      }
      for (const m of g.denomMetadata) validateDenom(m.base);
    },
    init: (ctx, g) => {
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      for (const se of g.sendEnabled) k.state.sendEnabled.set(ctx, se.denom, se.enabled);
      for (const b of g.balances) {
        const address = addrs.decode(b.address);
        for (const c of coinsFromProto(b.coins)) k.setBalance(ctx, address, c);
      }
      for (const c of totalOf(g)) k.setSupply(ctx, c.denom, c.amount);
      for (const m of g.denomMetadata) k.setDenomMetadata(ctx, m);
    },
    export: (ctx) => {
      const byAddress = new Map<string, Coins>();
      for (const [[a, denom], amount] of k.state.balances.iterate(ctx)) {
        const s = addrs.encode(a);
        byAddress.set(s, addCoins(byAddress.get(s) ?? [], [{ denom, amount }]));
      }
      return GenesisState.fromPartial({
        params: k.params(ctx),
        balances: [...byAddress].sort(([a], [b]) => (a < b ? -1 : 1)).map(([address, coins]) => ({ address, coins: coinsToProto(coins) })),
        supply: coinsToProto([...k.iterateSupply(ctx)]),
        denomMetadata: [...k.state.denomMetadata.iterate(ctx)].map(([, m]) => m),
        sendEnabled: [...k.state.sendEnabled.iterate(ctx)].map(([denom, enabled]) => ({ denom, enabled })),
      });
    },
  };
}
