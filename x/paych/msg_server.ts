/** hypermesh.paych.v1.Msg: decode, validate, authorize, one keeper call. */
import {
  MsgCollect,
  MsgCollectResponse,
  MsgCreateChannel,
  MsgCreateChannelResponse,
  MsgFundChannel,
  MsgFundChannelResponse,
  MsgSettle,
  MsgSettleResponse,
  MsgUpdateChannel,
  MsgUpdateChannelResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from '../../src/gen/hypermesh/paych/v1/tx';
import { EventParamsUpdated } from '../../src/gen/hypermesh/paych/v1/events';
import type { Voucher } from '../../src/gen/hypermesh/paych/v1/paych';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { parseAmount, validateDenom } from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import { paychErrors } from './errors';
import { emitTyped } from './events';
import type { PaychKeeper } from './keeper';
import { validateParams } from './params';
import { AMOUNT_RE } from './sign_bytes';

function positiveCoin(c: { denom: string; amount: string } | undefined, what: string): void {
  if (!c) throw sdk.InvalidCoins(`${what} is required`);
  validateDenom(c.denom);
  if (parseAmount(c.amount, what) === 0n) throw sdk.InvalidCoins(`${what} must be positive`);
}

function voucherShape(v: Voucher | undefined): void {
  if (!v) throw paychErrors.InvalidVoucher('a voucher is required');
  if (v.channelId === 0n) throw paychErrors.InvalidVoucher('channel_id is required');
  if (!AMOUNT_RE.test(v.amount)) throw paychErrors.InvalidVoucher('amount must be a decimal integer without sign or leading zeros');
  if (v.nonce === 0n) throw paychErrors.InvalidVoucher('nonce must be positive');
  if (v.signature.length === 0) throw paychErrors.InvalidSignature('the voucher is not signed');
}

export function paychMsgs(k: PaychKeeper, addrs: AddressCodec, authority: string): MsgRoute[] {
  const create: MsgRoute<MsgCreateChannel, MsgCreateChannelResponse> = {
    type: MsgCreateChannel,
    response: MsgCreateChannelResponse,
    signers: (m) => [m.payer],
    validate: (m) => {
      addrs.decode(m.payer);
      addrs.decode(m.payee);
      positiveCoin(m.deposit, 'deposit');
    },
    handle: (ctx, m) => ({ channelId: k.createChannel(ctx, m) }),
  };
  const fund: MsgRoute<MsgFundChannel, MsgFundChannelResponse> = {
    type: MsgFundChannel,
    response: MsgFundChannelResponse,
    signers: (m) => [m.payer],
    validate: (m) => {
      addrs.decode(m.payer);
      positiveCoin(m.amount, 'amount');
    },
    handle: (ctx, m) => {
      k.fundChannel(ctx, m);
      return {};
    },
  };
  const update: MsgRoute<MsgUpdateChannel, MsgUpdateChannelResponse> = {
    type: MsgUpdateChannel,
    response: MsgUpdateChannelResponse,
    signers: (m) => [m.sender],
    validate: (m) => {
      addrs.decode(m.sender);
      voucherShape(m.voucher);
    },
    handle: (ctx, m) => ({ redeemedDelta: k.redeem(ctx, m.sender, m.voucher!).toString() }),
  };
  const settle: MsgRoute<MsgSettle, MsgSettleResponse> = {
    type: MsgSettle,
    response: MsgSettleResponse,
    signers: (m) => [m.sender],
    validate: (m) => {
      addrs.decode(m.sender);
      if (m.voucher) voucherShape(m.voucher);
    },
    handle: (ctx, m) => ({ settlingAt: k.settle(ctx, m.sender, m.channelId, m.voucher) }),
  };
  const collect: MsgRoute<MsgCollect, MsgCollectResponse> = {
    type: MsgCollect,
    response: MsgCollectResponse,
    signers: (m) => [m.sender],
    validate: (m) => void addrs.decode(m.sender),
    handle: (ctx, m) => {
      const r = k.collect(ctx, m.sender, m.channelId);
      return { paid: r.paid.toString(), returned: r.returned.toString() };
    },
  };
  const updateParams: MsgRoute<MsgUpdateParams, MsgUpdateParamsResponse> = {
    type: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.authority);
      if (!m.params) throw sdk.InvalidRequest('params are required');
      validateParams(m.params);
    },
    handle: (ctx, m) => {
      if (m.authority !== authority) throw sdk.Unauthorized(`invalid authority; expected ${authority}, got ${m.authority}`);
      k.setParams(ctx, m.params!);
      emitTyped(ctx, EventParamsUpdated, { authority: m.authority });
      return {};
    },
  };
  return [create, fund, update, settle, collect, updateParams];
}
