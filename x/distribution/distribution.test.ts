/**
 * x/distribution: F1 arithmetic driven through the keepers (table-driven), and the block cycle on
 * the in-process app (allocation by voting power, community tax, fee burning, withdrawals).
 */
import { GenesisState as MintGenesis } from 'cosmjs-types/cosmos/mint/v1beta1/genesis';
import { BondStatus } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { QuerySupplyOfRequest, QuerySupplyOfResponse, QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
} from 'cosmjs-types/cosmos/distribution/v1beta1/query';
import { accountAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import { DEFAULT_PARAMS as MINT_DEFAULTS } from '../mint/params';
import { allocateTokensToValidator } from './allocation';
import * as dc from './dec_coins';
import {
  commit,
  consAddr,
  consKey,
  FEE,
  msgCreateValidator,
  msgDelegate,
  query,
  Signers,
  startTestApp,
  valoperOf,
  type TestApp,
} from '../../test/helpers/test_app';

const M = 1_000_000n;
const noInflation = MintGenesis.toJSON(
  MintGenesis.fromPartial({
    minter: { inflation: Dec.ZERO.toProto(), annualProvisions: Dec.ZERO.toProto() },
    params: { ...MINT_DEFAULTS, inflationMin: Dec.ZERO.toProto(), inflationMax: Dec.ZERO.toProto(), inflationRateChange: Dec.ZERO.toProto() },
  }),
);

async function setup(o: { selfStake: bigint; delegated: bigint; rate: string }) {
  const s0 = await Signers.create(undefined as never, 3);
  const t = await startTestApp(s0.keys.map((k) => ({ address: k.address, uhyper: 1_000_000n * M })), { genesis: { mint: noInflation } });
  const s = new Signers(t, s0.keys);
  await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), o.selfStake, { rate: o.rate, maxRate: '1000000000000000000' })]);
  if (o.delegated > 0n) await s.run(1, [msgDelegate(s.keys[1].address, valoperOf(s.keys[0].address), o.delegated)]);
  return { t, s };
}

/** A context over a branch of the last committed state at a chosen height. */
function ctxAt(t: TestApp, base: Context, height: number): Context {
  return new Context(base.stores, { ...base.block, height }, 'deliver');
}

const uhyper = (coins: { denom: string; amount: bigint }[]) => coins.find((c) => c.denom === 'uhyper')?.amount ?? 0n;

describe('F1 through the keepers', () => {
  test.each([
    // name, self stake, delegated, commission rate (wire), rewards, slash fraction between, want delegator, want self
    ['split by stake after 10% commission', 60n * M, 40n * M, '100000000000000000', [1_000_000n], undefined, 360_000n, 540_000n],
    ['no commission', 75n * M, 25n * M, '0', [1_000_000n], undefined, 250_000n, 750_000n],
    ['two allocations add up', 50n * M, 50n * M, '0', [1_000n, 3_000n], undefined, 2_000n, 2_000n],
    ['a 50% slash between allocations halves every stake but not the shares', 60n * M, 40n * M, '0', [1_000_000n, 1_000_000n], '0.5', 800_000n, 1_200_000n],
    ['truncation: rewards per token chop at 18 decimals', 3n * M, 0n, '0', [10n], undefined, 0n, 9n],
  ])('%s', async (_name, selfStake, delegated, rate, allocations, slashFraction, wantDel, wantSelf) => {
    const { t, s } = await setup({ selfStake, delegated, rate });
    try {
      const { distribution, staking } = t.keepers;
      const base = t.app.readCtx(t.height);
      let h = t.height + 1;
      const val = staking.decodeValAddr(valoperOf(s.keys[0].address));
      for (const [i, amount] of allocations.entries()) {
        const ctx = ctxAt(t, base, h++);
        allocateTokensToValidator(distribution, ctx, staking.mustGetValidator(ctx, val), dc.fromCoins([{ denom: 'uhyper', amount }]));
        if (slashFraction && i === 0) {
          const sctx = ctxAt(t, base, h++);
          const v = staking.mustGetValidator(sctx, val);
          staking.slash(sctx, consAddr(consKey(1)), BigInt(h - 1), BigInt(v.tokens) / M, Dec.fromString(slashFraction));
        }
      }
      const ctx = ctxAt(t, base, h);
      const v = staking.mustGetValidator(ctx, val);
      const rewards = (who: string) => {
        const d = staking.getDelegation(ctx, t.keepers.auth.addressCodec.decode(who), val);
        if (!d) return 0n;
        return uhyper(dc.truncateDecimal(distribution.calculateDelegationRewards(ctx, v, d, distribution.incrementValidatorPeriod(ctx, v))).coins);
      };
      expect(rewards(s.keys[1].address)).toBe(wantDel);
      expect(rewards(s.keys[0].address)).toBe(wantSelf);
    } finally {
      await t.close();
    }
  });

  test('a delegation made after an allocation earns nothing of it', async () => {
    const { t, s } = await setup({ selfStake: 50n * M, delegated: 0n, rate: '0' });
    try {
      const { distribution, staking } = t.keepers;
      const base = t.app.readCtx(t.height);
      const val = staking.decodeValAddr(valoperOf(s.keys[0].address));
      allocateTokensToValidator(distribution, ctxAt(t, base, t.height + 1), staking.mustGetValidator(base, val), dc.fromCoins([{ denom: 'uhyper', amount: 1000n }]));
      const dctx = ctxAt(t, base, t.height + 2);
      staking.delegate(dctx, t.keepers.auth.addressCodec.decode(s.keys[1].address), 50n * M, BondStatus.BOND_STATUS_UNBONDED, staking.mustGetValidator(dctx, val), true);
      allocateTokensToValidator(distribution, ctxAt(t, base, t.height + 3), staking.mustGetValidator(base, val), dc.fromCoins([{ denom: 'uhyper', amount: 1000n }]));
      const ctx = ctxAt(t, base, t.height + 4);
      const v = staking.mustGetValidator(ctx, val);
      const period = distribution.incrementValidatorPeriod(ctx, v);
      const of = (i: number) =>
        uhyper(dc.truncateDecimal(distribution.calculateDelegationRewards(ctx, v, staking.getDelegation(ctx, t.keepers.auth.addressCodec.decode(s.keys[i].address), val)!, period)).coins);
      expect([of(0), of(1)]).toEqual([1500n, 500n]);
    } finally {
      await t.close();
    }
  });
});

describe('the block cycle', () => {
  test('fees: 20% burned in the block, the rest shared next block by power, 2% community tax, withdrawal pays the F1 amount', async () => {
    const s0 = await Signers.create(undefined as never, 3);
    const t = await startTestApp(s0.keys.map((k) => ({ address: k.address, uhyper: 1_000_000n * M })), { genesis: { mint: noInflation } });
    try {
      const s = new Signers(t, s0.keys);
      await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), 30n * M, { rate: '0' })]);
      await s.run(1, [msgCreateValidator(s.keys[1].address, consKey(2), 10n * M, { rate: '0' })]);
      const vals = [
        { key: consKey(1), power: 30n },
        { key: consKey(2), power: 10n },
      ];
      await t.block([], { decidedLastCommit: commit(vals) });
      const supply = () => BigInt(query(t, '/cosmos.bank.v1beta1.Query/SupplyOf', QuerySupplyOfRequest, QuerySupplyOfResponse, { denom: 'uhyper' }).amount!.amount);
      const pool = () => dc.fromProto(query(t, '/cosmos.distribution.v1beta1.Query/CommunityPool', QueryCommunityPoolRequest, QueryCommunityPoolResponse, {}).pool);
      const delegationRewards = () =>
        dc.fromProto(
          query(t, '/cosmos.distribution.v1beta1.Query/DelegationRewards', QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, {
            delegatorAddress: s.keys[0].address,
            validatorAddress: valoperOf(s.keys[0].address),
          }).rewards,
        )[0]?.amount ?? Dec.ZERO;
      const before = supply();
      const poolBefore = pool();
      const rewardsBefore = delegationRewards();
      const fee = BigInt(FEE.amount[0].amount);
      // a block with one tx: its fee is partly burned at EndBlock
      await t.block([await s.tx(2, [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: { fromAddress: s.keys[2].address, toAddress: s.keys[1].address, amount: [{ denom: 'uhyper', amount: '1' }] } }])], {
        decidedLastCommit: commit(vals),
      });
      const burned = (fee * 2n) / 10n;
      expect(supply()).toBe(before - burned);
      // next block allocates the rest: 98% by power 3:1, 2% (and dust) to the community pool
      await t.block([], { decidedLastCommit: commit(vals) });
      const distributed = fee - burned;
      const toValidators = Dec.fromInt(distributed).mulTruncate(Dec.fromString('0.98'));
      const share0 = toValidators.mulTruncate(Dec.fromInt(30n).quoTruncate(Dec.fromInt(40n)));
      const share1 = toValidators.mulTruncate(Dec.fromInt(10n).quoTruncate(Dec.fromInt(40n)));
      const poolGain = dc.sub(pool(), poolBefore);
      expect(poolGain[0].amount.eq(Dec.fromInt(distributed).sub(share0).sub(share1))).toBe(true);
      // validator 0 is its own only delegator: its rewards grew by share0 (F1 per-token rounding aside)
      const rewards = delegationRewards();
      expect(rewards.sub(rewardsBefore).sub(share0).isNegative()).toBe(false);
      expect(rewards.sub(rewardsBefore).sub(share0).lt(Dec.fromString('0.000001'))).toBe(true);
      const bal = () => BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address: s.keys[0].address, denom: 'uhyper' }).balance!.amount);
      const b0 = bal();
      await s.run(0, [{ typeUrl: '/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward', value: { delegatorAddress: s.keys[0].address, validatorAddress: valoperOf(s.keys[0].address) } }]);
      expect(bal()).toBe(b0 - fee + rewards.truncateInt());
    } finally {
      await t.close();
    }
  });

  test.each([
    ['withdraw from a validator that does not exist', (s: Signers) => ({ typeUrl: '/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward', value: { delegatorAddress: s.keys[1].address, validatorAddress: valoperOf(s.keys[2].address) } }), 1, 'distribution', 6],
    ['withdraw without a delegation', (s: Signers) => ({ typeUrl: '/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward', value: { delegatorAddress: s.keys[2].address, validatorAddress: valoperOf(s.keys[0].address) } }), 2, 'distribution', 5],
    ['withdraw commission when there is none', (s: Signers) => ({ typeUrl: '/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission', value: { validatorAddress: valoperOf(s.keys[0].address) } }), 0, 'distribution', 7],
    ['withdraw address that is a module account', (s: Signers) => ({ typeUrl: '/cosmos.distribution.v1beta1.MsgSetWithdrawAddress', value: { delegatorAddress: s.keys[1].address, withdrawAddress: accountAddresses.encode(moduleAddress('distribution')) } }), 1, 'sdk', 4],
  ])('%s: %s/%i', async (_n, make, signer, codespace, code) => {
    const { t, s } = await setup({ selfStake: 10n * M, delegated: 1n * M, rate: '0' });
    try {
      const r = await s.result(signer as number, [(make as (x: Signers) => { typeUrl: string; value: unknown })(s)]);
      expect([r.codespace, r.code]).toEqual([codespace, code]);
    } finally {
      await t.close();
    }
  });
});
