/** x/paych's own codes (codespace "paych"); the README lists which message returns which. */
import { defineErrors } from '../../src/types/errors';

export const paychErrors = defineErrors('paych', {
  ChannelNotFound: [2, 'payment channel not found'],
  InvalidVoucher: [3, 'invalid voucher'],
  InvalidSignature: [4, 'voucher signature does not verify'],
  StaleVoucher: [5, 'voucher nonce is not above the lane’s'],
  ExceedsDeposit: [6, 'vouchers would redeem more than the deposit'],
  ChannelSettling: [7, 'channel is settling'],
  NotSettled: [8, 'channel cannot be collected yet'],
  AlreadySettling: [9, 'channel is already settling'],
  TooManyLanes: [10, 'too many lanes'],
  AmountDecreased: [11, 'voucher amount is below what the lane redeemed'],
  NoPayerKey: [12, 'payer has no single-key account key'],
  InvalidChannel: [13, 'invalid channel'],
  WrongDenom: [14, 'wrong denom for the channel'],
});
