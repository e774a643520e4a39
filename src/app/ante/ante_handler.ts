/**
 * The ante chain: everything checked and charged before a tx's messages run, in the Cosmos SDK's
 * order (x/auth/ante/ante.go). Its writes (fee, public keys, sequences) are kept even when a
 * message later fails; if the ante chain itself fails, nothing of the tx is kept.
 */
import type { Context } from '../../types/context';
import type { DecodedTx } from '../../codec/tx_decoder';
import { coinsFromProto } from '../../types/coins';
import type { DecCoins } from '../../types/dec_coins';
import { sdk } from '../../types/errors';
import type { MsgRouter } from '../msg_router';
import { checkMinGasPrices, deductFee, FEE_DENOM } from './fees';
import type { AnteBankKeeper } from './expected_keepers';
import { processSignatures, type SignatureDeps } from './signatures';
import { txSigners } from './signers';

/** The SDK's MaxGasWanted: gas limits above it are refused outright. */
export const MAX_GAS_WANTED = (1n << 63n) - 1n;

export interface AnteDeps extends SignatureDeps {
  bank: AnteBankKeeper;
  router: MsgRouter;
  /** This validator's minimum gas prices (app config, not consensus): only CheckTx applies them. */
  minGasPrices: DecCoins;
}

export function runAnte(ctx: Context, tx: DecodedTx, deps: AnteDeps): void {
  const params = deps.auth.params(ctx);
  const fee = tx.authInfo.fee;
  const gasLimit = fee?.gasLimit ?? 0n;

  // SetUpContextDecorator: the block gas limit bounds every tx's gas limit
  const maxGas = ctx.consensusParams?.block?.maxGas ?? -1n;
  if (maxGas > 0n && gasLimit > maxGas) {
    throw sdk.InvalidGasLimit(`tx gas limit ${gasLimit} exceeds block max gas ${maxGas}`);
  }

  // ValidateBasicDecorator: the tx's and each message's stateless checks
  if (gasLimit > MAX_GAS_WANTED) throw sdk.InvalidRequest(`invalid gas supplied; ${gasLimit} > ${MAX_GAS_WANTED}`);
  if (fee?.granter) throw sdk.NotSupported('fee grants are not supported');
  const feeAmount = coinsFromProto(fee?.amount ?? []);
  for (const m of tx.msgs) deps.router.route(m.typeUrl).route.validate?.(m.value);
  const signers = txSigners(tx, deps.router);
  // a fee payer other than the msgs' signers must sign too (it is the last signer)
  if (fee?.payer && !signers.includes(fee.payer)) signers.push(fee.payer);

  // TxTimeoutHeightDecorator
  const timeout = tx.body.timeoutHeight;
  if (timeout > 0n && BigInt(ctx.block.height) > timeout) {
    throw sdk.TxTimeoutHeight(`block height: ${ctx.block.height}, timeout height: ${timeout}`);
  }

  // ValidateMemoDecorator: the SDK counts the memo in characters (runes), not bytes
  const memoChars = [...tx.body.memo].length;
  if (BigInt(memoChars) > params.maxMemoCharacters) {
    throw sdk.MemoTooLarge(`maximum number of characters is ${params.maxMemoCharacters} but received ${memoChars} characters`);
  }

  // ConsumeGasForTxSizeDecorator
  ctx.gasMeter.consume(params.txSizeCostPerByte * BigInt(tx.raw.length), 'txSize');

  // DeductFeeDecorator
  if (ctx.mode === 'check') checkMinGasPrices(feeAmount, gasLimit, deps.minGasPrices);
  const feePayer = fee?.payer || signers[0];
  deductFee(ctx, fee, feePayer, deps.auth, deps.bank, deps.minGasPrices[0]?.denom ?? FEE_DENOM);

  processSignatures(ctx, tx, signers, deps);
}
