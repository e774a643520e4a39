/** x/slashing on the in-process app: downtime, unjail, double signing, old evidence, slashing of unbonding entries, resource fraud. */
import { GenesisState as SlashingGenesis } from 'cosmjs-types/cosmos/slashing/v1beta1/genesis';
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import { QuerySigningInfoRequest, QuerySigningInfoResponse } from 'cosmjs-types/cosmos/slashing/v1beta1/query';
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryUnbondingDelegationRequest,
  QueryUnbondingDelegationResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
} from 'cosmjs-types/cosmos/staking/v1beta1/query';
import { MisbehaviorType, type Misbehavior } from 'cosmjs-types/tendermint/abci/types';
import { consensusAddresses } from '../../src/crypto/address';
import {
  commit,
  consAddr,
  consKey,
  msgCreateValidator,
  msgDelegate,
  msgUndelegate,
  msgRedelegate,
  query,
  Signers,
  startTestApp,
  valoperOf,
  type TestApp,
} from '../../test/helpers/test_app';
import { DEFAULT_PARAMS as STAKING_DEFAULTS } from '../staking/params';
import { decBytes, DEFAULT_PARAMS } from './params';
import { Dec } from '../../src/types/dec';
import type { EncodeObject } from '@cosmjs/proto-signing';

const WINDOW = 10n;
const JAIL_S = 10n;
const STAKE = 100_000_000n; // 100 power

async function setup(consensusParams?: NonNullable<Parameters<typeof startTestApp>[1]>['consensusParams']) {
  const s0 = await Signers.create(undefined as never, 4);
  const t = await startTestApp(
    s0.keys.map((k) => ({ address: k.address, uhyper: 1_000_000_000_000n })),
    {
      consensusParams,
      genesis: {
        slashing: SlashingGenesis.toJSON(
          SlashingGenesis.fromPartial({
            params: { ...DEFAULT_PARAMS, signedBlocksWindow: WINDOW, downtimeJailDuration: { seconds: JAIL_S, nanos: 0 }, minSignedPerWindow: decBytes(Dec.fromString('0.5')) },
          }),
        ),
        staking: StakingGenesis.toJSON(
          StakingGenesis.fromPartial({ params: { ...STAKING_DEFAULTS, unbondingTime: { seconds: 1000n, nanos: 0 } }, lastTotalPower: new TextEncoder().encode('0') }),
        ),
      },
    },
  );
  const s = new Signers(t, s0.keys);
  // two validators of 100 power each: keys 0 and 1
  await s.run(0, [msgCreateValidator(s.keys[0].address, consKey(1), STAKE)]);
  await s.run(1, [msgCreateValidator(s.keys[1].address, consKey(2), STAKE)]);
  return { t, s };
}

const vals = [
  { key: consKey(1), power: 100n },
  { key: consKey(2), power: 100n },
];
const validator = (t: TestApp, op: string) =>
  query(t, '/cosmos.staking.v1beta1.Query/Validator', QueryValidatorRequest, QueryValidatorResponse, { validatorAddr: valoperOf(op) }).validator!;
const signingInfo = (t: TestApp, key: Uint8Array) =>
  query(t, '/cosmos.slashing.v1beta1.Query/SigningInfo', QuerySigningInfoRequest, QuerySigningInfoResponse, { consAddress: consensusAddresses.encode(consAddr(key)) }).valSigningInfo!;
const unjail = (op: string): EncodeObject => ({ typeUrl: '/cosmos.slashing.v1beta1.MsgUnjail', value: { validatorAddr: valoperOf(op) } });

function equivocation(key: Uint8Array, power: bigint, height: bigint, timeSeconds: bigint): Misbehavior {
  return {
    type: MisbehaviorType.DUPLICATE_VOTE,
    validator: { address: consAddr(key), power },
    height,
    time: { seconds: timeSeconds, nanos: 0 },
    totalVotingPower: 200n,
  };
}

describe('x/slashing', () => {
  let t: TestApp;
  let s: Signers;
  beforeEach(async () => {
    ({ t, s } = await setup());
  });
  afterEach(() => t.close());

  test('downtime: jailed, slashed 1%, removed from the set; MsgUnjail after the jail time brings it back', async () => {
    const op = s.keys[1].address;
    let jailedAt = 0;
    for (let i = 0; i < 30 && jailedAt === 0; i++) {
      await t.block([], { decidedLastCommit: commit(vals, new Set([1])) });
      if (validator(t, op).jailed) jailedAt = t.height;
    }
    expect(jailedAt).toBeGreaterThan(0);
    const v = validator(t, op);
    expect(v.tokens).toBe(String(STAKE - STAKE / 100n));
    const events = t.lastBlock!.events;
    const slash = events.find((e) => e.type === 'slash')!;
    expect(Object.fromEntries(slash.attributes.map((a) => [a.key, a.value]))).toMatchObject({ reason: 'missing_signature', burned_coins: String(STAKE / 100n), power: '100' });
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([0n]);
    const info = signingInfo(t, consKey(2));
    expect(info.missedBlocksCounter).toBe(0n);
    expect(info.jailedUntil.seconds).toBe(t.time + JAIL_S);

    // too early: slashing/4
    const early = await s.result(1, [unjail(op)]);
    expect([early.codespace, early.code]).toEqual(['slashing', 4]);
    await t.block([], { timeSeconds: t.time + JAIL_S, decidedLastCommit: commit([vals[0]]) });
    await s.run(1, [unjail(op)]);
    expect(validator(t, op).jailed).toBe(false);
    expect(t.lastBlock!.validatorUpdates.map((u) => u.power)).toEqual([99n]);
    // unjailing a validator that is not jailed: slashing/5
    const again = await s.result(1, [unjail(op)]);
    expect([again.codespace, again.code]).toEqual(['slashing', 5]);
  });

  test('double sign: slashed 5% from the infraction height, jailed forever, tombstoned; unjail is slashing/4', async () => {
    const op = s.keys[1].address;
    await t.block([], { decidedLastCommit: commit(vals) });
    await t.block([], { decidedLastCommit: commit(vals), misbehavior: [equivocation(consKey(2), 100n, BigInt(t.height), t.time)] });
    const v = validator(t, op);
    expect(v.jailed).toBe(true);
    expect(v.tokens).toBe(String(STAKE - STAKE / 20n));
    const info = signingInfo(t, consKey(2));
    expect(info.tombstoned).toBe(true);
    expect(info.jailedUntil.seconds).toBe(253402300799n);
    const r = await s.result(1, [unjail(op)]);
    expect([r.codespace, r.code]).toEqual(['slashing', 4]);
    // the same evidence again is ignored: tombstoned validators are not slashed twice
    await t.block([], { decidedLastCommit: commit([vals[0]]), misbehavior: [equivocation(consKey(2), 100n, BigInt(t.height - 1), t.time)] });
    expect(validator(t, op).tokens).toBe(String(STAKE - STAKE / 20n));
  });

  test('evidence older than both max ages is ignored, younger than either is not', async () => {
    await t.close();
    ({ t, s } = await setup({ evidence: { maxAgeNumBlocks: 3n, maxAgeDuration: { seconds: 5n, nanos: 0 }, maxBytes: 1_000_000n } }));
    for (let i = 0; i < 6; i++) await t.block([], { decidedLastCommit: commit(vals) });
    const op = s.keys[1].address;
    // 6+ blocks and 6+ s old: both limits passed
    await t.block([], { decidedLastCommit: commit(vals), misbehavior: [equivocation(consKey(2), 100n, 3n, t.time - 7n)] });
    expect(validator(t, op).tokens).toBe(String(STAKE));
    // old in blocks but recent in time: handled
    await t.block([], { decidedLastCommit: commit(vals), misbehavior: [equivocation(consKey(2), 100n, 3n, t.time)] });
    expect(validator(t, op).tokens).toBe(String(STAKE - STAKE / 20n));
  });

  test.each([
    // [name, undelegate before (1) or after (2) the infraction, expected ubd balance]
    ['an unbonding started before the infraction is not slashed', 'before', 10_000_000n],
    ['an unbonding started at or after the infraction loses 5% of its initial balance', 'after', 9_500_000n],
  ])('%s', async (_name, when, want) => {
    const del = s.keys[2].address;
    const valoper = valoperOf(s.keys[1].address);
    await s.run(2, [msgDelegate(del, valoper, 20_000_000n)]);
    const undelegate = () => s.run(2, [msgUndelegate(del, valoper, 10_000_000n)]);
    if (when === 'before') await undelegate();
    await t.block([], { decidedLastCommit: commit(vals) });
    const infraction = BigInt(t.height + 1); // the evidence's height; distribution height = height − 1
    await t.block([], { decidedLastCommit: commit(vals) });
    if (when === 'after') await undelegate();
    await t.block([], { decidedLastCommit: commit(vals), misbehavior: [equivocation(consKey(2), 120n, infraction, t.time)] });
    const ubd = query(t, '/cosmos.staking.v1beta1.Query/UnbondingDelegation', QueryUnbondingDelegationRequest, QueryUnbondingDelegationResponse, {
      delegatorAddr: del,
      validatorAddr: valoper,
    }).unbond!;
    expect(BigInt(ubd.entries[0].balance)).toBe(want);
    expect(BigInt(ubd.entries[0].initialBalance)).toBe(10_000_000n);
  });

  test.each([
    // [name, redelegate before or after the infraction, expected destination delegation after the slash]
    ['a redelegation started before the infraction keeps its stake', 'before', 10_000_000n],
    ['a redelegation started after the infraction loses 5% at the destination', 'after', 9_500_000n],
  ])('%s', async (_name, when, want) => {
    const del = s.keys[2].address;
    const src = valoperOf(s.keys[1].address);
    const dst = valoperOf(s.keys[0].address);
    await s.run(2, [msgDelegate(del, src, 20_000_000n)]);
    const redelegate = () => s.run(2, [msgRedelegate(del, src, dst, 10_000_000n)]);
    if (when === 'before') await redelegate();
    await t.block([], { decidedLastCommit: commit(vals) });
    const infraction = BigInt(t.height + 1);
    await t.block([], { decidedLastCommit: commit(vals) });
    if (when === 'after') await redelegate();
    const dstBefore = BigInt(validator(t, s.keys[0].address).tokens);
    await t.block([], { decidedLastCommit: commit(vals), misbehavior: [equivocation(consKey(2), 120n, infraction, t.time)] });
    const d = query(t, '/cosmos.staking.v1beta1.Query/Delegation', QueryDelegationRequest, QueryDelegationResponse, { delegatorAddr: del, validatorAddr: dst });
    expect(BigInt(d.delegationResponse!.balance!.amount)).toBe(want);
    // what the redelegation lost was burned from the destination validator
    expect(BigInt(validator(t, s.keys[0].address).tokens)).toBe(dstBefore - (10_000_000n - want));
  });

  test('slashForResourceFraud burns resource_fraud_slash_fraction (5%) of the stake, without jailing', async () => {
    const op = valoperOf(s.keys[0].address);
    // a context over a throwaway branch of the last block's state
    const ctx = t.app.readCtx(t.height);
    const burned = t.keepers.slashing.slashForResourceFraud(ctx, op);
    expect(burned).toBe(STAKE / 20n);
    expect(ctx.events.events.find((e) => e.type === 'slash')!.attributes.find((a) => a.key === 'reason')!.value).toBe('resource_fraud');
    const v = t.keepers.staking.getValidator(ctx, t.keepers.staking.decodeValAddr(op))!;
    expect([v.tokens, v.jailed]).toEqual([String(STAKE - STAKE / 20n), false]);
  });
});
