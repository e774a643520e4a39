/**
 * Delegating locked vesting coins: the SDK's TrackDelegation / TrackUndelegation arithmetic
 * (x/auth/vesting/types/vesting_account_test.go cases), and end to end through MsgDelegate.
 */
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { GenesisState as AuthGenesis } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { BaseVestingAccount, ContinuousVestingAccount } from 'cosmjs-types/cosmos/vesting/v1beta1/vesting';
import { QuerySpendableBalancesRequest, QuerySpendableBalancesResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import { QueryAccountRequest, QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { coinsFromProto, type Coins } from '../../src/types/coins';
import { trackDelegation, trackUndelegation } from '../vesting/vesting_accounts';
import { consKey, msgCreateValidator, msgDelegate, msgUndelegate, query, Signers, startTestApp, valoperOf } from '../../test/helpers/test_app';

const c = (n: bigint): Coins => (n === 0n ? [] : [{ denom: 'uhyper', amount: n }]);
const amount = (list: { denom: string; amount: string }[]) => coinsFromProto(list).reduce((s, x) => s + x.amount, 0n);

describe('TrackDelegation / TrackUndelegation', () => {
  const bva = (dv = 0n, df = 0n) =>
    BaseVestingAccount.fromPartial({ originalVesting: [{ denom: 'uhyper', amount: '100' }], delegatedVesting: c(dv).map((x) => ({ denom: x.denom, amount: String(x.amount) })), delegatedFree: c(df).map((x) => ({ denom: x.denom, amount: String(x.amount) })) });

  test.each([
    // [name, vesting now, balance, delegate, want delegated_vesting, want delegated_free]
    ['all vesting: all of it is delegated_vesting', 100n, 100n, 100n, 100n, 0n],
    ['half vested: vesting first, then free', 50n, 100n, 75n, 50n, 25n],
    ['fully vested: all free', 0n, 100n, 40n, 0n, 40n],
  ])('%s', (_n, vesting, balance, del, wantDv, wantDf) => {
    const out = trackDelegation(bva(), c(balance), c(vesting), c(del));
    expect([amount(out.delegatedVesting), amount(out.delegatedFree)]).toEqual([wantDv, wantDf]);
  });

  test('delegating more than the balance throws', () => {
    expect(() => trackDelegation(bva(), c(10n), c(100n), c(11n))).toThrow();
  });

  test.each([
    // [name, dv, df, undelegate, want dv, want df]
    ['free comes back first', 50n, 25n, 30n, 45n, 0n],
    ['all back', 50n, 25n, 75n, 0n, 0n],
    ['slashed stake: less comes back than went out', 100n, 0n, 95n, 5n, 0n],
  ])('undelegate: %s', (_n, dv, df, und, wantDv, wantDf) => {
    const out = trackUndelegation(bva(dv, df), c(und));
    expect([amount(out.delegatedVesting), amount(out.delegatedFree)]).toEqual([wantDv, wantDf]);
  });
});

test('a continuous vesting account delegates locked coins; spendable stays what vesting allows', async () => {
  const s0 = await Signers.create(undefined as never, 2);
  const [op, vester] = s0.keys;
  const t0 = 1_800_000_000n;
  const vesting = ContinuousVestingAccount.fromPartial({
    baseVestingAccount: {
      baseAccount: BaseAccount.fromPartial({ address: vester.address, accountNumber: 1n }),
      originalVesting: [{ denom: 'uhyper', amount: '100000000' }],
      endTime: t0 + 1_000_000n,
    },
    startTime: t0,
  });
  const t = await startTestApp([{ address: op.address, uhyper: 1_000_000_000n }], {
    genesis: {
      auth: AuthGenesis.toJSON(
        AuthGenesis.fromPartial({
          params: { maxMemoCharacters: 256n, txSigLimit: 7n, txSizeCostPerByte: 10n, sigVerifyCostEd25519: 590n, sigVerifyCostSecp256k1: 1000n },
          accounts: [
            { typeUrl: BaseAccount.typeUrl, value: BaseAccount.encode(BaseAccount.fromPartial({ address: op.address, accountNumber: 0n })).finish() },
            { typeUrl: ContinuousVestingAccount.typeUrl, value: ContinuousVestingAccount.encode(vesting).finish() },
          ],
        }),
      ),
      bank: BankGenesis.toJSON(
        BankGenesis.fromPartial({
          params: { defaultSendEnabled: true },
          balances: [
            { address: op.address, coins: [{ denom: 'uhyper', amount: '1000000000' }] },
            { address: vester.address, coins: [{ denom: 'uhyper', amount: '100010000' }] },
          ],
        }),
      ),
    },
  });
  try {
    const s = new Signers(t, s0.keys);
    await s.run(0, [msgCreateValidator(op.address, consKey(1), 10_000_000n)]);
    // nearly everything is still locked; delegate 90 HYPER of it
    await s.run(1, [msgDelegate(vester.address, valoperOf(op.address), 90_000_000n)]);
    const acc = query(t, '/cosmos.auth.v1beta1.Query/Account', QueryAccountRequest, QueryAccountResponse, { address: vester.address });
    const after = ContinuousVestingAccount.decode(acc.account!.value).baseVestingAccount!;
    expect(amount(after.delegatedVesting)).toBe(90_000_000n);
    expect(amount(after.delegatedFree)).toBe(0n);
    const spendable = () =>
      amount(query(t, '/cosmos.bank.v1beta1.Query/SpendableBalances', QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, { address: vester.address }).balances);
    // balance 100.01M - 90M - fees; locked = vesting - delegated_vesting ≈ 10M: spendable = the free 10k minus fees
    expect(spendable()).toBeLessThan(10_000n);
    await s.run(1, [msgUndelegate(vester.address, valoperOf(op.address), 90_000_000n)]);
    await t.block([], { timeSeconds: t.time + 21n * 24n * 3600n });
    const back = ContinuousVestingAccount.decode(
      query(t, '/cosmos.auth.v1beta1.Query/Account', QueryAccountRequest, QueryAccountResponse, { address: vester.address }).account!.value,
    ).baseVestingAccount!;
    expect(amount(back.delegatedVesting)).toBe(0n);
  } finally {
    await t.close();
  }
});
