/**
 * Issue 9 end to end: x/gov, the treasury, liquid vote delegation, the audit trail and software
 * upgrades on a real 4-validator localnet (CometBFT ×4, `hypermesh localnet`), created with short
 * gov periods in its genesis (voting 15 s, expedited 8 s), driven by cosmjs (direct and Amino
 * signing, cosmjs's own v1beta1 gov helpers) and by the CLI. Run `npm run build` first.
 *
 * - a slashing param change submitted, deposited and voted with cosmjs passes and takes effect at
 *   the end of voting; the audit query returns the old and new value;
 * - bad input (invalid param, a message gov may not sign, a vote on a closed proposal, a deposit in
 *   the wrong denom) is refused with its code and changes nothing;
 * - treasury: a rejected spend leaves the pool untouched and refunds the deposit, a vetoed proposal
 *   burns it, a spend and a streamed grant pay exactly what they say, a cancelled grant stops;
 * - vote delegation: the live and final tallies equal an independent computation from the chain's
 *   delegations, with the delegator counted with its delegate until it votes itself;
 * - the CLI: submit-proposal from a file, deposit, vote, weighted-vote, delegate-vote, queries;
 * - an upgrade plan halts every node at its height; restarted with the handler, the chain goes on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secp256k1HdWallet } from '@cosmjs/amino';
import { DirectSecp256k1HdWallet, Registry, type EncodeObject, type OfflineSigner } from '@cosmjs/proto-signing';
import {
  AminoTypes,
  createDefaultAminoConverters,
  defaultRegistryTypes,
  QueryClient,
  setupBankExtension,
  setupDistributionExtension,
  setupGovExtension,
  setupSlashingExtension,
  setupStakingExtension,
  SigningStargateClient,
  type StdFee,
} from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryGrantRequest, QueryGrantResponse } from '../../src/gen/hypermesh/gov/v1/query';
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { ProposalStatus, VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgDeposit, MsgVote } from 'cosmjs-types/cosmos/gov/v1/tx';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import * as govV1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/tx';
import { Params as SlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/slashing';
import { MsgUpdateParams as MsgUpdateSlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { MsgSoftwareUpgrade } from 'cosmjs-types/cosmos/upgrade/v1beta1/tx';
import { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { accountAddresses, validatorAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { AuditKind, GrantStatus } from '../../src/gen/hypermesh/gov/v1/gov';
import { MsgCancelGrant, MsgCreateGrant } from '../../src/gen/hypermesh/gov/v1/tx';
import {
  createGovAminoConverters,
  govTypes,
  msgDelegateVote,
  msgSubmitProposal,
  proposalMessage,
  setupGovV1Extension,
  setupHyperGovExtension,
  setupUpgradeExtension,
} from '../../src/sdk/gov';
import type { LocalnetManifest } from '../../src/cli/node/localnet';
import { CLI, cli, waitFor } from './helpers/devnet';
import { Localnet } from './helpers/localnet';
import { execFile } from 'node:child_process';

jest.setTimeout(1_200_000);

const HYPER = 1_000_000n;
const GOV = accountAddresses.encode(moduleAddress('gov'));
const VOTING_S = 15;
const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '6000' }], gas: '600000' };
const FEE_UHYPER = 6000n;
const registry = new Registry([...defaultRegistryTypes, ...govTypes]);
const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createGovAminoConverters() });
const { VOTE_OPTION_YES: YES, VOTE_OPTION_NO: NO, VOTE_OPTION_ABSTAIN: ABSTAIN, VOTE_OPTION_NO_WITH_VETO: VETO } = VoteOption;

let net: Localnet;
let manifest: LocalnetManifest;
let comet: Comet38Client;
let q: ReturnType<typeof queries>;
const clients = new Map<string, SigningStargateClient>();

function queries(c: Comet38Client) {
  return QueryClient.withExtensions(
    c,
    setupBankExtension,
    setupStakingExtension,
    setupSlashingExtension,
    setupDistributionExtension,
    setupGovExtension,
    setupGovV1Extension,
    setupHyperGovExtension,
    setupUpgradeExtension,
  );
}

const addr = (name: string) => manifest.devAccounts.find((a) => a.name === name)!.address;
const valoper = (i: number) => validatorAddresses.encode(accountAddresses.decode(addr(`validator${i}`)));

/** A signing client of a dev account; `amino` signs in SIGN_MODE_LEGACY_AMINO_JSON. */
async function client(name: string, o: { amino?: boolean } = {}): Promise<SigningStargateClient> {
  const key = `${name}/${o.amino ? 'amino' : 'direct'}`;
  const existing = clients.get(key);
  if (existing) return existing;
  const mnemonic = manifest.devAccounts.find((a) => a.name === name)!.mnemonic;
  const wallet: OfflineSigner = o.amino
    ? await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: 'hyper' })
    : await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: 'hyper' });
  const c = await SigningStargateClient.connectWithSigner(net.rpc(0), wallet, { registry, aminoTypes });
  clients.set(key, c);
  return c;
}

async function send(name: string, msgs: EncodeObject[], o: { amino?: boolean } = {}) {
  const r = await (await client(name, o)).signAndBroadcast(addr(name), msgs, FEE);
  if (r.code !== 0) throw new Error(`${name}: tx failed ${r.code}: ${r.rawLog}`);
  return r;
}

/** Signs and runs CheckTx only: for txs that must be refused (nothing reaches a block). */
async function checkTx(name: string, msgs: EncodeObject[]) {
  const c = await client(name);
  const signed = await c.sign(addr(name), msgs, FEE, '');
  const r = await comet.broadcastTxSync({ tx: TxRaw.encode(signed).finish() });
  return { code: r.code, codespace: r.codespace ?? '', log: r.log ?? '' };
}

/** uhyper of `a`, at `height` (latest when absent). */
async function balance(a: string, height?: number): Promise<bigint> {
  const raw = await comet.abciQuery({ path: '/cosmos.bank.v1beta1.Query/Balance', data: QueryBalanceRequest.encode({ address: a, denom: 'uhyper' }).finish(), height });
  if (raw.code !== 0) throw new Error(`balance of ${a} at ${height}: ${raw.log}`);
  return BigInt(QueryBalanceResponse.decode(raw.value).balance!.amount);
}

async function grantAt(id: bigint, height: number) {
  const raw = await comet.abciQuery({ path: '/hypermesh.gov.v1.Query/Grant', data: QueryGrantRequest.encode({ grantId: id }).finish(), height });
  return QueryGrantResponse.decode(raw.value).grant!;
}

const submittedId = (r: { events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[] }) =>
  BigInt(r.events.find((e) => e.type === 'submit_proposal' && e.attributes.some((a) => a.key === 'proposal_id'))!.attributes.find((a) => a.key === 'proposal_id')!.value);

async function submit(name: string, messages: ReturnType<typeof proposalMessage>[], deposit: bigint, o: { title?: string; expedited?: boolean } = {}): Promise<bigint> {
  const r = await send(name, [
    msgSubmitProposal({ proposer: addr(name), messages, initialDeposit: [{ denom: 'uhyper', amount: String(deposit) }], title: o.title ?? 'proposal', summary: 'e2e', expedited: o.expedited }),
  ]);
  return submittedId(r);
}

/** Validators i vote `option` (cosmjs's v1beta1 MsgVote, direct signing). */
async function validatorsVote(id: bigint, votes: [number, VoteOption][]) {
  await Promise.all(
    votes.map(([i, option]) =>
      send(`validator${i}`, [{ typeUrl: '/cosmos.gov.v1beta1.MsgVote', value: govV1beta1.MsgVote.fromPartial({ proposalId: id, voter: addr(`validator${i}`), option: option as number }) }]),
    ),
  );
}

async function waitForEnd(id: bigint, timeoutMs = 90_000) {
  await waitFor(async () => (await q.govV1.proposal(id)).status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, timeoutMs, () => `proposal ${id} still in its voting period`);
  return q.govV1.proposal(id);
}

async function currentHeight(): Promise<number> {
  return net.height(0);
}

beforeAll(async () => {
  // the localnet is created by the build the nodes run (dist/), not by the sources jest compiles:
  // its genesis must be the one that binary knows
  const dist = path.resolve(__dirname, '../../dist/src/cli/node');
  const { createLocalnet, LOCALNET_POS_PARAMS } = require(path.join(dist, 'localnet')) as typeof import('../../src/cli/node/localnet');
  const { parseDuration } = require(path.join(dist, 'localnet_genesis')) as typeof import('../../src/cli/node/localnet_genesis');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-gov-'));
  manifest = await createLocalnet({
    dir,
    validators: 4,
    chainId: 'hypermesh-localnet-1',
    timeoutCommit: '300ms',
    pos: { ...LOCALNET_POS_PARAMS, unbondingTimeNs: parseDuration('20s') },
    devAccounts: 5,
    devBalance: 1_000_000n * HYPER,
    minimumGasPrices: '0.01uhyper',
  });
  // short gov periods in the shared genesis, before the first start
  for (const n of manifest.nodes) {
    const file = path.join(n.home, 'config', 'genesis.json');
    const g = JSON.parse(fs.readFileSync(file, 'utf8'));
    Object.assign(g.app_state.gov.params, { voting_period: `${VOTING_S}s`, max_deposit_period: `${VOTING_S}s`, expedited_voting_period: '8s' });
    fs.writeFileSync(file, JSON.stringify(g, null, 2) + '\n');
  }
  net = new Localnet(dir, manifest);
  await cli(['localnet', 'start', '--home', dir]);
  comet = await Comet38Client.connect(net.rpc(0));
  q = queries(comet);
});

afterAll(async () => {
  for (const c of clients.values()) c.disconnect();
  comet?.disconnect();
  await net?.cleanup();
});

describe('gov on a 4-validator localnet', () => {
  let paramProposal = 0n;

  test('a slashing param change submitted, deposited and voted with cosmjs passes at the end of voting; the audit trail has the old and new value', async () => {
    const before = (await q.slashing.params()).params!;
    expect(before.signedBlocksWindow).toBe(100n);
    const msg = proposalMessage(MsgUpdateSlashingParams, { authority: GOV, params: SlashingParams.fromPartial({ ...before, signedBlocksWindow: 150n }) });
    paramProposal = await submit('dev0', [msg], 5n * HYPER, { title: 'longer signing window' });
    expect((await q.govV1.proposal(paramProposal)).status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    // cosmjs's v1beta1 deposit completes the 10 HYPER min deposit
    await send('dev1', [{ typeUrl: '/cosmos.gov.v1beta1.MsgDeposit', value: govV1beta1.MsgDeposit.fromPartial({ proposalId: paramProposal, depositor: addr('dev1'), amount: [{ denom: 'uhyper', amount: String(5n * HYPER) }] }) }]);
    expect((await q.gov.proposal(String(paramProposal))).proposal.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    await validatorsVote(paramProposal, [[0, YES], [1, YES]]);
    // a v1 MsgVote signed with Amino JSON (our converter) by validator2
    await send('validator2', [{ typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: paramProposal, voter: addr('validator2'), option: YES }) }], { amino: true });
    expect((await q.slashing.params()).params!.signedBlocksWindow).toBe(100n);
    const tally = await q.gov.tally(String(paramProposal));
    expect(tally.tally.yes).toBe(String(300n * HYPER));

    const p = await waitForEnd(paramProposal);
    expect(p.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect((await q.slashing.params()).params!.signedBlocksWindow).toBe(150n);
    const { records } = await q.hyperGov.auditRecords({ module: 'slashing' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: AuditKind.AUDIT_KIND_PARAM_CHANGE, proposalId: paramProposal, module: 'slashing' });
    expect(JSON.parse(records[0].paramChange!.oldValue).signed_blocks_window).toBe('100');
    expect(JSON.parse(records[0].paramChange!.newValue).signed_blocks_window).toBe('150');
    const outcome = (await q.hyperGov.auditRecords({ module: 'gov' })).records.find((r) => r.proposalId === paramProposal)!;
    expect(outcome.proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    // height range filter: nothing before the proposal
    expect((await q.hyperGov.auditRecords({ module: 'slashing', toHeight: records[0].height - 1n })).records).toHaveLength(0);
    // deposits refunded
    expect(await balance(GOV)).toBe(0n);
  });

  test('bad input: invalid param, a message gov may not sign, a vote on a closed proposal: refused, nothing changes (a deposit in the wrong denom: below)', async () => {
    const proposals = (await q.govV1.proposals()).proposals.length;
    const seq = (await (await client('dev0')).getSequence(addr('dev0'))).sequence;
    const params = (await q.slashing.params()).params!;
    const invalid = proposalMessage(MsgUpdateSlashingParams, { authority: GOV, params: SlashingParams.fromPartial({ ...params, signedBlocksWindow: 0n }) });
    const r1 = await checkTx('dev0', [msgSubmitProposal({ proposer: addr('dev0'), messages: [invalid], initialDeposit: [{ denom: 'uhyper', amount: '10000000' }], title: 'bad', summary: 'bad' })]);
    expect([r1.codespace, r1.code]).toEqual(['sdk', 18]);
    expect(r1.log).toMatch(/signed blocks window must be positive/);
    const foreign = proposalMessage(MsgSend, { fromAddress: addr('dev3'), toAddress: addr('dev0'), amount: [{ denom: 'uhyper', amount: '1' }] });
    const r2 = await checkTx('dev0', [msgSubmitProposal({ proposer: addr('dev0'), messages: [foreign], initialDeposit: [{ denom: 'uhyper', amount: '10000000' }], title: 'steal', summary: 'steal' })]);
    expect([r2.codespace, r2.code]).toEqual(['gov', 13]);
    const r3 = await checkTx('validator3', [{ typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: paramProposal, voter: addr('validator3'), option: NO }) }]);
    expect([r3.codespace, r3.code]).toEqual(['gov', 3]);
    expect((await q.govV1.proposals()).proposals.length).toBe(proposals);
    expect((await (await client('dev0')).getSequence(addr('dev0'))).sequence).toBe(seq);
    expect((await q.slashing.params()).params!.signedBlocksWindow).toBe(150n);
    expect((await q.govV1.proposal(paramProposal)).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
  });

  test('treasury: a rejected spend leaves the pool untouched and refunds, a vetoed one burns the deposit; a spend and a streamed grant pay exactly; a cancelled grant stops', async () => {
    await send('dev2', [{ typeUrl: '/cosmos.distribution.v1beta1.MsgFundCommunityPool', value: { depositor: addr('dev2'), amount: [{ denom: 'uhyper', amount: String(100n * HYPER) }] } }]);
    const pool = async () => BigInt((await q.distribution.communityPool()).pool.find((c) => c.denom === 'uhyper')!.amount) / 10n ** 18n;
    const spend = (to: string, amount: bigint) => proposalMessage(MsgCommunityPoolSpend, { authority: GOV, recipient: to, amount: [{ denom: 'uhyper', amount: String(amount) }] });

    // rejected (refund) and vetoed (burn), side by side
    const poolBefore = await pool();
    const dev3Before = await balance(addr('dev3'));
    const dev0Before = await balance(addr('dev0'));
    const dev1Before = await balance(addr('dev1'));
    const rejected = await submit('dev0', [spend(addr('dev3'), 10n * HYPER)], 10n * HYPER, { title: 'rejected spend' });
    const vetoed = await submit('dev1', [spend(addr('dev3'), 20n * HYPER)], 10n * HYPER, { title: 'vetoed spend' });
    // bad input: a deposit in a denom gov does not take
    const wrongDenom = await checkTx('dev0', [{ typeUrl: MsgDeposit.typeUrl, value: MsgDeposit.fromPartial({ proposalId: rejected, depositor: addr('dev0'), amount: [{ denom: 'ufoo', amount: '10' }] }) }]);
    expect([wrongDenom.codespace, wrongDenom.code]).toEqual(['gov', 23]);
    expect((await q.govV1.proposal(rejected)).totalDeposit).toEqual([{ denom: 'uhyper', amount: String(10n * HYPER) }]);
    await validatorsVote(rejected, [[0, NO], [1, NO], [2, YES]]);
    await validatorsVote(vetoed, [[0, VETO], [1, VETO], [2, YES], [3, YES]]);
    expect((await waitForEnd(rejected)).status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect((await waitForEnd(vetoed)).status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(await balance(addr('dev3'))).toBe(dev3Before);
    expect(await pool()).toBeGreaterThanOrEqual(poolBefore); // community tax flows in; nothing went out
    const payments = (await q.hyperGov.auditRecords({ module: 'distribution' })).records.filter((r) => r.kind === AuditKind.AUDIT_KIND_TREASURY_PAYMENT);
    expect(payments.filter((r) => r.proposalId === rejected || r.proposalId === vetoed)).toHaveLength(0);
    expect(await balance(addr('dev0'))).toBe(dev0Before - FEE_UHYPER); // deposit refunded
    expect(await balance(addr('dev1'))).toBe(dev1Before - FEE_UHYPER - 10n * HYPER); // deposit burned

    // a spend and a grant in one proposal
    const dev3 = await balance(addr('dev3'));
    const dev4Start = await balance(addr('dev4'));
    const perBlock = 1000n;
    const end = BigInt(await currentHeight()) + 100_000n;
    const grantMsg = proposalMessage(MsgCreateGrant, { authority: GOV, recipient: addr('dev4'), amountPerBlock: [{ denom: 'uhyper', amount: String(perBlock) }], startHeight: 0n, endHeight: end, description: 'e2e stream' });
    const funded = await submit('dev0', [spend(addr('dev3'), 7n * HYPER), grantMsg], 10n * HYPER, { title: 'spend and stream' });
    await validatorsVote(funded, [[0, YES], [1, YES], [2, YES]]);
    expect((await waitForEnd(funded)).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(await balance(addr('dev3'))).toBe(dev3 + 7n * HYPER);
    const spendRecord = (await q.hyperGov.auditRecords({ module: 'distribution' })).records.find((r) => r.proposalId === funded && r.payment!.grantId === 0n)!;
    expect(spendRecord.payment).toMatchObject({ recipient: addr('dev3'), paid: [{ denom: 'uhyper', amount: String(7n * HYPER) }] });

    const grants = (await q.hyperGov.grants(GrantStatus.GRANT_STATUS_ACTIVE)).grants;
    expect(grants).toHaveLength(1);
    const g = grants[0];
    expect(g.proposalId).toBe(funded);
    const start = Number(g.startHeight);
    await net.waitForHeight(start + 5);
    const h = await currentHeight();
    const at = await grantAt(g.id, h);
    const blocks = BigInt(h - start + 1);
    expect(at.paid).toEqual([{ denom: 'uhyper', amount: String(perBlock * blocks) }]);
    expect(await balance(addr('dev4'), h)).toBe(dev4Start + perBlock * blocks);
    expect(await balance(addr('dev4'), start - 1)).toBe(dev4Start);
    const grantPayments = (await q.hyperGov.auditRecords({ module: 'distribution', fromHeight: BigInt(start), toHeight: BigInt(h) })).records.filter((r) => r.payment?.grantId === g.id);
    expect(grantPayments.map((r) => r.payment!.paid[0].amount)).toEqual(Array(Number(blocks)).fill(String(perBlock)));

    // cancel it by proposal (expedited: 50 HYPER deposit, 8 s voting)
    const cancel = await submit('dev0', [proposalMessage(MsgCancelGrant, { authority: GOV, grantId: g.id })], 50n * HYPER, { title: 'stop the stream', expedited: true });
    await validatorsVote(cancel, [[0, YES], [1, YES], [2, YES]]);
    expect((await waitForEnd(cancel)).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    const closed = await q.hyperGov.grant(g.id);
    expect(closed.status).toBe(GrantStatus.GRANT_STATUS_CANCELLED);
    const total = BigInt(closed.paid[0].amount);
    expect(total).toBe(perBlock * (closed.lastPaidHeight - closed.startHeight + 1n));
    await net.waitForHeight(Number(closed.closedHeight) + 3);
    expect(await balance(addr('dev4'))).toBe(dev4Start + total);
  });

  test('vote delegation: the live and final tallies equal an independent computation; a delegator voting itself overrides its delegate', async () => {
    await send('dev0', [{ typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: addr('dev0'), validatorAddress: valoper(0), amount: { denom: 'uhyper', amount: String(40n * HYPER) } } }]);
    await send('dev1', [{ typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: addr('dev1'), validatorAddress: valoper(1), amount: { denom: 'uhyper', amount: String(30n * HYPER) } } }]);
    await send('dev2', [{ typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: addr('dev2'), validatorAddress: valoper(2), amount: { denom: 'uhyper', amount: String(20n * HYPER) } } }]);
    // dev0 → dev1 (direct), dev2 → dev0 (Amino JSON): a chain, followed one level only
    await send('dev0', [msgDelegateVote(addr('dev0'), addr('dev1'))]);
    await send('dev2', [msgDelegateVote(addr('dev2'), addr('dev0'))], { amino: true });
    expect((await q.hyperGov.voteDelegators(addr('dev1'))).delegations.map((d) => d.delegator)).toEqual([addr('dev0')]);

    // a v1beta1 text proposal, signed in Amino JSON with cosmjs's own converter
    const content = { typeUrl: TextProposal.typeUrl, value: TextProposal.encode(TextProposal.fromPartial({ title: 'delegation', description: 'who counts' })).finish() };
    const r = await send('dev3', [{ typeUrl: '/cosmos.gov.v1beta1.MsgSubmitProposal', value: govV1beta1.MsgSubmitProposal.fromPartial({ content, initialDeposit: [{ denom: 'uhyper', amount: String(10n * HYPER) }], proposer: addr('dev3') }) }], { amino: true });
    const id = submittedId(r);
    expect((await q.gov.proposal(String(id))).proposal.content!.typeUrl).toBe(TextProposal.typeUrl);

    const votes = new Map<string, [VoteOption, bigint][]>(); // weights scaled by 10^18
    const ONE = 10n ** 18n;
    const vote = async (name: string, option: VoteOption) => {
      await send(name, [{ typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: id, voter: addr(name), option }) }]);
      votes.set(addr(name), [[option, ONE]]);
    };
    await vote('validator0', YES);
    await vote('validator1', NO);
    await vote('dev1', ABSTAIN);

    /** Per delegation on chain: own vote, else the delegate's vote, else the validator's. */
    const independent = async () => {
      const sums = new Map<VoteOption, bigint>([[YES, 0n], [NO, 0n], [ABSTAIN, 0n], [VETO, 0n]]);
      const { validators } = await q.staking.validators('BOND_STATUS_BONDED');
      for (const v of validators) {
        const operator = accountAddresses.encode(validatorAddresses.decode(v.operatorAddress));
        const { delegationResponses } = await q.staking.validatorDelegations(v.operatorAddress);
        for (const d of delegationResponses) {
          const delegator = d.delegation.delegatorAddress;
          const delegate = await q.hyperGov.voteDelegation(delegator).then((x) => x.delegate).catch(() => undefined);
          const decider = votes.get(delegator) ?? (delegate ? votes.get(delegate) : undefined) ?? votes.get(operator);
          if (!decider) continue;
          for (const [o, w] of decider) sums.set(o, sums.get(o)! + BigInt(d.balance.amount) * w);
        }
      }
      return { yes: String(sums.get(YES)! / ONE), no: String(sums.get(NO)! / ONE), abstain: String(sums.get(ABSTAIN)! / ONE), noWithVeto: String(sums.get(VETO)! / ONE) };
    };

    const live1 = (await q.gov.tally(String(id))).tally;
    expect(live1).toEqual(await independent());
    // dev0 counted with its delegate dev1 (abstain); dev2's delegate dev0 did not vote and validator2 neither: not counted
    expect(live1.abstain).toBe(String(70n * HYPER));
    expect(live1.yes).toBe(String(100n * HYPER));

    await vote('dev0', YES); // overrides its delegate; now dev2 follows dev0
    const live2 = (await q.gov.tally(String(id))).tally;
    expect(live2).toEqual(await independent());
    expect(live2.yes).toBe(String(160n * HYPER));
    expect(live2.abstain).toBe(String(30n * HYPER));

    const p = await waitForEnd(id);
    const expected = await independent();
    expect(p.finalTallyResult).toEqual({ yesCount: expected.yes, abstainCount: expected.abstain, noCount: expected.no, noWithVetoCount: expected.noWithVeto });
    expect(p.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
  });

  test('the CLI: submit-proposal from a file, deposit, vote, weighted-vote, delegate-vote; query gov and audit', async () => {
    const home = manifest.nodes[0].home;
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env: { ...process.env, HYPERMESH_HOME: '' }, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
          resolve({ code: err ? ((err as any).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const ok = async (args: string[]) => {
      const r = await run(args);
      if (r.code !== 0) throw new Error(`hypermesh ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
      return r.stdout;
    };
    const K = ['--home', home, '--keyring-backend', 'test'];
    const TX = [...K, '--yes', '--fees', '6000uhyper', '--gas', '600000', '-o', 'json'];
    await ok(['keys', 'import-dev', ...K]);

    const file = path.join(net.dir, 'proposal.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        messages: [{ '@type': '/hypermesh.slashing.v1.MsgUpdateParams', authority: 'gov', params: { resource_fraud_slash_fraction: '0.100000000000000000' } }],
        metadata: '',
        deposit: '10000000uhyper',
        title: 'resource fraud costs more',
        summary: 'raise the fraud slash fraction to 10%',
      }),
    );
    const submitted = JSON.parse(await ok(['tx', 'gov', 'submit-proposal', 'dev4', file, ...TX]));
    expect(submitted.code).toBe(0);
    const id = BigInt(submitted.events.find((e: any) => e.type === 'submit_proposal' && e.attributes.some((a: any) => a.key === 'proposal_id')).attributes.find((a: any) => a.key === 'proposal_id').value);
    // the voting period is 15 s: the different signers go in parallel
    await Promise.all([
      ok(['tx', 'gov', 'deposit', 'dev3', String(id), '1000000uhyper', ...TX]),
      ok(['tx', 'gov', 'vote', 'validator0', String(id), 'yes', ...TX]),
      ok(['tx', 'gov', 'weighted-vote', 'validator1', String(id), 'yes=0.5,no=0.5', ...TX]),
      ok(['tx', 'gov', 'vote', 'validator2', String(id), 'yes', ...TX]),
      ok(['tx', 'gov', 'delegate-vote', 'dev4', 'dev3', ...TX]),
    ]);
    const bad = await run(['tx', 'gov', 'vote', 'validator3', String(id), 'maybe', ...TX]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid vote option "maybe"/);
    const deleg = JSON.parse(await ok(['query', 'gov', 'vote-delegation', addr('dev4'), '--home', home, '-o', 'json']));
    expect(deleg.delegation.delegate).toBe(addr('dev3'));
    await ok(['tx', 'gov', 'undelegate-vote', 'dev4', ...TX]);
    const live = JSON.parse(await ok(['query', 'gov', 'tally', String(id), '--home', home, '-o', 'json']));
    // v0 100 + dev0 40 (its delegate dev1 did not vote: v0's vote), half of v1's 100 + dev1's 30, v2 100 + dev2 20 (delegate dev0 did not vote: v2's)
    expect(live.tally.yes_count).toBe(String(325n * HYPER));
    expect(live.tally.no_count).toBe(String(65n * HYPER));
    await waitForEnd(id);
    const prop = JSON.parse(await ok(['query', 'gov', 'proposal', String(id), '--home', home, '-o', 'json']));
    expect(prop.proposal.status).toBe('PROPOSAL_STATUS_PASSED');
    const audit = JSON.parse(await ok(['query', 'audit', 'records', '--module', 'hypermesh_slashing', '--home', home, '-o', 'json']));
    expect(audit.records).toHaveLength(1);
    expect(JSON.parse(audit.records[0].param_change.old_value)).toEqual({ resource_fraud_slash_fraction: '0.050000000000000000' });
    expect(JSON.parse(audit.records[0].param_change.new_value)).toEqual({ resource_fraud_slash_fraction: '0.100000000000000000' });
    const params = JSON.parse(await ok(['query', 'gov', 'params', '--home', home, '-o', 'json']));
    expect(params.params.voting_period).toBe(`${VOTING_S}s`);
  });

  test('an upgrade plan halts every node at its height; restarted with the handler registered, the chain continues', async () => {
    // blocks per second, to put the plan safely after the expedited voting period
    const h0 = await currentHeight();
    const t0 = Date.now();
    await net.waitForHeight(h0 + 10);
    const rate = 10 / ((Date.now() - t0) / 1000);
    const height = BigInt(await currentHeight()) + BigInt(Math.ceil(rate * 30)) + 15n;
    const plan = Plan.fromPartial({ name: 'v2-e2e', height, info: 'https://example.org/hypermesh/v2' });
    const id = await submit('dev0', [proposalMessage(MsgSoftwareUpgrade, { authority: GOV, plan })], 50n * HYPER, { title: 'upgrade', expedited: true });
    await validatorsVote(id, [[0, YES], [1, YES], [2, YES]]);
    expect((await waitForEnd(id)).status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(await currentHeight()).toBeLessThan(Number(height));
    expect((await q.upgrade.currentPlan())!).toMatchObject({ name: 'v2-e2e', height });

    // the chain stops at the plan height: the nodes that finalize block `height` (at least 3 of 4:
    // the block needs 2/3 of the votes) stop with the message; none commits past height - 1, and
    // a node that missed the commit waits at height - 1 with nobody left to propose
    const logOf = (i: number) => net.logTail(i, 'hypermesh.log', 400);
    const message = `UPGRADE "v2-e2e" NEEDED at height: ${height}: https://example.org/hypermesh/v2`;
    const halted = () => manifest.nodes.filter((_, i) => logOf(i).includes(message)).length;
    await waitFor(async () => halted() >= 3, 180_000, () => `the chain did not halt:\n${logOf(0)}`);
    await new Promise((r) => setTimeout(r, 3000));
    const heights = await Promise.all(manifest.nodes.map((_, i) => net.height(i).catch(() => undefined)));
    for (const h of heights) if (h !== undefined) expect(h).toBe(Number(height) - 1);
    await cli(['localnet', 'stop', '--home', net.dir]);
    comet.disconnect();
    for (const c of clients.values()) c.disconnect();
    clients.clear();

    // "the new binary": the same nodes with the handler registered (test-only env var)
    await cli(['localnet', 'start', '--home', net.dir], { env: { HYPERMESH_TEST_UPGRADE_HANDLER: 'v2-e2e' } });
    await net.waitForHeight(Number(height) + 3);
    comet = await Comet38Client.connect(net.rpc(0));
    q = queries(comet);
    expect(await q.upgrade.appliedPlan('v2-e2e')).toBe(height);
    expect(await q.upgrade.currentPlan()).toBeUndefined();
    // and it still takes txs
    await send('dev0', [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: { fromAddress: addr('dev0'), toAddress: addr('dev1'), amount: [{ denom: 'uhyper', amount: '1' }] } }]);
  });
});
