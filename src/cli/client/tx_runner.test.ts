import { PassThrough } from 'node:stream';
import { TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { buildTxCodec, type CliContext } from './context';
import { finishBroadcast, resolveAddressArg } from './tx_runner';

function ctx(): CliContext & { out: () => string } {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (d) => (out += String(d)));
  return { io: { stdin: new PassThrough(), stdout, stderr: new PassThrough() }, codec: buildTxCodec([]), out: () => out };
}

const A = 'hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an';

describe('finishBroadcast', () => {
  const failed = TxResponse.fromPartial({ height: 9n, txhash: 'AB', code: 5, codespace: 'sdk', rawLog: 'spendable balance 1uhyper is smaller than 5uhyper: insufficient funds', gasWanted: 200000n, gasUsed: 40000n });

  test('a tx that failed in its block: result on stdout (codespace, log, gas), then a one-line error (exit 1)', async () => {
    const c = ctx();
    await expect(finishBroadcast(c, { output: 'text' }, failed, 'block', {})).rejects.toThrow(
      'tx AB failed at height 9: spendable balance 1uhyper is smaller than 5uhyper: insufficient funds (sdk/5)',
    );
    await new Promise((r) => setImmediate(r));
    expect(c.out()).toBe(
      'txhash: AB\nheight: 9\ncode: 5\ncodespace: sdk\nraw_log: "spendable balance 1uhyper is smaller than 5uhyper: insufficient funds"\ngas_wanted: 200000\ngas_used: 40000\n',
    );
  });

  test('with the sender known, insufficient funds shows the balance', async () => {
    const c = ctx();
    const res = finishBroadcast(c, { output: 'json' }, failed, 'block', { sender: A, spends: [{ denom: 'uhyper', amount: 5n }], fee: [{ denom: 'uhyper', amount: 2000n }], spendable: async () => [{ denom: 'uhyper', amount: 1n }] });
    await expect(res).rejects.toThrow(`insufficient funds: ${A} has 1uhyper, needs 5uhyper + 2000uhyper fee`);
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(c.out())).toMatchObject({ code: 5, codespace: 'sdk', txhash: 'AB', height: '9' });
  });

  test('a CheckTx refusal prints nothing on stdout in text mode', async () => {
    const c = ctx();
    const refused = TxResponse.fromPartial({ txhash: 'CD', code: 13, codespace: 'sdk', rawLog: 'insufficient fees' });
    await expect(finishBroadcast(c, { output: 'text' }, refused, 'check', {})).rejects.toThrow(
      'the node refused the tx (nothing was broadcast): insufficient fees (sdk/13); raise the fee with --fees or --gas-prices',
    );
    await new Promise((r) => setImmediate(r));
    expect(c.out()).toBe('');
  });

  test('success prints and resolves', async () => {
    const c = ctx();
    await finishBroadcast(c, { output: 'text' }, TxResponse.fromPartial({ height: 3n, txhash: 'EF', code: 0, gasWanted: 1n, gasUsed: 1n }), 'block', {});
    await new Promise((r) => setImmediate(r));
    expect(c.out()).toMatch(/^txhash: EF\nheight: 3\ncode: 0 \(success\)\n/);
  });
});

describe('resolveAddressArg', () => {
  test('addresses pass; address-like garbage names the bech32 problem; other words name the keyring', async () => {
    await expect(resolveAddressArg(undefined, A, 'recipient')).resolves.toBe(A);
    await expect(resolveAddressArg(undefined, 'hyper1qqqq', 'recipient')).rejects.toThrow(/^invalid recipient address: "hyper1qqqq": /);
    await expect(resolveAddressArg(undefined, 'cosmos1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an', 'recipient')).rejects.toThrow(/^invalid recipient address: /);
    await expect(resolveAddressArg(undefined, 'bob', 'recipient')).rejects.toThrow('invalid recipient "bob": not an address (hyper1...)');
  });
});
