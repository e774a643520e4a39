/** cosmos.bank.v1beta1.Msg: decode, validate, authorize, one keeper call. */
import { requireParams } from '../../src/types/params';
import {
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgSend,
  MsgSendResponse,
  MsgSetSendEnabled,
  MsgSetSendEnabledResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { coinsFromProto, validateDenom } from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import { bankErrors } from './errors';
import type { BankKeeper } from './keeper';
import { validateParams } from './params';

export function bankMsgs(k: BankKeeper, addrs: AddressCodec, authority: string): MsgRoute[] {
  const send: MsgRoute<MsgSend, MsgSendResponse> = {
    type: MsgSend,
    response: MsgSendResponse,
    signers: (m) => [m.fromAddress],
    validate: (m) => {
      addrs.decode(m.fromAddress);
      addrs.decode(m.toAddress);
      coinsFromProto(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      const amount = coinsFromProto(m.amount, { allowEmpty: false });
      k.assertSendEnabled(ctx, amount);
      if (k.isBlocked(m.toAddress)) throw sdk.Unauthorized(`${m.toAddress} is not allowed to receive funds`);
      k.send(ctx, addrs.decode(m.fromAddress), addrs.decode(m.toAddress), amount);
      return {};
    },
  };

  const multiSend: MsgRoute<MsgMultiSend, MsgMultiSendResponse> = {
    type: MsgMultiSend,
    response: MsgMultiSendResponse,
    signers: (m) => m.inputs.map((i) => i.address),
    validate: (m) => {
      if (m.inputs.length === 0) throw bankErrors.NoInputs();
      if (m.inputs.length > 1) throw bankErrors.MultipleSenders('multiple senders not allowed');
      if (m.outputs.length === 0) throw bankErrors.NoOutputs();
      for (const io of [...m.inputs, ...m.outputs]) {
        addrs.decode(io.address);
        coinsFromProto(io.coins, { allowEmpty: false });
      }
    },
    handle: (ctx, m) => {
      const input = { address: addrs.decode(m.inputs[0].address), coins: coinsFromProto(m.inputs[0].coins) };
      k.assertSendEnabled(ctx, input.coins);
      const outputs = m.outputs.map((o) => {
        if (k.isBlocked(o.address)) throw sdk.Unauthorized(`${o.address} is not allowed to receive funds`);
        return { address: addrs.decode(o.address), coins: coinsFromProto(o.coins) };
      });
      k.inputOutputCoins(ctx, input, outputs);
      return {};
    },
  };

  const requireAuthority = (signer: string) => {
    if (signer !== authority) {
      throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${signer}`);
    }
  };

  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => validateParams(requireParams(m.params)),
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      k.setParams(ctx, requireParams(m.params));
      return {};
    },
  };

  const setSendEnabled: MsgRoute<MsgSetSendEnabled, MsgSetSendEnabledResponse> = {
    type: MsgSetSendEnabled,
    response: MsgSetSendEnabledResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      const seen = new Set<string>();
      for (const se of m.sendEnabled) {
        validateDenom(se.denom);
        if (seen.has(se.denom)) throw bankErrors.DuplicateEntry(`duplicate denom entries found for ${se.denom}`);
        seen.add(se.denom);
      }
      for (const d of m.useDefaultFor) validateDenom(d);
    },
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      for (const se of m.sendEnabled) k.state.sendEnabled.set(ctx, se.denom, se.enabled);
      for (const d of m.useDefaultFor) k.state.sendEnabled.delete(ctx, d);
      return {};
    },
  };

  return [send, multiSend, updateParams, setSendEnabled];
}
