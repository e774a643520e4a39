import { assertCanPay, explainRefusal, insufficientFundsMessage } from './tx_errors';

const u = (amount: bigint, denom = 'uhyper') => ({ denom, amount });
const A = 'hyper1v7c9ga2vranurtg7jj7arzpkqa7twhdk5q09an';

describe('insufficient funds', () => {
  test('names the balance, the amount and the fee', () => {
    expect(insufficientFundsMessage(A, [u(100n)], [u(10000n)], [u(2000n)])).toBe(`insufficient funds: ${A} has 100uhyper, needs 10000uhyper + 2000uhyper fee`);
    expect(insufficientFundsMessage(A, [], [u(5n, 'rcpu')], [u(2000n)])).toBe(`insufficient funds: ${A} has 0rcpu,0uhyper, needs 5rcpu + 2000uhyper fee`);
    expect(insufficientFundsMessage(A, [u(1n)], [], [u(2000n)])).toBe(`insufficient funds: ${A} has 1uhyper, needs 2000uhyper fee`);
  });

  test('assertCanPay passes exactly at the balance and fails one below', () => {
    expect(() => assertCanPay(A, [u(12000n)], [u(10000n)], [u(2000n)])).not.toThrow();
    expect(() => assertCanPay(A, [u(11999n)], [u(10000n)], [u(2000n)])).toThrow(`has 11999uhyper, needs 10000uhyper + 2000uhyper fee`);
    expect(() => assertCanPay(A, [], [u(1n)], [], false)).toThrow(/\(the account does not exist on chain yet: it has never received tokens\)$/);
  });
});

describe('explainRefusal', () => {
  test('sdk/5 is rendered with the current balance', async () => {
    const msg = await explainRefusal(
      { codespace: 'sdk', code: 5, log: 'spendable balance 100uhyper is smaller than 10000uhyper: insufficient funds' },
      { stage: 'x', sender: A, spends: [u(10000n)], fee: [u(2000n)], spendable: async () => [u(100n)] },
    );
    expect(msg).toBe(`insufficient funds: ${A} has 100uhyper, needs 10000uhyper + 2000uhyper fee`);
  });

  test('fee, gas and sequence errors name the flag that fixes them', async () => {
    const c = { stage: 'the node refused the tx' };
    expect(await explainRefusal({ codespace: 'sdk', code: 13, log: 'insufficient fees' }, c)).toBe('the node refused the tx: insufficient fees (sdk/13); raise the fee with --fees or --gas-prices');
    expect(await explainRefusal({ codespace: 'sdk', code: 11, log: 'out of gas' }, c)).toMatch(/\(sdk\/11\); raise --gas or use --gas auto$/);
    expect(await explainRefusal({ codespace: 'sdk', code: 32, log: 'account sequence mismatch' }, c)).toMatch(/pass --sequence$/);
    expect(await explainRefusal({ codespace: 'bank', code: 2, log: 'send disabled' }, c)).toBe('the node refused the tx: send disabled (bank/2)');
  });
});
