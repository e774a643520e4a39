/**
 * x/resource scenarios on the in-process app: bad input refused with its code and no state change,
 * deterministic provider choice, failed leases and fraud challenges, the validator link and its
 * consensus power, unbonding, genesis export and import.
 */
import { GenesisState } from '../../src/gen/hypermesh/resource/v1/genesis';
import { ChallengeKind, LeaseOrigin, LeaseStatus, ProviderStatus, ResourceType } from '../../src/gen/hypermesh/resource/v1/resource';
import { Context } from '../../src/types/context';
import { resourceInvariants } from './invariants';
import { signHeartbeat } from '../../src/sdk/resource';
import { accountAddresses, validatorAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { Dec } from '../../src/types/dec';
import { toSdkJsonOf } from '../../src/codec/proto_json';
import { CHAIN_ID, consKey, msgCreateValidator, startTestApp, valoperOf } from '../../test/helpers/test_app';
import { resourceGenesis } from './genesis';
import {
  audit,
  balance,
  heartbeats,
  HYPER,
  INTERVAL,
  invariants,
  mint,
  msg,
  nodeKey,
  readCtx,
  redeem,
  registerNode,
  registerProvider,
  send,
  setupResource,
  type Setup,
} from './test_helpers';
import { MAX_UINT64 } from './units';

jest.setTimeout(120_000);

/** The whole x/resource state as bytes, and the balances a tx could move. */
function fingerprint(x: Setup, who: string[]): string {
  const ctx = readCtx(x.t);
  const g = resourceGenesis(x.k, accountAddresses).export(ctx);
  const bal = who.flatMap((a) => ['uhyper', 'rcpu'].map((d) => (d === 'uhyper' ? '' : `${a}:${balance(x.t, a, d)}`)));
  return Buffer.from(GenesisState.encode(g).finish()).toString('hex') + bal.join(',');
}

describe('bad input is refused with its code and changes no x/resource state', () => {
  let x: Setup;
  const [P, C, Q, R, A] = [0, 1, 2, 3, 5];
  const n1 = nodeKey(1);
  const big = nodeKey(2);
  const rich = nodeKey(3);
  beforeAll(async () => {
    x = await setupResource();
    await x.run(P, [registerProvider(x.addr(P), 100n * HYPER)]);
    await x.run(P, [registerNode(x.addr(P), n1, { cpuMillicores: 4000n })]);
    await x.run(A, [audit(x.addr(A), n1, { cpuMillicores: 4000n })]);
    await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: n1, seq: 1n }])]);
    await x.run(P, [mint(x.addr(P), 10n), send(x.addr(P), x.addr(C), 5n, 'rcpu')]);
    await x.run(Q, [registerProvider(x.addr(Q), 10n * HYPER), registerNode(x.addr(Q), big, { cpuMillicores: MAX_UINT64 - 10n })]);
    // R: 10 HYPER backs 10,000,000 / (1.5 × 10,000) = 666 rcpu; its node backs 1,000
    await x.run(R, [registerProvider(x.addr(R), 10n * HYPER), registerNode(x.addr(R), rich, { cpuMillicores: 100_000n })]);
    // stay inside one liveness window: no window close between the cases
    const w = x.k.window(readCtx(x.t));
    await x.t.block([], { timeSeconds: w.end!.seconds + 1n });
    await x.run(R, [mint(x.addr(R), 666n)]);
  });
  afterAll(async () => {
    await x?.t.close();
  });

  const cases: [string, () => [number, ReturnType<typeof msg>], string, number][] = [
    ['heartbeat signed by the wrong key', () => [P, heartbeats(x.t, x.addr(P), [{ key: n1, seq: 2n, signer: nodeKey(9) }])], 'resource', 14],
    ['heartbeat replaying a sequence', () => [P, heartbeats(x.t, x.addr(P), [{ key: n1, seq: 1n }])], 'resource', 15],
    ['heartbeat above the audited capacity', () => [P, heartbeats(x.t, x.addr(P), [{ key: n1, seq: 2n, used: { cpuMillicores: 4001n } }])], 'resource', 16],
    ['heartbeat of an unknown node', () => [P, heartbeats(x.t, x.addr(P), [{ key: nodeKey(8), seq: 1n }])], 'resource', 9],
    ['node capacity overflowing uint64 for the provider', () => [Q, registerNode(x.addr(Q), nodeKey(4), { cpuMillicores: 11n })], 'resource', 12],
    ['duplicate node id', () => [Q, registerNode(x.addr(Q), n1, { cpuMillicores: 1000n })], 'resource', 8],
    ['node registration signed by another key', () => [P, registerNode(x.addr(P), nodeKey(5), { cpuMillicores: 1000n }, { signer: nodeKey(6) })], 'resource', 11],
    ['node registration signed for another chain', () => [P, registerNode(x.addr(P), nodeKey(5), { cpuMillicores: 1000n }, { chainId: 'other-chain' })], 'resource', 11],
    ['mint beyond capacity', () => [P, mint(x.addr(P), 31n)], 'resource', 19],
    ['mint with too little bond', () => [R, mint(x.addr(R), 1n)], 'resource', 20],
    ['mint of a non-resource denom', () => [P, mint(x.addr(P), 1n, 'uhyper')], 'resource', 18],
    ['mint by a non-provider', () => [C, mint(x.addr(C), 1n)], 'resource', 3],
    ['redeem more than held', () => [C, redeem(x.addr(C), 6n, 3600n)], 'sdk', 5],
    ['redeem for too short a lease', () => [C, redeem(x.addr(C), 1n, 10n)], 'resource', 23],
    ['redeem from a provider without liability', () => [C, redeem(x.addr(C), 1n, 3600n, { provider: x.addr(Q) })], 'resource', 21],
    ['attributes signed by a non-auditor', () => [C, audit(x.addr(C), n1, { cpuMillicores: 1n })], 'resource', 13],
    ['provider bond below the minimum', () => [C, registerProvider(x.addr(C), 9n * HYPER)], 'resource', 4],
    ['provider registered twice', () => [P, registerProvider(x.addr(P), 10n * HYPER)], 'resource', 2],
    ['link to another account’s validator', () => [C, registerProvider(x.addr(C), 10n * HYPER, { validator: valoperOf(x.addr(P)) })], 'resource', 5],
    ['link to a validator that does not exist', () => [C, registerProvider(x.addr(C), 10n * HYPER, { validator: valoperOf(x.addr(C)) })], 'resource', 5],
    ['bond in another denom', () => [C, msg('MsgRegisterProvider', { provider: x.addr(C), moniker: 'c', bond: { denom: 'rcpu', amount: '1' } })], 'sdk', 10],
    ['unbonding with an outstanding liability', () => [P, msg('MsgUnbondProvider', { provider: x.addr(P) })], 'resource', 7],
    ['params changed by a non-authority', () => [C, msg('MsgUpdateParams', { authority: x.addr(C), params: x.k.params(readCtx(x.t)) })], 'sdk', 4],
  ];

  test.each(cases)('%s', async (_name, build, codespace, code) => {
    const [signer, m] = build();
    const before = fingerprint(x, [x.addr(P), x.addr(C), x.addr(R)]);
    const r = await x.result(signer, [m]);
    expect({ codespace: r.codespace, code: r.code }).toEqual({ codespace, code });
    expect(fingerprint(x, [x.addr(P), x.addr(C), x.addr(R)])).toBe(before);
  });

  test('the cases stayed in one window, and the invariants hold', () => {
    expect(invariants(x.t, x.k)).toEqual([]);
  });
});

describe('redemption without a named provider', () => {
  test('highest reputation, then lowest price, then lowest address; the choice is recorded in the lease', async () => {
    const x = await setupResource(6);
    try {
      const ps = [0, 1, 2, 3];
      const keys = ps.map((i) => nodeKey(20 + i));
      const prices = ['5000', '8000', '5000', '5000'].map((p) => [{ denom: 'rcpu', price: Dec.fromString(p).toProto() }]);
      // same block, same bond, same age: equal trust
      await x.t.block(await Promise.all(ps.map((i) => x.tx(i, [registerProvider(x.addr(i), 50n * HYPER, { prices: prices[i] }), registerNode(x.addr(i), keys[i], { cpuMillicores: 4000n })]))));
      await x.t.block(await Promise.all(ps.map((i) => x.tx(i, [mint(x.addr(i), 10n), send(x.addr(i), x.addr(4), 5n, 'rcpu')]))));
      // provider 3 misses every other window; the others are always on time
      for (let w = 1n; w <= 4n; w++) {
        const live = ps.filter((i) => i !== 3 || w % 2n === 0n);
        await x.t.block(await Promise.all(live.map((i) => x.tx(i, [heartbeats(x.t, x.addr(i), [{ key: keys[i], seq: w }])]))), { timeSeconds: x.t.time + INTERVAL });
      }
      const score = (i: number) => Dec.fromProto(x.k.getReputation(readCtx(x.t), accountAddresses.decode(x.addr(i))).score);
      expect(score(0).eq(score(1)) && score(0).eq(score(2))).toBe(true);
      expect(score(3).lt(score(0))).toBe(true);
      // 0 and 2 tie on score and price: the lower address bytes wins
      const addrBytes = (i: number) => Buffer.from(accountAddresses.decode(x.addr(i))).toString('hex');
      const want = addrBytes(0) < addrBytes(2) ? 0 : 2;
      const r = await x.run(4, [redeem(x.addr(4), 2n, 3600n)]);
      expect(r.code).toBe(0);
      const lease = x.k.state.leases.get(readCtx(x.t), 1n)!;
      expect(lease.provider).toBe(x.addr(want));
      expect(lease.nodeId).toBe(keys[want].nodeId);
      expect(lease.pricePerUnit).toBe(Dec.fromInt(5000).toProto());
      expect(invariants(x.t, x.k)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});

describe('failed leases and fraud', () => {
  let x: Setup;
  const [P, C, V] = [0, 1, 2];
  const n1 = nodeKey(30);
  const nv = nodeKey(31);
  let seq = 0n;
  beforeAll(async () => {
    x = await setupResource();
    await x.run(V, [msgCreateValidator(x.addr(V), consKey(1), 100n * HYPER)]);
    await x.run(P, [registerProvider(x.addr(P), 100n * HYPER), registerNode(x.addr(P), n1, { cpuMillicores: 4000n })]);
    await x.run(V, [registerProvider(x.addr(V), 100n * HYPER, { validator: valoperOf(x.addr(V)) }), registerNode(x.addr(V), nv, { cpuMillicores: 4000n })]);
    await x.run(5, [audit(x.addr(5), nv, { cpuMillicores: 2000n })]);
    await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: n1, seq: ++seq }])]);
    await x.run(P, [mint(x.addr(P), 20n), send(x.addr(P), x.addr(C), 10n, 'rcpu')]);
  });
  afterAll(async () => {
    await x?.t.close();
  });

  test('a node that stops heartbeating fails its lease; the consumer gets the rest back; a challenge pays it the slash', async () => {
    await x.run(C, [redeem(x.addr(C), 4n, 7200n, { provider: x.addr(P) })]);
    // one window served, then silence
    await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: n1, seq: ++seq }])], 0n);
    await x.tick();
    await x.tick();
    await x.tick();
    const ctx = readCtx(x.t);
    const lease = x.k.state.leases.get(ctx, 1n)!;
    expect(lease.status).toBe(LeaseStatus.LEASE_STATUS_FAILED);
    expect(BigInt(lease.settled) + BigInt(lease.refunded)).toBe(4n);
    expect(lease.servedPeriods).toBeGreaterThan(0n);
    expect(lease.missedPeriods).toBe(2n);
    expect(balance(x.t, x.addr(C), 'rcpu')).toBe(6n + BigInt(lease.refunded));
    expect(x.k.getProvider(ctx, accountAddresses.decode(x.addr(P)))!.openLeases).toBe(0n);
    expect(invariants(x.t, x.k)).toEqual([]);

    const before = balance(x.t, x.addr(C), 'uhyper');
    const notFailed = await x.result(C, [msg('MsgChallenge', { challenger: x.addr(C), kind: ChallengeKind.CHALLENGE_KIND_FAILED_LEASE, leaseId: 2n })]);
    expect([notFailed.codespace, notFailed.code]).toEqual(['resource', 24]);
    await x.run(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_FAILED_LEASE, leaseId: 1n })]);
    // 10% of 100 HYPER to the consumer (C paid the fee of its refused challenge)
    expect(balance(x.t, x.addr(C), 'uhyper')).toBe(before - 4000n + 10n * HYPER);
    expect(x.k.getProvider(readCtx(x.t), accountAddresses.decode(x.addr(P)))!.bond).toBe((90n * HYPER).toString());
    const again = await x.result(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_FAILED_LEASE, leaseId: 1n })]);
    expect([again.codespace, again.code]).toEqual(['resource', 26]);
    expect(x.k.getReputation(readCtx(x.t), accountAddresses.decode(x.addr(P))).frauds).toBe(1n);
    expect(invariants(x.t, x.k)).toEqual([]);
  });

  test('a signed heartbeat above the audited capacity proves fraud: bond to the community pool, validator stake slashed', async () => {
    const staking = x.t.keepers.staking;
    const op = accountAddresses.decode(x.addr(V));
    const stakeBefore = BigInt(staking.getValidator(readCtx(x.t), op)!.tokens);
    const pool = accountAddresses.encode(moduleAddress('distribution'));
    const poolBefore = balance(x.t, pool, 'uhyper');
    const honest = signHeartbeat(nv, CHAIN_ID, { sequence: 1n, height: BigInt(x.t.height), used: { cpuMillicores: 2000n } });
    const r0 = await x.result(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, heartbeat: honest })]);
    expect([r0.codespace, r0.code]).toEqual(['resource', 25]);
    const forged = { ...signHeartbeat(nodeKey(99), CHAIN_ID, { sequence: 1n, height: 1n, used: { cpuMillicores: 3000n } }), nodeId: nv.nodeId };
    const r1 = await x.result(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, heartbeat: forged })]);
    expect([r1.codespace, r1.code]).toEqual(['resource', 14]);
    const lie = signHeartbeat(nv, CHAIN_ID, { sequence: 7n, height: 1n, used: { cpuMillicores: 3000n } });
    await x.run(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, heartbeat: lie })]);
    expect(balance(x.t, pool, 'uhyper') - poolBefore).toBeGreaterThanOrEqual(10n * HYPER);
    const stakeAfter = BigInt(staking.getValidator(readCtx(x.t), op)!.tokens);
    // resource_fraud_slash_fraction 5% of the stake behind its CometBFT power (staking converts the
    // bonus power back to stake, so the figure is within a power unit of 5%)
    expect(stakeBefore - stakeAfter).toBeGreaterThan((stakeBefore * 49n) / 1000n);
    expect(stakeBefore - stakeAfter).toBeLessThanOrEqual((stakeBefore * 5n) / 100n);
    const replay = await x.result(3, [msg('MsgChallenge', { challenger: x.addr(3), kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, heartbeat: lie })]);
    expect([replay.codespace, replay.code]).toEqual(['resource', 26]);
    expect(invariants(x.t, x.k)).toEqual([]);
  });
});

describe('validator link: the resource score raises consensus power, missed heartbeats lower it', () => {
  test('power follows the linked provider’s reputation', async () => {
    const x = await setupResource();
    try {
      const V = 0;
      const node = nodeKey(40);
      const op = accountAddresses.decode(x.addr(V));
      await x.run(V, [msgCreateValidator(x.addr(V), consKey(7), 100n * HYPER)]);
      const power = () => x.t.keepers.staking.state.lastValidatorPower.get(readCtx(x.t), op);
      expect(power()).toBe(100n);
      await x.run(V, [registerProvider(x.addr(V), 1000n * HYPER, { validator: valoperOf(x.addr(V)) }), registerNode(x.addr(V), node, { cpuMillicores: 1000n })]);
      let seq = 0n;
      for (let i = 0; i < 4; i++) await x.run(V, [heartbeats(x.t, x.addr(V), [{ key: node, seq: ++seq }])], INTERVAL);
      await x.tick(1n);
      const score = x.k.resourceScore(readCtx(x.t), valoperOf(x.addr(V)));
      expect(score.isPositive()).toBe(true);
      // power = floor(100 × (1 + min(0.25, 0.25 × score)))
      const want = Dec.fromInt(100n).mul(Dec.ONE.add(Dec.fromString('0.25').min(Dec.fromString('0.25').mul(score)))).truncateInt();
      expect(power()).toBe(want);
      expect(want).toBeGreaterThan(100n);
      const high = power()!;
      for (let i = 0; i < 4; i++) await x.tick();
      expect(power()!).toBeLessThan(high);
      expect(validatorAddresses.encode(op)).toBe(valoperOf(x.addr(V)));
    } finally {
      await x.t.close();
    }
  });
});

describe('retire and unbond', () => {
  test('liability blocks unbonding until retired; the bond comes back after unbonding_seconds', async () => {
    const x = await setupResource();
    try {
      const P = 0;
      const node = nodeKey(50);
      await x.run(P, [registerProvider(x.addr(P), 10n * HYPER), registerNode(x.addr(P), node, { cpuMillicores: 1000n })]);
      await x.run(P, [mint(x.addr(P), 5n)]);
      const blocked = await x.result(P, [msg('MsgUnbondProvider', { provider: x.addr(P) })]);
      expect([blocked.codespace, blocked.code]).toEqual(['resource', 7]);
      const tooMuch = await x.result(P, [msg('MsgRetire', { provider: x.addr(P), amount: { denom: 'rcpu', amount: '6' } })]);
      expect([tooMuch.codespace, tooMuch.code]).toEqual(['resource', 21]);
      await x.run(P, [msg('MsgRetire', { provider: x.addr(P), amount: { denom: 'rcpu', amount: '5' } }), msg('MsgUnbondProvider', { provider: x.addr(P) })]);
      const ctx = readCtx(x.t);
      expect(x.k.getProvider(ctx, accountAddresses.decode(x.addr(P)))!.status).toBe(ProviderStatus.PROVIDER_STATUS_UNBONDING);
      const mintWhileUnbonding = await x.result(P, [mint(x.addr(P), 1n)]);
      expect([mintWhileUnbonding.codespace, mintWhileUnbonding.code]).toEqual(['resource', 6]);
      const before = balance(x.t, x.addr(P), 'uhyper');
      await x.tick(31n);
      expect(balance(x.t, x.addr(P), 'uhyper')).toBe(before + 10n * HYPER);
      expect(x.k.getProvider(readCtx(x.t), accountAddresses.decode(x.addr(P)))).toBeUndefined();
      expect(x.k.getNode(readCtx(x.t), Buffer.from(node.nodeId, 'hex'))).toBeUndefined();
      expect(invariants(x.t, x.k)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});

describe('genesis', () => {
  test('export → init → export is the identity', async () => {
    const x = await setupResource();
    try {
      const P = 0;
      const node = nodeKey(60);
      await x.run(P, [registerProvider(x.addr(P), 10n * HYPER), registerNode(x.addr(P), node, { cpuMillicores: 4000n })]);
      await x.run(5, [audit(x.addr(5), node, { cpuMillicores: 4000n })]);
      await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: node, seq: 1n }]), mint(x.addr(P), 10n), send(x.addr(P), x.addr(1), 3n, 'rcpu')]);
      await x.run(1, [redeem(x.addr(1), 3n, 3600n)]);
      for (let seq = 2n; seq <= 4n; seq++) await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: node, seq }])], INTERVAL);
      await x.tick(1n);
      const g = resourceGenesis(x.k, accountAddresses);
      const exported = g.export(readCtx(x.t));
      expect(exported.transactions.length).toBeGreaterThan(0);
      expect(exported.leases.length).toBe(1);
      const y = await startTestApp([], { genesis: { resource: toSdkJsonOf(GenesisState, exported) } });
      try {
        await y.block([]); // commits InitChain's state (its time is before the exported window's end: nothing closes)
        const again = resourceGenesis(y.keepers.resource, accountAddresses).export(y.app.readCtx(y.height));
        expect(Buffer.from(GenesisState.encode(again).finish()).toString('hex')).toBe(Buffer.from(GenesisState.encode(exported).finish()).toString('hex'));
      } finally {
        await y.close();
      }
    } finally {
      await x.t.close();
    }
  });
});

describe('leases opened by a market module (origin MARKET)', () => {
  test('allocate, settle into records and hooks, burn no tokens and move no liability; endLease frees the node', async () => {
    const x = await setupResource();
    try {
      const P = 0;
      const node = nodeKey(70);
      await x.run(P, [registerProvider(x.addr(P), 10n * HYPER), registerNode(x.addr(P), node, { cpuMillicores: 40_000n })]);
      await x.run(P, [heartbeats(x.t, x.addr(P), [{ key: node, seq: 1n }])]);
      const calls: string[] = [];
      x.k.hooks = {}; x.k.setHooks({ // app.ts installs x/market's hooks: this app replaces them
        afterLeaseSettled: (_ctx, lease, served, amount) => calls.push(`settled ${lease.id} ${served} ${amount}`),
        afterLeaseClosed: (_ctx, lease) => calls.push(`closed ${lease.id} ${LeaseStatus[lease.status]}`),
      });
      // one context over the committed state, at chosen block times (writes stay in its branch)
      const base = readCtx(x.t);
      const at = (seconds: bigint) => new Context(base.stores, { ...base.block, timeNs: seconds * 1_000_000_000n }, 'deliver');
      const key = Buffer.from(node.nodeId, 'hex');
      const live = (ctx: Context) => {
        const n = x.k.getNode(ctx, key)!;
        x.k.state.nodes.set(ctx, key, { ...n, lastHeartbeatWindow: x.k.window(ctx).number });
      };
      const w0 = x.k.window(base);
      const t0 = w0.start!.seconds;
      const ctx0 = at(t0 + 1n);
      const lease = x.k.openLease(ctx0, { consumer: x.addr(1), provider: x.addr(P), resource: ResourceType.RESOURCE_TYPE_CPU, amount: 8n, durationSeconds: 4n * INTERVAL, pricePerUnit: Dec.fromInt(7000) });
      expect(lease.origin).toBe(LeaseOrigin.LEASE_ORIGIN_MARKET);
      expect(x.k.getNode(ctx0, key)!.allocated!.cpuMillicores).toBe(12_000n); // ceil(8 × 3,600,000 / 2,400)
      const supply = x.t.keepers.bank.getSupply(ctx0, 'rcpu');

      live(ctx0);
      x.k.beginBlock(at(t0 + INTERVAL)); // window 1 closes: served
      const ctx1 = at(t0 + INTERVAL);
      x.k.beginBlock(at(t0 + 2n * INTERVAL)); // window 2 closes: missed (no heartbeat)
      const mid = x.k.state.leases.get(ctx1, lease.id)!;
      expect(mid.servedPeriods).toBe(1n);
      expect(mid.missedPeriods).toBe(1n);
      const records = [...x.k.state.transactions.iterate(ctx1)].map(([, r]) => r);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ leaseId: lease.id, amount: '1', pricePerUnit: Dec.fromInt(7000).toProto() }); // floor(8 × 599 / 2400)
      expect(x.t.keepers.bank.getSupply(ctx1, 'rcpu')).toBe(supply); // nothing minted back for the missed period
      expect(x.k.liabilities(ctx1, accountAddresses.decode(x.addr(P)))).toEqual([]);

      const ended = x.k.endLease(ctx1, lease.id);
      expect(ended.status).toBe(LeaseStatus.LEASE_STATUS_CLOSED);
      expect(x.k.getNode(ctx1, key)!.allocated!.cpuMillicores).toBe(0n);
      expect(() => x.k.endLease(ctx1, lease.id)).toThrow(expect.objectContaining({ codespace: 'resource', code: 33 }));
      expect(calls[0]).toBe(`settled ${lease.id} true 1`);
      expect(calls[1]).toBe(`settled ${lease.id} false 2`); // floor(8 × 1199 / 2400) − 1
      expect(calls[2]).toBe(`closed ${lease.id} LEASE_STATUS_CLOSED`);
      expect(resourceInvariants(x.k, ctx1)).toEqual([]);
    } finally {
      await x.t.close();
    }
  });
});
