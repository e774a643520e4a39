/**
 * Shared setup of the x/gov tests on the in-process app: validators and delegators with an
 * exchange rate of 1 (so voting power = delegated uhyper), short gov periods, no fees and no
 * inflation (so the community pool moves only by what a test does), helpers to vote and to let
 * voting periods end.
 */
import type { EncodeObject } from '@cosmjs/proto-signing';
import { GenesisState as GovGenesis } from 'cosmjs-types/cosmos/gov/v1/genesis';
import { Params as GovParams, VoteOption, type Proposal } from 'cosmjs-types/cosmos/gov/v1/gov';
import { QueryProposalRequest, QueryProposalResponse } from 'cosmjs-types/cosmos/gov/v1/query';
import { MsgCancelProposal, MsgDeposit, MsgSubmitProposal, MsgVote, MsgVoteWeighted } from 'cosmjs-types/cosmos/gov/v1/tx';
import { GenesisState as MintGenesis } from 'cosmjs-types/cosmos/mint/v1beta1/genesis';
import { GenesisState as DistributionGenesis } from 'cosmjs-types/cosmos/distribution/v1beta1/genesis';
import { GenesisState as StakingGenesis } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { accountAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { MsgDelegateVote, MsgUndelegateVote } from '../../src/gen/hypermesh/gov/v1/tx';
import { registry as txRegistry } from '../../test/helpers/tx_builder';
import { consKey, msgCreateValidator, msgDelegate, query, Signers, startTestApp, valoperOf, type TestApp } from '../../test/helpers/test_app';
import { Dec } from '../../src/types/dec';
import { DEFAULT_PARAMS as DISTRIBUTION_DEFAULTS } from '../distribution/params';
import { DEFAULT_MINTER, DEFAULT_PARAMS as MINT_DEFAULTS } from '../mint/params';
import { DEFAULT_PARAMS as STAKING_DEFAULTS } from '../staking/params';
import { DEFAULT_PARAMS } from './params';

for (const [url, type] of [
  [MsgDelegateVote.typeUrl, MsgDelegateVote],
  [MsgUndelegateVote.typeUrl, MsgUndelegateVote],
  [MsgCancelProposal.typeUrl, MsgCancelProposal],
] as const) {
  if (!txRegistry.lookupType(url)) txRegistry.register(url, type as any);
}

export const GOV_ADDRESS = accountAddresses.encode(moduleAddress('gov'));
export const NO_FEE = { amount: [], gas: '2000000' };
export const VOTING_S = 20n;
export const EXPEDITED_S = 10n;
export const DEPOSIT_S = 30n;
export const MIN_DEPOSIT = 1000n;

export const TEST_GOV_PARAMS: GovParams = GovParams.fromPartial({
  ...DEFAULT_PARAMS,
  minDeposit: [{ denom: 'uhyper', amount: String(MIN_DEPOSIT) }],
  expeditedMinDeposit: [{ denom: 'uhyper', amount: String(5n * MIN_DEPOSIT) }],
  maxDepositPeriod: { seconds: DEPOSIT_S, nanos: 0 },
  votingPeriod: { seconds: VOTING_S, nanos: 0 },
  expeditedVotingPeriod: { seconds: EXPEDITED_S, nanos: 0 },
});

export interface GovSetup {
  /** stake (uhyper) self-delegated by validator i (keys 0..n-1) */
  validators: bigint[];
  /** number of extra funded accounts (keys n..) */
  accounts?: number;
  govParams?: Partial<GovParams>;
  balance?: bigint;
}

export interface GovTest {
  t: TestApp;
  s: Signers;
  /** address of key i */
  addr(i: number): string;
  valoper(i: number): string;
  run(i: number, msgs: EncodeObject[]): Promise<void>;
  result(i: number, msgs: EncodeObject[]): Promise<{ code: number; codespace: string; log: string }>;
  /** Advances block time by `seconds` in one empty block (EndBlock then ends due periods). */
  wait(seconds: bigint): Promise<void>;
  proposal(id: bigint): Proposal;
}

export async function setupGov(o: GovSetup): Promise<GovTest> {
  const n = o.validators.length + (o.accounts ?? 0);
  const s0 = await Signers.create(undefined as never, n);
  const t = await startTestApp(
    s0.keys.map((k) => ({ address: k.address, uhyper: o.balance ?? 1_000_000_000_000n })),
    {
      minGasPrices: '0uhyper',
      genesis: {
        gov: GovGenesis.toJSON(GovGenesis.fromPartial({ startingProposalId: 1n, params: { ...TEST_GOV_PARAMS, ...o.govParams } })),
        staking: StakingGenesis.toJSON(
          StakingGenesis.fromPartial({ params: { ...STAKING_DEFAULTS, unbondingTime: { seconds: 1000n, nanos: 0 } }, lastTotalPower: new TextEncoder().encode('0') }),
        ),
        mint: MintGenesis.toJSON(
          MintGenesis.fromPartial({
            minter: { ...DEFAULT_MINTER, inflation: Dec.ZERO.toProto() },
            params: { ...MINT_DEFAULTS, inflationMax: Dec.ZERO.toProto(), inflationMin: Dec.ZERO.toProto(), inflationRateChange: Dec.ZERO.toProto() },
          }),
        ),
        distribution: DistributionGenesis.toJSON(DistributionGenesis.fromPartial({ params: { ...DISTRIBUTION_DEFAULTS, communityTax: Dec.ZERO.toProto() } })),
      },
    },
  );
  const s = new Signers(t, s0.keys);
  const result = async (i: number, msgs: EncodeObject[]) => {
    const [r] = await t.block([await s.tx(i, msgs, NO_FEE)]);
    return r;
  };
  const run = async (i: number, msgs: EncodeObject[]) => {
    const r = await result(i, msgs);
    if (r.code !== 0) throw new Error(`tx failed: ${r.codespace}/${r.code}: ${r.log}`);
  };
  for (const [i, stake] of o.validators.entries()) await run(i, [msgCreateValidator(s.keys[i].address, consKey(i + 1), stake)]);
  return {
    t,
    s,
    addr: (i) => s.keys[i].address,
    valoper: (i) => valoperOf(s.keys[i].address),
    run,
    result,
    wait: async (seconds) => {
      await t.block([], { timeSeconds: t.time + seconds });
    },
    proposal: (id) => query(t, '/cosmos.gov.v1.Query/Proposal', QueryProposalRequest, QueryProposalResponse, { proposalId: id }).proposal!,
  };
}

export function anyOf<T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array }; fromPartial(o: any): T }, value: Partial<T>): Any {
  return { typeUrl: codec.typeUrl, value: codec.encode(codec.fromPartial(value)).finish() };
}

export function submit(proposer: string, messages: Any[], deposit: bigint, o: { title?: string; summary?: string; expedited?: boolean; metadata?: string } = {}): EncodeObject {
  return {
    typeUrl: MsgSubmitProposal.typeUrl,
    value: MsgSubmitProposal.fromPartial({
      messages,
      initialDeposit: deposit > 0n ? [{ denom: 'uhyper', amount: String(deposit) }] : [],
      proposer,
      title: o.title ?? 'a proposal',
      summary: o.summary ?? 'what it does',
      metadata: o.metadata ?? '',
      expedited: o.expedited ?? false,
    }),
  };
}

export function vote(voter: string, id: bigint, option: VoteOption): EncodeObject {
  return { typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: id, voter, option }) };
}

export function weightedVote(voter: string, id: bigint, options: [VoteOption, string][]): EncodeObject {
  return { typeUrl: MsgVoteWeighted.typeUrl, value: MsgVoteWeighted.fromPartial({ proposalId: id, voter, options: options.map(([option, weight]) => ({ option, weight })) }) };
}

export function deposit(depositor: string, id: bigint, amount: bigint, denom = 'uhyper'): EncodeObject {
  return { typeUrl: MsgDeposit.typeUrl, value: MsgDeposit.fromPartial({ proposalId: id, depositor, amount: [{ denom, amount: String(amount) }] }) };
}

export function delegateVote(delegator: string, delegate: string): EncodeObject {
  return { typeUrl: MsgDelegateVote.typeUrl, value: MsgDelegateVote.fromPartial({ delegator, delegate }) };
}

export function undelegateVote(delegator: string): EncodeObject {
  return { typeUrl: MsgUndelegateVote.typeUrl, value: MsgUndelegateVote.fromPartial({ delegator }) };
}

export { msgDelegate, VoteOption };
