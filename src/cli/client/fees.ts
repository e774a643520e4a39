/**
 * Gas and fees from the tx flags, as the SDK computes them: `--fees` as given, or
 * `ceil(gas-price × gas)` per denom of `--gas-prices`; `--gas auto` simulates and multiplies the
 * gas used by `--gas-adjustment`.
 */
import { coinsToString, type Coins } from '../../types/coins';
import { Dec } from '../../types/dec';
import { parseDecCoins, type DecCoins } from '../../types/dec_coins';
import { CliError } from './errors';

/** The SDK's default gas limit when --gas is not given. */
export const DEFAULT_GAS = 200_000n;
export const DEFAULT_GAS_ADJUSTMENT = '1.4';

export type GasSetting = { auto: true } | { auto: false; limit: bigint };

export function parseGasSetting(s: string | undefined): GasSetting {
  if (s === undefined) return { auto: false, limit: DEFAULT_GAS };
  if (s === 'auto') return { auto: true };
  if (!/^[0-9]+$/.test(s) || BigInt(s) === 0n || BigInt(s) > 0xffff_ffff_ffff_ffffn) {
    throw new CliError(`invalid --gas ${JSON.stringify(s)}: expected "auto" or a positive integer gas limit`);
  }
  return { auto: false, limit: BigInt(s) };
}

export function parseGasAdjustment(s: string): Dec {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) throw new CliError(`invalid --gas-adjustment ${JSON.stringify(s)}: expected a positive number such as 1.4`);
  const d = Dec.fromString(s);
  if (!d.isPositive()) throw new CliError(`invalid --gas-adjustment ${JSON.stringify(s)}: it must be positive`);
  return d;
}

export function parseGasPrices(s: string, flag = '--gas-prices'): DecCoins {
  try {
    return parseDecCoins(s);
  } catch (e) {
    throw new CliError(`invalid ${flag} ${JSON.stringify(s)}: expected a price per unit of gas such as 0.01uhyper`, { cause: e });
  }
}

/** Gas limit after simulation: ceil(gasUsed × adjustment). */
export function adjustedGas(gasUsed: bigint, adjustment: Dec): bigint {
  return adjustment.mulInt(gasUsed).ceilInt();
}

/** ceil(price × gas) for each denom of the prices. */
export function feeFromGasPrices(prices: DecCoins, gas: bigint): Coins {
  return prices.map((p) => ({ denom: p.denom, amount: p.amount.mulInt(gas).ceilInt() })).filter((c) => c.amount > 0n);
}

export function describeFee(fee: Coins, gas: bigint): string {
  return `${coinsToString(fee) || '0 (no fee)'} for ${gas} gas`;
}
