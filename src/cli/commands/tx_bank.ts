/** `hypermesh tx bank send FROM TO AMOUNT`: the bank module's tx commands. */
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { coinsToProto } from '../../types/coins';
import type { TxModule } from '../client/context';
import { act } from '../client/errors';
import { withTxFlags } from '../client/flags';
import { runTx } from '../client/tx_runner';

export const bankTxModule: TxModule = {
  name: 'bank',
  register(tx, ctx) {
    const bank = tx.command('bank').description('bank transactions: send tokens');
    withTxFlags(bank.command('send'))
      .description('send tokens: hypermesh tx bank send alice hyper1... 1000uhyper')
      .argument('<from>', 'the sender: a key name, or the address of a key in the keyring')
      .argument('<to>', 'the recipient: an address (or the name of a key in the keyring)')
      .argument('<amount>', 'coins as integers in a base denom: 1000uhyper, or 10uhyper,5rcpu')
      .action(
        act(async (from: string, to: string, amount: string, opts: Record<string, unknown>) =>
          runTx(ctx, opts, from, async (inputs) => {
            const recipient = await inputs.address(to, 'recipient');
            const coins = inputs.coins(amount);
            const msg = MsgSend.fromPartial({ fromAddress: inputs.sender, toAddress: recipient, amount: coinsToProto(coins) });
            return { msgs: [{ typeUrl: MsgSend.typeUrl, value: msg }], spends: coins };
          }),
        ),
      );
  },
};
