/** DecCoins: coins with decimal amounts, for gas prices and reward accounting ("0.025uhyper"). */
import type { DecCoin as ProtoDecCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { validateDenom } from './coins';
import { Dec } from './dec';
import { sdk } from './errors';

export interface DecCoin {
  readonly denom: string;
  readonly amount: Dec;
}

export type DecCoins = readonly DecCoin[];

/** Parses "0.025uhyper,1rcpu"; sorted by denom, zero amounts dropped. */
export function parseDecCoins(s: string): DecCoins {
  const out: DecCoin[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$/.exec(part);
    if (!m) throw sdk.InvalidCoins(`invalid decimal coin expression: ${JSON.stringify(part)}`);
    const amount = Dec.fromString(m[1]);
    if (!amount.isZero()) out.push({ denom: m[2], amount });
  }
  out.sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    if (out[i - 1].denom === out[i].denom) throw sdk.InvalidCoins(`duplicate denomination ${out[i].denom}`);
  }
  return out;
}

export function decCoinsToString(coins: DecCoins): string {
  return coins.map((c) => `${c.amount.toString()}${c.denom}`).join(',');
}

export function decCoinsFromProto(list: readonly ProtoDecCoin[]): DecCoins {
  return list.map((c) => {
    validateDenom(c.denom);
    return { denom: c.denom, amount: Dec.fromProto(c.amount) };
  });
}

export function decCoinsToProto(coins: DecCoins): ProtoDecCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toProto() }));
}
