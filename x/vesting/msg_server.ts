/**
 * cosmos.vesting.v1beta1.Msg: create a vesting account funded by the sender. The recipient must
 * not exist yet; the account starts vesting at the block time.
 */
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import {
  MsgCreatePeriodicVestingAccount,
  MsgCreatePeriodicVestingAccountResponse,
  MsgCreatePermanentLockedAccount,
  MsgCreatePermanentLockedAccountResponse,
  MsgCreateVestingAccount,
  MsgCreateVestingAccountResponse,
} from 'cosmjs-types/cosmos/vesting/v1beta1/tx';
import {
  BaseVestingAccount,
  ContinuousVestingAccount,
  DelayedVestingAccount,
  PeriodicVestingAccount,
  PermanentLockedAccount,
} from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import type { MsgRoute } from '../../src/app/module';
import type { Context } from '../../src/types/context';
import { addCoins, coinsFromProto, coinsToProto, type Coins } from '../../src/types/coins';
import { sdk } from '../../src/types/errors';
import type { AccountKeeper, BankKeeper } from './expected_keepers';

export function vestingMsgs(ak: AccountKeeper, bank: BankKeeper): MsgRoute[] {
  const addrs = ak.addressCodec;

  /** Checks, creates the account with `make(base)`, then funds it from the sender. */
  const create = <T>(ctx: Context, from: string, to: string, amount: Coins, typeUrl: string, make: (bva: BaseVestingAccount) => T) => {
    bank.assertSendEnabled(ctx, amount);
    if (bank.isBlocked(to)) throw sdk.Unauthorized(`${to} is not allowed to receive funds`);
    const toBytes = addrs.decode(to);
    if (ak.hasAccount(ctx, toBytes)) throw sdk.InvalidRequest(`account ${to} already exists`);
    const base = BaseAccount.fromPartial({ address: to, accountNumber: ak.nextAccountNumber(ctx) });
    const bva = BaseVestingAccount.fromPartial({ baseAccount: base, originalVesting: coinsToProto(amount) });
    ak.setAccount(ctx, ak.wrap(typeUrl, make(bva)));
    bank.send(ctx, addrs.decode(from), toBytes, amount);
  };

  const createVesting: MsgRoute<MsgCreateVestingAccount, MsgCreateVestingAccountResponse> = {
    type: MsgCreateVestingAccount,
    response: MsgCreateVestingAccountResponse,
    signers: (m) => [m.fromAddress],
    validate: (m) => {
      addrs.decode(m.fromAddress);
      addrs.decode(m.toAddress);
      coinsFromProto(m.amount, { allowEmpty: false });
      if (m.endTime <= 0n) throw sdk.InvalidRequest('invalid end time');
    },
    handle: (ctx, m) => {
      const amount = coinsFromProto(m.amount, { allowEmpty: false });
      if (m.delayed) {
        create(ctx, m.fromAddress, m.toAddress, amount, DelayedVestingAccount.typeUrl, (bva) =>
          DelayedVestingAccount.fromPartial({ baseVestingAccount: { ...bva, endTime: m.endTime } }),
        );
      } else {
        const start = ctx.unixSeconds;
        if (m.endTime <= start) throw sdk.InvalidRequest(`end time ${m.endTime} is not after the block time ${start}`);
        create(ctx, m.fromAddress, m.toAddress, amount, ContinuousVestingAccount.typeUrl, (bva) =>
          ContinuousVestingAccount.fromPartial({ baseVestingAccount: { ...bva, endTime: m.endTime }, startTime: start }),
        );
      }
      return {};
    },
  };

  const createPermanentLocked: MsgRoute<MsgCreatePermanentLockedAccount, MsgCreatePermanentLockedAccountResponse> = {
    type: MsgCreatePermanentLockedAccount,
    response: MsgCreatePermanentLockedAccountResponse,
    signers: (m) => [m.fromAddress],
    validate: (m) => {
      addrs.decode(m.fromAddress);
      addrs.decode(m.toAddress);
      coinsFromProto(m.amount, { allowEmpty: false });
    },
    handle: (ctx, m) => {
      const amount = coinsFromProto(m.amount, { allowEmpty: false });
      create(ctx, m.fromAddress, m.toAddress, amount, PermanentLockedAccount.typeUrl, (bva) =>
        PermanentLockedAccount.fromPartial({ baseVestingAccount: bva }),
      );
      return {};
    },
  };

  const createPeriodic: MsgRoute<MsgCreatePeriodicVestingAccount, MsgCreatePeriodicVestingAccountResponse> = {
    type: MsgCreatePeriodicVestingAccount,
    response: MsgCreatePeriodicVestingAccountResponse,
    signers: (m) => [m.fromAddress],
    validate: (m) => {
      addrs.decode(m.fromAddress);
      addrs.decode(m.toAddress);
      if (m.startTime < 1n) throw sdk.InvalidRequest('invalid start time of 0, must be > 0');
      if (m.vestingPeriods.length === 0) throw sdk.InvalidRequest('no vesting periods');
      for (const [i, p] of m.vestingPeriods.entries()) {
        if (p.length < 1n) throw sdk.InvalidRequest(`invalid period length of ${p.length} in period ${i}, length must be greater than 0`);
        coinsFromProto(p.amount, { allowEmpty: false });
      }
    },
    handle: (ctx, m) => {
      const total = m.vestingPeriods.reduce<Coins>((acc, p) => addCoins(acc, coinsFromProto(p.amount)), []);
      const end = m.vestingPeriods.reduce((t, p) => t + p.length, m.startTime);
      create(ctx, m.fromAddress, m.toAddress, total, PeriodicVestingAccount.typeUrl, (bva) =>
        PeriodicVestingAccount.fromPartial({
          baseVestingAccount: { ...bva, endTime: end },
          startTime: m.startTime,
          vestingPeriods: m.vestingPeriods,
        }),
      );
      return {};
    },
  };

  return [createVesting, createPermanentLocked, createPeriodic];
}
