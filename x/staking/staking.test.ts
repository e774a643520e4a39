/** x/staking on the in-process app: validator set changes, delegation, unbonding, redelegation, errors. */
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationRequest,
  QueryValidatorRequest,
  QueryValidatorResponse,
} from 'cosmjs-types/cosmos/staking/v1beta1/query';
import { BondStatus } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import {
  consKey,
  msgCreateValidator,
  msgDelegate,
  msgRedelegate,
  msgUndelegate,
  query,
  queryCode,
  Signers,
  startTestApp,
  valoperOf,
  type TestApp,
} from '../../test/helpers/test_app';
import { DEFAULT_PARAMS } from './params';
import { powerMultiplier, bonusPower } from './power';
import { Dec } from '../../src/types/dec';

const UNBONDING_S = 100n;

async function setup(): Promise<{ t: TestApp; s: Signers }> {
  const funded = [];
  const s0 = await Signers.create(undefined as never, 4);
  for (const k of s0.keys) funded.push({ address: k.address, uhyper: 1_000_000_000_000n });
  const t = await startTestApp(funded, {
    genesis: {
      staking: StakingGenesis.toJSON(
        StakingGenesis.fromPartial({ params: { ...DEFAULT_PARAMS, unbondingTime: { seconds: UNBONDING_S, nanos: 0 } }, lastTotalPower: new TextEncoder().encode('0') }),
      ),
    },
  });
  return { t, s: new Signers(t, s0.keys) };
}

const Q = '/cosmos.staking.v1beta1.Query/';
const balance = (t: TestApp, address: string) =>
  BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);
const validator = (t: TestApp, valoper: string) => query(t, `${Q}Validator`, QueryValidatorRequest, QueryValidatorResponse, { validatorAddr: valoper }).validator;
const pool = (t: TestApp) => query(t, `${Q}Pool`, QueryPoolRequest, QueryPoolResponse, {}).pool;

describe('x/staking', () => {
  let t: TestApp;
  let s: Signers;
  beforeEach(async () => {
    ({ t, s } = await setup());
  });
  afterEach(() => t.close());

  test('create validator: bonded at EndBlock, power sent to CometBFT, tokens in the bonded pool', async () => {
    const op = s.keys[0].address;
    await s.run(0, [msgCreateValidator(op, consKey(1), 10_000_000n)]);
    const updates = t.lastBlock!.validatorUpdates;
    expect(updates).toHaveLength(1);
    expect(updates[0].power).toBe(10n);
    expect(Buffer.from(updates[0].pubKey.ed25519!)).toEqual(Buffer.from(consKey(1)));
    const v = validator(t, valoperOf(op))!;
    expect(v.status).toBe(BondStatus.BOND_STATUS_BONDED);
    expect(v.tokens).toBe('10000000');
    expect(pool(t)).toEqual({ bondedTokens: '10000000', notBondedTokens: '0' });
    // an unchanged set sends nothing
    await t.block([]);
    expect(t.lastBlock!.validatorUpdates).toHaveLength(0);
  });

  test('delegate raises the power; undelegate lowers it and pays out only after the unbonding time', async () => {
    const op = s.keys[0].address;
    const del = s.keys[1].address;
    const valoper = valoperOf(op);
    await s.run(0, [msgCreateValidator(op, consKey(1), 10_000_000n)]);
    const before = balance(t, del);
    await s.run(1, [msgDelegate(del, valoper, 5_000_000n)]);
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([15n]);
    expect(balance(t, del)).toBe(before - 5_000_000n - 4000n);
    const d = query(t, `${Q}Delegation`, QueryDelegationRequest, QueryDelegationResponse, { delegatorAddr: del, validatorAddr: valoper });
    expect(d.delegationResponse!.balance).toEqual({ denom: 'uhyper', amount: '5000000' });

    await s.run(1, [msgUndelegate(del, valoper, 2_000_000n)]);
    const started = t.time;
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([13n]);
    expect(pool(t)).toEqual({ bondedTokens: '13000000', notBondedTokens: '2000000' });
    expect(queryCode(t, `${Q}UnbondingDelegation`, QueryUnbondingDelegationRequest.encode({ delegatorAddr: del, validatorAddr: valoper }).finish()).code).toBe(0);
    await t.block([], { timeSeconds: started + UNBONDING_S - 1n });
    expect(balance(t, del)).toBe(before - 5_000_000n - 2n * 4000n);
    await t.block([], { timeSeconds: started + UNBONDING_S });
    expect(balance(t, del)).toBe(before - 3_000_000n - 2n * 4000n);
    expect(pool(t)!.notBondedTokens).toBe('0');
    expect(t.lastBlock!.events.map((e) => e.type)).toContain('complete_unbonding');
    expect(queryCode(t, `${Q}UnbondingDelegation`, QueryUnbondingDelegationRequest.encode({ delegatorAddr: del, validatorAddr: valoper }).finish()).code).toBe(22);
  });

  test('redelegate moves stake at once; the entry matures after the unbonding time', async () => {
    const [a, b, d] = [s.keys[0].address, s.keys[1].address, s.keys[2].address];
    await s.run(0, [msgCreateValidator(a, consKey(1), 10_000_000n)]);
    await s.run(1, [msgCreateValidator(b, consKey(2), 10_000_000n)]);
    await s.run(2, [msgDelegate(d, valoperOf(a), 4_000_000n)]);
    await s.run(2, [msgRedelegate(d, valoperOf(a), valoperOf(b), 3_000_000n)]);
    expect(validator(t, valoperOf(a))!.tokens).toBe('11000000');
    expect(validator(t, valoperOf(b))!.tokens).toBe('13000000');
    const reds = query(t, `${Q}Redelegations`, QueryRedelegationsRequest, QueryRedelegationsResponse, { delegatorAddr: d, srcValidatorAddr: '', dstValidatorAddr: '' });
    expect(reds.redelegationResponses).toHaveLength(1);
    expect(reds.redelegationResponses[0].entries[0].balance).toBe('3000000');
    // a second hop from b while the first is in flight is transitive: staking/32
    const r = await s.result(2, [msgRedelegate(d, valoperOf(b), valoperOf(a), 1_000_000n)]);
    expect([r.codespace, r.code]).toEqual(['staking', 32]);
    await t.block([], { timeSeconds: t.time + UNBONDING_S });
    expect(t.lastBlock!.events.map((e) => e.type)).toContain('complete_redelegation');
    expect(query(t, `${Q}Redelegations`, QueryRedelegationsRequest, QueryRedelegationsResponse, { delegatorAddr: d, srcValidatorAddr: '', dstValidatorAddr: '' }).redelegationResponses).toHaveLength(0);
  });

  test('cancel unbonding puts the entry back into the delegation and the validator power', async () => {
    const [op, del] = [s.keys[0].address, s.keys[1].address];
    const valoper = valoperOf(op);
    await s.run(0, [msgCreateValidator(op, consKey(1), 10_000_000n)]);
    await s.run(1, [msgDelegate(del, valoper, 5_000_000n)]);
    await s.run(1, [msgUndelegate(del, valoper, 3_000_000n)]);
    const creationHeight = BigInt(t.height);
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([12n]);
    const cancel = (amount: bigint, height = creationHeight) => ({
      typeUrl: '/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation',
      value: { delegatorAddress: del, validatorAddress: valoper, amount: { denom: 'uhyper', amount: amount.toString() }, creationHeight: height },
    });
    const tooMuch = await s.result(1, [cancel(4_000_000n)]);
    expect([tooMuch.codespace, tooMuch.code]).toEqual(['sdk', 18]);
    const noEntry = await s.result(1, [cancel(1n, creationHeight + 100n)]);
    expect([noEntry.codespace, noEntry.code]).toEqual(['sdk', 38]);
    await s.run(1, [cancel(2_000_000n)]);
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([14n]);
    const d = query(t, `${Q}Delegation`, QueryDelegationRequest, QueryDelegationResponse, { delegatorAddr: del, validatorAddr: valoper });
    expect(d.delegationResponse!.balance!.amount).toBe('4000000');
    expect(pool(t)).toEqual({ bondedTokens: '14000000', notBondedTokens: '1000000' });
  });

  test('edit validator: commission at most once per 24 h, within max change; min self delegation only up', async () => {
    const op = s.keys[0].address;
    const valoper = valoperOf(op);
    await s.run(0, [msgCreateValidator(op, consKey(1), 10_000_000n)]);
    const edit = (rate: string, minSelf = '') => ({
      typeUrl: '/cosmos.staking.v1beta1.MsgEditValidator',
      value: { description: { moniker: '[do-not-modify]', identity: 'id', website: '[do-not-modify]', securityContact: '[do-not-modify]', details: '[do-not-modify]' }, validatorAddress: valoper, commissionRate: rate, minSelfDelegation: minSelf },
    });
    const early = await s.result(0, [edit('105000000000000000')]);
    expect([early.codespace, early.code]).toEqual(['staking', 12]);
    await t.block([], { timeSeconds: t.time + 24n * 3600n });
    const jump = await s.result(0, [edit('150000000000000000')]);
    expect([jump.codespace, jump.code]).toEqual(['staking', 15]);
    await s.run(0, [edit('105000000000000000', '2')]);
    const v = validator(t, valoper)!;
    expect([Dec.fromProto(v.commission.commissionRates.rate).toString(), v.minSelfDelegation, v.description.moniker, v.description.identity]).toEqual([
      '0.105000000000000000',
      '2',
      'v',
      'id',
    ]);
    const down = await s.result(0, [edit('', '1')]);
    expect([down.codespace, down.code]).toEqual(['staking', 17]);
  });

  test.each([
    ['delegate to a validator that does not exist', 1, (x: Signers) => msgDelegate(x.keys[1].address, valoperOf(x.keys[3].address), 1_000_000n), 'staking', 3],
    ['undelegate more than delegated', 0, (x: Signers) => msgUndelegate(x.keys[0].address, valoperOf(x.keys[0].address), 20_000_000n), 'sdk', 18],
    ['undelegate without a delegation', 1, (x: Signers) => msgUndelegate(x.keys[1].address, valoperOf(x.keys[0].address), 1n), 'staking', 19],
    ['create a validator with a used consensus key', 1, (x: Signers) => msgCreateValidator(x.keys[1].address, consKey(1), 1_000_000n), 'staking', 5],
    ['create a second validator for the same operator', 0, (x: Signers) => msgCreateValidator(x.keys[0].address, consKey(9), 1_000_000n), 'staking', 4],
    ['commission above max', 1, (x: Signers) => msgCreateValidator(x.keys[1].address, consKey(2), 1_000_000n, { rate: '300000000000000000' }), 'staking', 11],
    ['max rate above 100%', 1, (x: Signers) => msgCreateValidator(x.keys[1].address, consKey(2), 1_000_000n, { rate: '1', maxRate: '1100000000000000000' }), 'staking', 10],
    ['self delegation below the minimum', 1, (x: Signers) => msgCreateValidator(x.keys[1].address, consKey(2), 1_000_000n, { minSelf: '2000000' }), 'staking', 16],
    ['delegate zero', 1, (x: Signers) => msgDelegate(x.keys[1].address, valoperOf(x.keys[0].address), 0n), 'sdk', 18],
    ['delegate more than the balance', 1, (x: Signers) => msgDelegate(x.keys[1].address, valoperOf(x.keys[0].address), 2_000_000_000_000n), 'sdk', 5],
  ])('%s is refused with its code and changes nothing', async (_name, signer, make, codespace, code) => {
    await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), 10_000_000n)]);
    const before = [pool(t), balance(t, s.keys[1].address)];
    const tx = await s.tx(signer as number, [(make as (x: Signers) => ReturnType<typeof msgDelegate>)(s)]);
    const res = t.checkTx(tx);
    expect([res.codespace, res.code]).toEqual([codespace, code]);
    const [inBlock] = await t.block([tx]);
    expect([inBlock.codespace, inBlock.code]).toEqual([codespace, code]);
    expect(pool(t)).toEqual(before[0]);
  });
});

describe('resource-validated power', () => {
  test.each([
    ['no score', '0', '0.25', '0.25', 100n, 100n],
    ['half score', '0.5', '0.25', '0.25', 100n, 112n],
    ['full score hits the cap', '1', '0.5', '0.25', 100n, 125n],
    ['score above 1 is clamped', '3', '0.1', '0.25', 100n, 110n],
    ['negative score is clamped to 0', '-1', '0.25', '0.25', 100n, 100n],
    ['truncation', '0.3', '0.25', '0.25', 7n, 7n],
  ])('%s', (_n, score, weight, cap, stake, want) => {
    const m = powerMultiplier(Dec.fromString(weight), Dec.fromString(cap), Dec.fromString(score));
    expect(bonusPower(stake, m)).toBe(want);
  });
});

describe('resource-validated power in the validator set', () => {
  test('a provider score raises the power CometBFT receives, capped; tokens and shares stay', async () => {
    const { t, s } = await setup();
    try {
      const scores = new Map<string, Dec>();
      (t.keepers.staking.deps as { resourceScores?: unknown }).resourceScores = { resourceScore: (_ctx: unknown, valoper: string) => scores.get(valoper) ?? Dec.ZERO };
      const op = valoperOf(s.keys[0].address);
      await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), 100_000_000n)]);
      expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([100n]);
      scores.set(op, Dec.fromString('0.5')); // bonus min(0.25, 0.25 × 0.5) = 0.125
      await t.block([]);
      expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([112n]);
      scores.set(op, Dec.ONE); // min(0.25, 0.25) = 0.25
      await t.block([]);
      expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([125n]);
      await t.block([]);
      expect(t.lastBlock!.validatorUpdates).toHaveLength(0);
      const v = validator(t, op)!;
      expect([v.tokens, Dec.fromProto(v.delegatorShares).toString()]).toEqual(['100000000', Dec.fromInt(100_000_000n).toString()]);
    } finally {
      await t.close();
    }
  });
});

describe('genesis export', () => {
  test('a chain with validators and delegations exports every module section and imports it again', async () => {
    const { t, s } = await setup();
    try {
      await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), 10_000_000n)]);
      await s.run(1, [msgDelegate(s.keys[1].address, valoperOf(s.keys[0].address), 5_000_000n)]);
      await s.run(1, [msgUndelegate(s.keys[1].address, valoperOf(s.keys[0].address), 1_000_000n)]);
      await t.block([]);
      const exported = t.app.exportGenesis();
      expect(Object.keys(exported)).toEqual(expect.arrayContaining(['staking', 'slashing', 'distribution', 'mint', 'hypermesh_staking', 'genutil']));
      const staking = StakingGenesis.fromJSON(exported.staking);
      expect(staking.exported).toBe(true);
      expect(staking.validators).toHaveLength(1);
      expect(staking.unbondingDelegations).toHaveLength(1);
      // a new chain from the export: same validator power, same pools
      const again = await startTestApp([], { genesis: exported });
      try {
        expect(again.initChain.validators.map((u) => u.power)).toEqual([14n]);
        await again.block([]);
        expect(pool(again)).toEqual(pool(t));
      } finally {
        await again.close();
      }
    } finally {
      await t.close();
    }
  });
});

describe('next_validators_hash', () => {
  test('CometBFT ValidatorSet.Hash: the value a v0.38.26 devnet put in its block header', async () => {
    const { validatorSetHash } = await import('./historical_info');
    // `hypermesh init` + `start`: /validators gave this key with power 100, /block?height=3 this hash
    const key = new Uint8Array(Buffer.from('bTF1F0PECjE3rat8QCner2r52wGllgombMpx1gY1LBY=', 'base64'));
    expect(Buffer.from(validatorSetHash([{ pubKey: key, power: 100n }])).toString('hex').toUpperCase()).toBe(
      'E9292101D2EFE68A1CED8AA7ED8B24F72FB4F6364BE4126804F479B811694DF6',
    );
  });
});
