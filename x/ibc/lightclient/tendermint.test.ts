/**
 * 07-tendermint light client against a synthetic chain: create, adjacent and non-adjacent updates
 * (across validator-set changes, trust level 1/3), forged headers (bad signature, wrong chain id,
 * expired trusting period, too little trusted power, wrong trusted validators), misbehaviour
 * (conflicting headers freeze the client), status transitions.
 */
import { Any } from 'cosmjs-types/google/protobuf/any';
import { ClientState, ConsensusState, Header, Misbehaviour } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import { iavlSpec, tendermintSpec } from '@confio/ics23';
import { ProofSpec } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { MemKVStore } from '../../../src/store/mem_store';
import type { ErrorKind } from '../../../src/types/errors';
import { clientErrors, tendermintErrors } from '../errors';
import { TendermintClient } from './tendermint';
import { ibcHeader, signedHeader, testValidator, ts, type TestValidator } from './testing_chain';

const CHAIN = 'hma-1';
const T0 = 1_800_000_000n;
const NS = 1_000_000_000n;
const specs = [iavlSpec, tendermintSpec].map((s) => ProofSpec.decode(require('@confio/ics23').ics23.ProofSpec.encode(s).finish()));

const v1 = testValidator(1, 100n);
const v2 = testValidator(2, 100n);
const v3 = testValidator(3, 100n);
const v4 = testValidator(4, 100n);
const set = [v1, v2, v3];

function setup() {
  const store = new MemKVStore();
  const client = new TendermintClient(store, '07-tendermint-0');
  const genesis = signedHeader({ chainId: CHAIN, height: 10n, time: ts(T0), vals: set, nextVals: set });
  client.initialize(
    ClientState.fromPartial({
      chainId: CHAIN,
      trustLevel: { numerator: 1n, denominator: 3n },
      trustingPeriod: { seconds: 1000n, nanos: 0 },
      unbondingPeriod: { seconds: 2000n, nanos: 0 },
      maxClockDrift: { seconds: 20n, nanos: 0 },
      latestHeight: { revisionNumber: 1n, revisionHeight: 10n },
      proofSpecs: specs,
      upgradePath: ['upgrade', 'upgradedIBCState'],
    }),
    ConsensusState.fromPartial({ timestamp: ts(T0), root: { hash: genesis.header!.appHash }, nextValidatorsHash: genesis.header!.nextValidatorsHash }),
    T0 * NS,
    { revisionNumber: 1n, revisionHeight: 5n },
  );
  return { store, client };
}

const headerAny = (h: Header) => Any.fromPartial({ typeUrl: Header.typeUrl, value: Header.encode(h).finish() });

function update(client: TendermintClient, h: Header, nowS: bigint) {
  const msg = client.verifyClientMessage(headerAny(h), nowS * NS);
  if (client.checkForMisbehaviour(msg)) {
    client.updateStateOnMisbehaviour();
    return 'frozen';
  }
  return client.updateState(msg as Header, nowS * NS, { revisionNumber: 1n, revisionHeight: 6n });
}

function expectError(kind: ErrorKind, f: () => unknown) {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeDefined();
  if (!kind.is(thrown)) throw new Error(`expected ${kind.codespace}/${kind.code}, got ${String(thrown)}`);
}

function header(height: bigint, t: bigint, vals: TestValidator[], nextVals: TestValidator[], trustedHeight: bigint, trustedVals: TestValidator[], o: Partial<Parameters<typeof signedHeader>[0]> = {}) {
  return ibcHeader(signedHeader({ chainId: CHAIN, height, time: ts(t), vals, nextVals, ...o }), vals, trustedHeight, trustedVals);
}

test('adjacent update stores the consensus state and raises the latest height', () => {
  const { client } = setup();
  expect(update(client, header(11n, T0 + 5n, set, set, 10n, set), T0 + 6n)).toEqual({ revisionNumber: 1n, revisionHeight: 11n });
  expect(client.clientState()!.latestHeight.revisionHeight).toBe(11n);
  expect(client.consensusState({ revisionNumber: 1n, revisionHeight: 11n })).toBeDefined();
  expect(client.status((T0 + 7n) * NS)).toBe('Active');
});

test('non-adjacent update across validator-set changes (1/3 of the trusted set still signs)', () => {
  const { client } = setup();
  // at 20 the set is {v4(300), v1}: v1 alone is 100 of the trusted 300, exactly 1/3, not more: not enough
  const big4 = testValidator(4, 300n);
  expectError(tendermintErrors.InvalidHeader, () => update(client, header(20n, T0 + 50n, [v1, big4], [v1, big4], 10n, set), T0 + 51n));
  // {v4(300), v1, v2} where v4 does not sign: v1 + v2 = 200 of the trusted 300 > 100, but 200 of 500 is not > 2/3
  expectError(tendermintErrors.InvalidHeader, () => update(client, header(20n, T0 + 50n, [v1, v2, big4], [v1, v2, big4], 10n, set, { signers: (i) => i !== 0 }), T0 + 51n));
  // {v1, v2, v4(100)}: trusted v1+v2 = 200 > 100 and the new set signs 300 of 300
  expect(update(client, header(20n, T0 + 50n, [v1, v2, v4], [v1, v2, v4], 10n, set), T0 + 51n)).toEqual({ revisionNumber: 1n, revisionHeight: 20n });
  // and on from there with the new set as the trusted one
  expect(update(client, header(35n, T0 + 80n, [v2, v4], [v2, v4], 20n, [v1, v2, v4]), T0 + 81n)).toEqual({ revisionNumber: 1n, revisionHeight: 35n });
});

test.each([
  ['bad signature', () => header(11n, T0 + 5n, set, set, 10n, set, { signChainId: 'other-1' }), tendermintErrors.InvalidHeader],
  ['wrong chain id', () => ibcHeader(signedHeader({ chainId: 'hmx-1', height: 11n, time: ts(T0 + 5n), vals: set, nextVals: set }), set, 10n, set), tendermintErrors.InvalidHeader],
  ['too few signers', () => header(11n, T0 + 5n, set, set, 10n, set, { signers: (i) => i === 0 }), tendermintErrors.InvalidHeader],
  ['trusted validators are not the trusted next validators', () => header(12n, T0 + 5n, set, set, 10n, [v1, v2, v4]), tendermintErrors.InvalidValidatorSet],
  ['unknown trusted height', () => header(12n, T0 + 5n, set, set, 9n, set), clientErrors.ConsensusStateNotFound],
  ['header from the future', () => header(11n, T0 + 500n, set, set, 10n, set), tendermintErrors.InvalidHeader],
])('rejects a forged header: %s', (_name, make, kind) => {
  const { client, store } = setup();
  const before = [...store.iterator()].length;
  expectError(kind, () => update(client, make(), T0 + 6n));
  expect([...store.iterator()].length).toBe(before);
});

test('a header trusted from an expired consensus state is rejected; the client expires', () => {
  const { client } = setup();
  expectError(tendermintErrors.TrustingPeriodExpired, () => update(client, header(11n, T0 + 1001n, set, set, 10n, set), T0 + 1002n));
  expect(client.status((T0 + 1000n) * NS)).toBe('Expired');
  expect(client.status((T0 + 999n) * NS)).toBe('Active');
});

test('a conflicting header at a known height freezes the client', () => {
  const { client } = setup();
  update(client, header(11n, T0 + 5n, set, set, 10n, set), T0 + 6n);
  const fork = header(11n, T0 + 5n, set, set, 10n, set, { appHash: new Uint8Array(32).fill(9) });
  expect(update(client, fork, T0 + 7n)).toBe('frozen');
  expect(client.status((T0 + 8n) * NS)).toBe('Frozen');
  expect(client.clientState()!.frozenHeight).toEqual({ revisionNumber: 0n, revisionHeight: 1n });
});

test('Misbehaviour with two signed headers for one height freezes the client', () => {
  const { client } = setup();
  const h1 = header(15n, T0 + 9n, set, set, 10n, set);
  const h2 = header(15n, T0 + 9n, set, set, 10n, set, { appHash: new Uint8Array(32).fill(7) });
  const any = Any.fromPartial({ typeUrl: Misbehaviour.typeUrl, value: Misbehaviour.encode({ clientId: '', header1: h1, header2: h2 }).finish() });
  const m = client.verifyClientMessage(any, (T0 + 10n) * NS);
  expect(client.checkForMisbehaviour(m)).toBe(true);
  // the same header twice is not misbehaviour
  const same = Any.fromPartial({ typeUrl: Misbehaviour.typeUrl, value: Misbehaviour.encode({ clientId: '', header1: h1, header2: h1 }).finish() });
  expect(client.checkForMisbehaviour(client.verifyClientMessage(same, (T0 + 10n) * NS))).toBe(false);
});

test('connection delay: a consensus state is usable for packet proofs only after the delay (time and blocks)', () => {
  const { client } = setup();
  const h10 = { revisionNumber: 1n, revisionHeight: 10n };
  // stored at our height 5, block time T0
  expect(() => client.verifyDelayPassed(h10, 0n, 0n, T0 * NS, { revisionNumber: 1n, revisionHeight: 5n })).not.toThrow();
  expectError(tendermintErrors.DelayPeriodNotPassed, () => client.verifyDelayPassed(h10, 10n * NS, 0n, (T0 + 9n) * NS, { revisionNumber: 1n, revisionHeight: 9n }));
  expectError(tendermintErrors.DelayPeriodNotPassed, () => client.verifyDelayPassed(h10, 10n * NS, 2n, (T0 + 10n) * NS, { revisionNumber: 1n, revisionHeight: 6n }));
  expect(() => client.verifyDelayPassed(h10, 10n * NS, 2n, (T0 + 10n) * NS, { revisionNumber: 1n, revisionHeight: 7n })).not.toThrow();
  expectError(tendermintErrors.ProcessedTimeNotFound, () => client.verifyDelayPassed({ revisionNumber: 1n, revisionHeight: 11n }, 1n, 0n, T0 * NS, h10));
});
