/**
 * The tally on the in-process app, table-driven: validator inheritance, delegators overriding their
 * validator, vote delegation (own vote > delegate's vote > validator's vote, one level deep, cycles),
 * weighted votes, veto, quorum and threshold edges. Each case runs a real proposal through its voting
 * period and compares the final tally and outcome with `reference` below: an independent model that
 * walks every delegation and asks who decides for it, in exact integer arithmetic.
 */
import { ProposalStatus, VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { MsgUpdateParams as MsgUpdateSlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { query } from '../../test/helpers/test_app';
import { DEFAULT_PARAMS as SLASHING_DEFAULTS } from '../slashing/params';
import { anyOf, delegateVote, GOV_ADDRESS, MIN_DEPOSIT, msgDelegate, setupGov, submit, undelegateVote, VOTING_S, weightedVote } from './test_setup';

const M = 1_000_000n; // one unit of consensus power
const E18 = 10n ** 18n;
const { VOTE_OPTION_YES: YES, VOTE_OPTION_NO: NO, VOTE_OPTION_ABSTAIN: ABSTAIN, VOTE_OPTION_NO_WITH_VETO: VETO } = VoteOption;
type Options = [VoteOption, string][];
const only = (o: VoteOption): Options => [[o, '1']];

interface Case {
  name: string;
  /** self-delegation of validator i (its operator is account i) */
  validators: bigint[];
  /** [delegator account, validator index, uhyper] */
  delegations?: [number, number, bigint][];
  /** [delegator, delegate]: vote delegations in force at the tally */
  voteDelegations?: [number, number][];
  /** vote delegations made and then revoked before the tally */
  revoked?: [number, number][];
  votes: [number, Options][];
  expected: { status: 'passed' | 'rejected'; burned?: boolean; tally?: Record<string, string> };
}

// ---------------------------------------------------------------------------------------------
// The reference: for every (delegator, validator, amount) ask who decides — the delegator's own
// vote, else its delegate's vote, else its validator's operator's vote — and add the amount with
// that vote's weights. Weights are decimal text turned into integers scaled by 10^18.

function weight(w: string): bigint {
  const [int, frac = ''] = w.split('.');
  return BigInt(int) * E18 + BigInt(frac.padEnd(18, '0'));
}

function reference(c: Case) {
  const votes = new Map(c.votes);
  const delegates = new Map(c.voteDelegations ?? []);
  const stakes: [number, number, bigint][] = [...c.validators.map((amt, v): [number, number, bigint] => [v, v, amt]), ...(c.delegations ?? [])];
  const scaled = new Map<VoteOption, bigint>([YES, NO, ABSTAIN, VETO].map((o) => [o, 0n]));
  let voting = 0n;
  let bonded = 0n;
  for (const [owner, validator, amount] of stakes) {
    bonded += amount;
    const delegate = delegates.get(owner);
    const decider = votes.get(owner) ?? (delegate !== undefined ? votes.get(delegate) : undefined) ?? votes.get(validator);
    if (!decider) continue;
    voting += amount;
    for (const [o, w] of decider) scaled.set(o, scaled.get(o)! + amount * weight(w));
  }
  const yes = scaled.get(YES)!;
  const abstain = scaled.get(ABSTAIN)!;
  const veto = scaled.get(VETO)!;
  const tally = {
    yesCount: String(yes / E18),
    abstainCount: String(abstain / E18),
    noCount: String(scaled.get(NO)! / E18),
    noWithVetoCount: String(veto / E18),
  };
  // quorum 0.334, veto 0.334 of all voting power, threshold 0.5 of non-abstaining power
  let outcome: { status: 'passed' | 'rejected'; burned: boolean };
  if (voting * 1000n < 334n * bonded) outcome = { status: 'rejected', burned: false };
  else if (voting * E18 - abstain === 0n) outcome = { status: 'rejected', burned: false };
  else if (veto * 1000n > 334n * voting * E18) outcome = { status: 'rejected', burned: true };
  else if (2n * yes > voting * E18 - abstain) outcome = { status: 'passed', burned: false };
  else outcome = { status: 'rejected', burned: false };
  return { tally, outcome };
}

// ---------------------------------------------------------------------------------------------

const cases: Case[] = [
  {
    name: 'the README worked example',
    validators: [100n * M, 100n * M], // V (operator v = 0), W (operator w = 1)
    delegations: [[2, 0, 60n * M], [3, 1, 40n * M], [4, 0, 30n * M], [5, 1, 20n * M]], // a, b, c, d
    voteDelegations: [[2, 5], [4, 3], [3, 2]], // a → d, c → b, b → a
    votes: [[0, only(YES)], [1, only(NO)], [5, only(ABSTAIN)], [3, only(NO)]],
    expected: { status: 'rejected', tally: { yesCount: '100000000', noCount: '170000000', abstainCount: '80000000', noWithVetoCount: '0' } },
  },
  {
    name: 'validator inheritance; a delegator who votes overrides its validator',
    validators: [100n * M, 100n * M],
    delegations: [[2, 0, 60n * M], [3, 1, 40n * M]],
    votes: [[0, only(YES)], [1, only(NO)], [3, only(YES)]],
    expected: { status: 'passed' },
  },
  {
    name: 'a vote delegate overrides the validator',
    validators: [100n * M, 20n * M],
    delegations: [[2, 0, 90n * M], [3, 1, 10n * M]],
    voteDelegations: [[2, 3]],
    votes: [[0, only(YES)], [3, only(NO)]],
    expected: { status: 'rejected' },
  },
  {
    name: 'an own vote overrides the vote delegate',
    validators: [100n * M, 20n * M],
    delegations: [[2, 0, 90n * M], [3, 1, 10n * M]],
    voteDelegations: [[2, 3]],
    votes: [[0, only(YES)], [3, only(NO)], [2, only(ABSTAIN)]],
    expected: { status: 'passed' },
  },
  {
    name: 'a delegate that does not vote leaves its delegators to their validators',
    validators: [100n * M, 20n * M],
    delegations: [[2, 0, 90n * M], [3, 1, 10n * M]],
    voteDelegations: [[2, 3]],
    votes: [[0, only(YES)], [1, only(NO)]],
    expected: { status: 'passed' },
  },
  {
    name: 'one level deep: a delegate’s own delegation is not followed',
    validators: [50n * M, 50n * M],
    delegations: [[2, 0, 100n * M], [3, 1, 30n * M], [4, 1, 10n * M]],
    voteDelegations: [[2, 3], [3, 4]],
    votes: [[4, only(YES)]],
    expected: { status: 'rejected' }, // 2 is not counted (3 did not vote), 3 counts with 4: 40 of 240 < quorum
  },
  {
    name: 'a cycle of delegations is harmless',
    validators: [30n * M],
    delegations: [[1, 0, 40n * M], [2, 0, 30n * M]],
    voteDelegations: [[1, 2], [2, 1]],
    votes: [[1, only(NO)]],
    expected: { status: 'rejected' },
  },
  {
    name: 'the delegate is a validator operator',
    validators: [100n * M, 30n * M],
    delegations: [[2, 0, 50n * M]],
    voteDelegations: [[2, 1]],
    votes: [[0, only(YES)], [1, only(NO)]],
    expected: { status: 'passed' }, // yes 100, no 30 + 50
  },
  {
    name: 'a revoked delegation no longer counts',
    validators: [100n * M, 20n * M],
    delegations: [[2, 0, 90n * M]],
    revoked: [[2, 1]],
    votes: [[0, only(YES)], [1, only(NO)]],
    expected: { status: 'passed' },
  },
  {
    name: 'weighted votes, inherited with their weights',
    validators: [100n * M, 100n * M],
    delegations: [[2, 0, 50n * M], [3, 1, 50n * M]],
    voteDelegations: [[3, 2]],
    votes: [
      [0, [[YES, '0.8'], [NO, '0.2']]],
      [2, [[YES, '0.25'], [ABSTAIN, '0.25'], [NO, '0.25'], [VETO, '0.25']]],
    ],
    expected: { status: 'passed' },
  },
  {
    name: 'veto above one third: rejected, deposits burned',
    validators: [100n * M, 60n * M],
    votes: [[0, only(YES)], [1, only(VETO)]],
    expected: { status: 'rejected', burned: true },
  },
  {
    name: 'veto of exactly 0.334 is not a veto',
    validators: [666n * M, 334n * M],
    votes: [[0, only(YES)], [1, only(VETO)]],
    expected: { status: 'passed' },
  },
  {
    name: 'quorum met exactly (0.334 of bonded stake)',
    validators: [334n * M, 666n * M],
    votes: [[0, only(YES)]],
    expected: { status: 'passed' },
  },
  {
    name: 'quorum missed by one uhyper: rejected, deposits refunded',
    validators: [334n * M - 1n, 666n * M + 1n],
    votes: [[0, only(YES)]],
    expected: { status: 'rejected' },
  },
  {
    name: 'everyone abstains',
    validators: [100n * M, 100n * M],
    votes: [[0, only(ABSTAIN)], [1, only(ABSTAIN)]],
    expected: { status: 'rejected' },
  },
  {
    name: 'yes of exactly half the non-abstaining power does not pass',
    validators: [100n * M, 100n * M, 50n * M],
    votes: [[0, only(YES)], [1, only(NO)], [2, only(ABSTAIN)]],
    expected: { status: 'rejected' },
  },
];

const balance = (t: Parameters<typeof query>[0], address: string) =>
  BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance!.amount);

describe('tally', () => {
  test.each(cases)('$name', async (c) => {
    const accounts = Math.max(...[...(c.delegations ?? []).map(([d]) => d), ...(c.voteDelegations ?? []).flat(), ...(c.revoked ?? []).flat(), ...c.votes.map(([v]) => v)], c.validators.length - 1) + 2;
    const g = await setupGov({ validators: c.validators, accounts: accounts - c.validators.length });
    try {
      const proposer = accounts - 1; // never votes, delegates nothing
      for (const [d, v, amount] of c.delegations ?? []) await g.run(d, [msgDelegate(g.addr(d), g.valoper(v), amount)]);
      for (const [d, to] of c.revoked ?? []) {
        await g.run(d, [delegateVote(g.addr(d), g.addr(to))]);
        await g.run(d, [undelegateVote(g.addr(d))]);
      }
      for (const [d, to] of c.voteDelegations ?? []) await g.run(d, [delegateVote(g.addr(d), g.addr(to))]);
      const before = balance(g.t, g.addr(proposer));
      const msg = anyOf(MsgUpdateSlashingParams, { authority: GOV_ADDRESS, params: { ...SLASHING_DEFAULTS, signedBlocksWindow: 200n } });
      await g.run(proposer, [submit(g.addr(proposer), [msg], MIN_DEPOSIT)]);
      for (const [voter, options] of c.votes) await g.run(voter, [weightedVote(g.addr(voter), 1n, options)]);
      await g.wait(VOTING_S);

      const p = g.proposal(1n);
      const ref = reference(c);
      expect(p.finalTallyResult).toEqual(ref.tally);
      if (c.expected.tally) expect(p.finalTallyResult).toEqual(c.expected.tally);
      expect(ref.outcome.status).toBe(c.expected.status);
      expect(ref.outcome.burned).toBe(c.expected.burned ?? false);
      expect(p.status).toBe(ref.outcome.status === 'passed' ? ProposalStatus.PROPOSAL_STATUS_PASSED : ProposalStatus.PROPOSAL_STATUS_REJECTED);
      expect(balance(g.t, g.addr(proposer))).toBe(ref.outcome.burned ? before - MIN_DEPOSIT : before);
    } finally {
      await g.t.close();
    }
  });
});
