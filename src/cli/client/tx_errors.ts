/**
 * Why a tx was refused, in words that say what to do. Codes are the SDK's (DESIGN.md, "Errors"):
 * sdk/5 insufficient funds is rendered with the sender's balance, sdk/13 and sdk/11 name the
 * flags that fix them.
 */
import { addCoins, amountOf, coinsToString, isAllGTE, type Coins } from '../../types/coins';
import { sdk } from '../../types/errors';
import { CliError } from './errors';

export interface Refusal {
  readonly codespace: string;
  readonly code: number;
  readonly log: string;
}

/** "insufficient funds: hyper1… has 100uhyper, needs 10000uhyper + 2000uhyper fee". */
export function insufficientFundsMessage(address: string, has: Coins, spends: Coins, fee: Coins, note = ''): string {
  const need = addCoins(spends, fee);
  const denoms = need.length > 0 ? need.map((c) => c.denom) : has.map((c) => c.denom);
  const hasText = denoms.map((d) => `${amountOf(has, d)}${d}`).join(',') || '0';
  const parts: string[] = [];
  if (spends.length > 0) parts.push(coinsToString(spends));
  if (fee.length > 0) parts.push(`${coinsToString(fee)} fee`);
  return `insufficient funds: ${address} has ${hasText}, needs ${parts.join(' + ') || '0'}${note}`;
}

/** Throws the insufficient-funds error when `spendable` does not cover spends + fee. */
export function assertCanPay(address: string, spendable: Coins, spends: Coins, fee: Coins, accountExists = true): void {
  if (isAllGTE(spendable, addCoins(spends, fee))) return;
  const note = accountExists ? '' : ' (the account does not exist on chain yet: it has never received tokens)';
  throw new CliError(insufficientFundsMessage(address, spendable, spends, fee, note));
}

export interface RefusalContext {
  readonly stage: string;
  readonly sender?: string;
  readonly spends?: Coins;
  readonly fee?: Coins;
  /** The sender's spendable coins now, for sdk/5. */
  readonly spendable?: () => Promise<Coins>;
}

export async function explainRefusal(r: Refusal, c: RefusalContext): Promise<string> {
  const code = `${r.codespace || 'sdk'}/${r.code}`;
  if (r.codespace === 'sdk') {
    switch (r.code) {
      case sdk.InsufficientFunds.code:
        if (c.sender && c.spendable) {
          const has = await c.spendable().catch(() => undefined);
          if (has) return insufficientFundsMessage(c.sender, has, c.spends ?? [], c.fee ?? []);
        }
        break;
      case sdk.InsufficientFee.code:
        return `${c.stage}: ${r.log} (${code}); raise the fee with --fees or --gas-prices`;
      case sdk.OutOfGas.code:
        return `${c.stage}: ${r.log} (${code}); raise --gas or use --gas auto`;
      case sdk.WrongSequence.code:
        return `${c.stage}: ${r.log} (${code}); another tx from this account may be pending: wait for it, or pass --sequence`;
    }
  }
  return `${c.stage}: ${r.log} (${code})`;
}
