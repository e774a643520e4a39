/**
 * Fees: in CheckTx the fee must cover this validator's minimum gas prices × the gas limit (sdk/13);
 * then the fee payer pays the fee to the fee collector, in every mode. A tx with a zero fee is
 * accepted only when no minimum is set.
 */
import type { Fee } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { coinsFromProto, coinsToString, isAllGTE, type Coin, type Coins } from '../../types/coins';
import type { Context } from '../../types/context';
import { Dec } from '../../types/dec';
import { decCoinsToString, type DecCoins } from '../../types/dec_coins';
import { CodedError, sdk } from '../../types/errors';
import { abciEvent } from '../../types/events';
import type { AnteAccountKeeper, AnteBankKeeper } from './expected_keepers';

export const FEE_COLLECTOR = 'fee_collector';
/** The chain's fee denom when the node sets no minimum gas price. */
export const FEE_DENOM = 'uhyper';

/** ceil(price × gas) per denom of the minimum gas prices. */
export function requiredFees(minGasPrices: DecCoins, gasLimit: bigint): Coins {
  return minGasPrices.map((p): Coin => ({ denom: p.denom, amount: p.amount.mul(Dec.fromInt(gasLimit)).ceilInt() }));
}

/** The fee covers the minimum in at least one of the accepted denoms (the SDK's IsAnyGTE). */
export function checkMinGasPrices(fee: Coins, gasLimit: bigint, minGasPrices: DecCoins): void {
  if (minGasPrices.length === 0) return;
  const required = requiredFees(minGasPrices, gasLimit);
  if (!required.some((r) => isAllGTE(fee, [r]))) {
    throw sdk.InsufficientFee(
      `insufficient fees; got: ${coinsToString(fee) || '0'} required: ${coinsToString(required)} (minimum gas prices ${decCoinsToString(minGasPrices)} × gas ${gasLimit})`,
    );
  }
}

export function deductFee(
  ctx: Context,
  fee: Fee | undefined,
  feePayer: string,
  auth: AnteAccountKeeper,
  bank: AnteBankKeeper,
  /** In simulation without a fee: the denom a real fee would be paid in (see below). */
  simulatedFeeDenom?: string,
): Coins {
  const amount = coinsFromProto(fee?.amount ?? []);
  const payer = auth.addressCodec.decode(feePayer);
  if (!auth.getAccount(ctx, payer)) throw sdk.UnknownAddress(`fee payer address: ${feePayer} does not exist`);
  if (amount.length === 0 && ctx.mode === 'simulate' && simulatedFeeDenom) {
    // Wallets simulate with no fee, then pay one: charge what deducting it costs (store reads and
    // writes, ~18k gas), or their "auto" gas (simulated × 1.4) falls short for small txs. The
    // simulation's state is thrown away; a payer without that denom is simply not charged.
    try {
      bank.sendFromAccountToModule(ctx, payer, FEE_COLLECTOR, [{ denom: simulatedFeeDenom, amount: 1n }]);
    } catch (e) {
      if (!(e instanceof CodedError && sdk.InsufficientFunds.is(e))) throw e;
    }
  }
  if (amount.length > 0) {
    try {
      bank.sendFromAccountToModule(ctx, payer, FEE_COLLECTOR, amount);
    } catch (e) {
      if (e instanceof CodedError && sdk.InsufficientFunds.is(e)) throw sdk.InsufficientFunds(`failed to deduct fees: ${e.detail}`, e);
      throw e;
    }
  }
  ctx.events.emit(abciEvent('tx', { fee: coinsToString(amount), fee_payer: feePayer }));
  return amount;
}
