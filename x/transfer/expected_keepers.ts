/** What x/transfer calls in x/bank and x/ibc. */
import type { Metadata } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import type { Channel } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { Coins } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import type { Height } from '../ibc/host';

export interface BankKeeper {
  send(ctx: Context, from: Uint8Array, to: Uint8Array, amount: Coins): void;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amount: Coins): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amount: Coins): void;
  mintCoins(ctx: Context, module: string, amount: Coins): void;
  burnCoins(ctx: Context, module: string, amount: Coins): void;
  isBlocked(bech32: string): boolean;
  assertSendEnabled(ctx: Context, coins: Coins): void;
  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined;
  setDenomMetadata(ctx: Context, m: Metadata): void;
}

export interface ChannelKeeper {
  channel(ctx: Context, portId: string, channelId: string): Channel;
  sendPacket(ctx: Context, sourcePort: string, sourceChannel: string, timeoutHeight: Height, timeoutTimestamp: bigint, data: Uint8Array): bigint;
}
