/** ibc.applications.transfer.v1.Msg/Transfer: validate, then one keeper call (what cosmjs sendIbcTokens sends). */
import { MsgTransfer, MsgTransferResponse } from 'cosmjs-types/ibc/applications/transfer/v1/tx';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { parseAmount, validateDenom } from '../../src/types/coins';
import { ibcErrors } from '../ibc/errors';
import { validateChannelId, validatePortId, ZERO_HEIGHT } from '../ibc/host';
import { parseHexHash } from './denom';
import { transferErrors } from './errors';
import { transferEvents } from './events';
import type { BankKeeper } from './expected_keepers';
import type { TransferKeeper } from './keeper';
import { MAX_MEMO_LENGTH, MAX_RECEIVER_LENGTH } from './packet';

export function transferMsgs(k: TransferKeeper, bank: BankKeeper, addrs: AddressCodec): MsgRoute[] {
  const transfer: MsgRoute<MsgTransfer, MsgTransferResponse> = {
    type: MsgTransfer,
    response: MsgTransferResponse,
    signers: (m) => [m.sender],
    validate: (m) => {
      validatePortId(m.sourcePort);
      validateChannelId(m.sourceChannel);
      if (!m.token) throw ibcErrors.InvalidCoins('token cannot be nil');
      try {
        validateDenom(m.token.denom);
      } catch (e) {
        throw ibcErrors.InvalidCoins(`invalid token denom ${m.token.denom}`, e);
      }
      if (m.token.denom.startsWith('ibc/')) parseHexHash(m.token.denom);
      let amount: bigint;
      try {
        amount = parseAmount(m.token.amount);
      } catch (e) {
        throw ibcErrors.InvalidCoins(`invalid token amount ${m.token.amount}`, e);
      }
      if (amount <= 0n) throw ibcErrors.InvalidCoins(`token amount must be positive: ${m.token.amount}`);
      addrs.decode(m.sender);
      if (m.receiver.trim() === '') throw ibcErrors.InvalidAddress('missing recipient address');
      if (m.receiver.length > MAX_RECEIVER_LENGTH) throw ibcErrors.InvalidAddress(`recipient address must not exceed ${MAX_RECEIVER_LENGTH} bytes`);
      if (m.memo.length > MAX_MEMO_LENGTH) throw transferErrors.InvalidMemo(`memo must not exceed ${MAX_MEMO_LENGTH} bytes`);
      if ((m.timeoutHeight?.revisionHeight ?? 0n) === 0n && (m.timeoutHeight?.revisionNumber ?? 0n) === 0n && m.timeoutTimestamp === 0n) {
        throw transferErrors.InvalidPacketTimeout('timeout height and timeout timestamp cannot both be 0');
      }
    },
    handle: (ctx, m) => {
      const token = { denom: m.token.denom, amount: parseAmount(m.token.amount) };
      bank.assertSendEnabled(ctx, [token]);
      const sequence = k.sendTransfer(ctx, {
        sourcePort: m.sourcePort,
        sourceChannel: m.sourceChannel,
        token,
        sender: addrs.decode(m.sender),
        receiver: m.receiver,
        timeoutHeight: m.timeoutHeight ?? ZERO_HEIGHT,
        timeoutTimestamp: m.timeoutTimestamp,
        memo: m.memo,
      });
      for (const e of transferEvents.transfer({ sender: m.sender, receiver: m.receiver, amount: m.token.amount, denom: m.token.denom, memo: m.memo })) ctx.events.emit(e);
      return { sequence };
    },
  };
  return [transfer as MsgRoute];
}
