/** x/transfer events as ibc-go v8 names them (modules/apps/transfer/types/events.go). */
import { abciEvent, type Event } from '../../src/types/events';
import { ModuleName } from './keys';

export const transferEvents = {
  transfer: (a: { sender: string; receiver: string; amount: string; denom: string; memo: string }): Event[] => [
    abciEvent('ibc_transfer', { sender: a.sender, receiver: a.receiver, amount: a.amount, denom: a.denom, memo: a.memo }),
    abciEvent('message', { module: ModuleName }),
  ],
  packet: (attrs: Record<string, string>): Event => abciEvent('fungible_token_packet', { module: ModuleName, ...attrs }),
  denomTrace: (traceHash: string, denom: string): Event => abciEvent('denomination_trace', { trace_hash: traceHash, denom }),
  timeout: (a: { refundReceiver: string; refundDenom: string; refundAmount: string; memo: string }): Event =>
    abciEvent('timeout', { module: ModuleName, refund_receiver: a.refundReceiver, refund_denom: a.refundDenom, refund_amount: a.refundAmount, memo: a.memo }),
};
