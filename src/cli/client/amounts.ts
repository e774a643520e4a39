/**
 * Amounts on the command line: integers in a base denom ("1000uhyper", "10uhyper,5rcpu"), as the
 * SDK's ParseCoinsNormalized reads them, minus decimals: "1.5hyper" is refused rather than
 * converted, so what is signed is exactly what was typed. The SDK's grammar reads "1e99uhyper" as
 * 1 of denom "e99uhyper"; that is caught by asking the chain which denoms exist.
 */
import { QueryClientImpl as BankQuery } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { parseCoins, type Coins } from '../../types/coins';
import { CliError } from './errors';

export const AMOUNT_EXAMPLE = '1000uhyper';
const HINT = `amounts are integers in a base denom, e.g. ${AMOUNT_EXAMPLE}`;

/** Syntax only: positive integers, valid denoms, no duplicates. */
export function parseAmountArg(input: string, what = 'amount'): Coins {
  const s = input.trim();
  const bad = (why: string) => new CliError(`invalid ${what} ${JSON.stringify(input)}: ${why}`);
  if (s === '') throw bad(HINT);
  for (const part of s.split(',')) {
    const p = part.trim();
    if (/^-/.test(p)) throw bad(`amounts cannot be negative; ${HINT}`);
    if (/^[0-9]*\.[0-9]+[a-zA-Z]/.test(p) || /^[0-9]+\.[a-zA-Z]/.test(p)) throw bad(`decimals are not accepted; ${HINT}`);
    if (/^[a-zA-Z]/.test(p)) throw bad(`the number comes first; ${HINT}`);
    if (/^[0-9]+$/.test(p)) throw bad(`a denom is missing; ${HINT}`);
    if (!/^[0-9]+[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/.test(p)) throw bad(`expected an integer followed by a denom; ${HINT}`);
  }
  let coins: Coins;
  try {
    coins = parseCoins(s);
  } catch (e) {
    throw bad(`${(e as Error).message.replace(/: invalid coins$/, '')}; ${HINT}`);
  }
  if (coins.length === 0) throw bad(`the amount must be positive; ${HINT}`);
  return coins;
}

/** The display units of denom metadata (e.g. "hyper" → base "uhyper", exponent 6). */
export interface DisplayUnit {
  base: string;
  exponent: number;
}

/**
 * Throws "unknown denom X (amounts are integers in a base denom, e.g. 1000uhyper)" for a denom
 * with no supply on the chain; for a display unit ("hyper") it says which base denom to use.
 */
export async function assertDenomsKnown(bank: Pick<BankQuery, 'SupplyOf' | 'DenomsMetadata'>, denoms: readonly string[]): Promise<void> {
  for (const denom of [...new Set(denoms)]) {
    const supply = await bank.SupplyOf({ denom });
    if (supply.amount && BigInt(supply.amount.amount) > 0n) continue;
    const unit = await displayUnitOf(bank, denom);
    if (unit && unit.base !== denom) {
      throw new CliError(
        `unknown denom ${denom}: it is a display unit of ${unit.base} (1${denom} = 10^${unit.exponent}${unit.base}); ${HINT}`,
      );
    }
    throw new CliError(`unknown denom ${denom} (${HINT})`);
  }
}

async function displayUnitOf(bank: Pick<BankQuery, 'DenomsMetadata'>, denom: string): Promise<DisplayUnit | undefined> {
  try {
    const { metadatas } = await bank.DenomsMetadata({ pagination: undefined });
    for (const m of metadatas) {
      const u = m.denomUnits.find((x) => x.denom === denom || x.aliases.includes(denom));
      if (u) return { base: m.base, exponent: u.exponent };
    }
  } catch {
    // metadata is only for a better message
  }
  return undefined;
}
