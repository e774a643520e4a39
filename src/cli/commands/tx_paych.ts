/**
 * `hypermesh tx paych ...`: payment channels. `sign-voucher` works offline: it signs a voucher with
 * the payer's key from the keyring and prints it (JSON, or base64 with --base64) for the payee,
 * who redeems it with `update-channel` (x/paych/README.md, "Voucher sign bytes").
 */
import fs from 'node:fs';
import { Voucher } from '../../gen/hypermesh/paych/v1/paych';
import { MsgCollect, MsgCreateChannel, MsgFundChannel, MsgSettle, MsgUpdateChannel } from '../../gen/hypermesh/paych/v1/tx';
import { createPaychAminoConverters, decodeVoucher, encodeVoucher, paychTypes, signVoucher } from '../../sdk/paych';
import { fromSdkJsonOf } from '../../codec/proto_json';
import { coinsToProto, type Coins } from '../../types/coins';
import type { TxModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { keyringFlagsOf, withKeyringFlags, withNodeFlag } from '../client/flags';
import { openCliKeyring } from '../client/keyring';
import { NodeClient, resolveNodeUrl } from '../client/node';
import { createPrompter } from '../client/prompt';
import { withTxFlags } from '../client/flags';
import { runTx } from '../client/tx_runner';
import { protoJsonText } from '../output/print';
import { uint64Option } from '../options';

function oneCoin(coins: Coins): Coins {
  if (coins.length !== 1) throw new CliError('give one amount, e.g. 1000000uhyper');
  return coins;
}

const id = (s: string, what: string) => {
  try {
    return uint64Option(s);
  } catch (e) {
    throw new CliError(`invalid ${what} ${JSON.stringify(s)}: ${(e as Error).message}`);
  }
};

/** A voucher from a file or "-" (JSON of hypermesh.paych.v1.Voucher) or a base64 string. */
export function readVoucher(arg: string): Voucher {
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(arg) && !fs.existsSync(arg)) {
    try {
      return decodeVoucher(arg);
    } catch (e) {
      throw new CliError(`${arg.slice(0, 20)}… is not a base64 voucher: ${(e as Error).message}`);
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(arg === '-' ? 0 : arg, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${arg}: ${(e as Error).message}`);
  }
  try {
    return fromSdkJsonOf(Voucher, JSON.parse(text));
  } catch (e) {
    throw new CliError(`${arg} is not a voucher in JSON: ${(e as Error).message}`);
  }
}

export const paychTxModule: TxModule = {
  name: 'paych',
  types: paychTypes,
  aminoConverters: createPaychAminoConverters(),
  register(tx, ctx) {
    const paych = tx.command('paych').description('payment channels: deposit, off-chain vouchers, redeem, settle, collect');

    withTxFlags(paych.command('create-channel <from> <payee> <deposit>'))
      .description("open a channel from FROM (whose account key signs the vouchers) to PAYEE: create-channel alice hyper1... 1000000uhyper")
      .action(
        act(async (from: string, payee: string, deposit: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(deposit, 'deposit'));
            const to = await inputs.address(payee, 'payee');
            return { msgs: [{ typeUrl: MsgCreateChannel.typeUrl, value: MsgCreateChannel.fromPartial({ payer: inputs.sender, payee: to, deposit: coinsToProto(coins)[0] }) }], spends: coins };
          }),
        ),
      );

    withTxFlags(paych.command('fund-channel <from> <channel-id> <amount>'))
      .description('add to the deposit of your channel (before it settles)')
      .action(
        act(async (from: string, channelId: string, amount: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(amount));
            return { msgs: [{ typeUrl: MsgFundChannel.typeUrl, value: MsgFundChannel.fromPartial({ payer: inputs.sender, channelId: id(channelId, 'channel id'), amount: coinsToProto(coins)[0] }) }], spends: coins };
          }),
        ),
      );

    withNodeFlag(withKeyringFlags(paych.command('sign-voucher <payer-key> <channel-id> <cumulative-amount>')))
      .description('sign a voucher offline with the payer’s key: the cumulative amount (integer, channel denom) of --lane, with --nonce above the last one')
      .requiredOption('--nonce <n>', 'voucher nonce (must exceed the lane’s last redeemed nonce)', uint64Option)
      .option('--lane <n>', 'lane', uint64Option)
      .option('--min-settle-height <h>', 'the channel cannot be collected before this height', uint64Option)
      .option('--chain-id <id>', 'chain id (default: the node’s)')
      .option('--base64', 'print the voucher as base64 protobuf instead of JSON', false)
      .action(
        act(async (payerKey: string, channelId: string, amount: string, o: Record<string, any>) => {
          if (!/^(0|[1-9][0-9]*)$/.test(amount)) throw new CliError(`the cumulative amount must be an integer in the channel's denom, got ${JSON.stringify(amount)}`);
          const chainId = o.chainId ?? (await new NodeClient(resolveNodeUrl(o.node, o.home)).chainId());
          const kr = await openCliKeyring(keyringFlagsOf(o), createPrompter(ctx.io));
          const key = await kr.key(payerKey);
          const privateKey = await kr.keyring.exportPrivateKey(key.name);
          const v = signVoucher({ algo: key.algo, privateKey }, chainId, { channelId: id(channelId, 'channel id'), lane: o.lane ?? 0n, nonce: o.nonce, amount: BigInt(amount), minSettleHeight: o.minSettleHeight });
          privateKey.fill(0);
          ctx.io.stdout.write((o.base64 ? encodeVoucher(v) : protoJsonText(Voucher, v)) + '\n');
        }),
      );

    withTxFlags(paych.command('update-channel <from> <voucher>'))
      .description('redeem a voucher (a JSON file, "-" for stdin, or base64) as the payee or the payer')
      .action(
        act(async (from: string, voucher: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgUpdateChannel.typeUrl, value: MsgUpdateChannel.fromPartial({ sender: inputs.sender, voucher: readVoucher(voucher) }) }] })),
        ),
      );

    withTxFlags(paych.command('settle <from> <channel-id>'))
      .description('start the challenge window (optionally redeeming --voucher first); newer vouchers are still accepted until it ends')
      .option('--voucher <voucher>', 'a voucher to redeem first (JSON file or base64)')
      .action(
        act(async (from: string, channelId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({
            msgs: [{ typeUrl: MsgSettle.typeUrl, value: MsgSettle.fromPartial({ sender: inputs.sender, channelId: id(channelId, 'channel id'), voucher: o.voucher ? readVoucher(o.voucher) : undefined }) }],
          })),
        ),
      );

    withTxFlags(paych.command('collect <from> <channel-id>'))
      .description('after the challenge window: the redeemed amount to the payee, the rest to the payer')
      .action(
        act(async (from: string, channelId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgCollect.typeUrl, value: MsgCollect.fromPartial({ sender: inputs.sender, channelId: id(channelId, 'channel id') }) }] })),
        ),
      );
  },
};
