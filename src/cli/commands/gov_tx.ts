/**
 * `hypermesh tx gov ...`: submit a proposal from a JSON file, deposit, vote (plain or weighted),
 * cancel, and delegate or undelegate one's vote (x/gov/README.md says what each does and which
 * errors it returns). The proposal file is the SDK's format:
 *
 *   { "messages": [{ "@type": "/cosmos.slashing.v1beta1.MsgUpdateParams", "authority": "hyper1...", "params": {...} }],
 *     "metadata": "", "deposit": "10000000uhyper", "title": "...", "summary": "...", "expedited": false }
 *
 * Messages are SDK JSON; an "authority" of "gov" is replaced by the gov module account's address.
 */
import fs from 'node:fs';
import { VoteOption, type WeightedVoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgCancelProposal, MsgDeposit, MsgSubmitProposal, MsgVote, MsgVoteWeighted } from 'cosmjs-types/cosmos/gov/v1/tx';
import { fromSdkJsonOf } from '../../codec/proto_json';
import { accountAddresses } from '../../crypto/address';
import { moduleAddress } from '../../crypto/module_address';
import { createGovAminoConverters, govTypes, msgDelegateVote, msgUndelegateVote } from '../../sdk/gov';
import { coinsToProto, parseCoins, type Coins } from '../../types/coins';
import { CodedError } from '../../types/errors';
import { Dec } from '../../types/dec';
import type { TxModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withTxFlags } from '../client/flags';
import { runTx } from '../client/tx_runner';
import { uint64Option } from '../options';

const GOV_AUTHORITY = accountAddresses.encode(moduleAddress('gov'));

const OPTIONS: Record<string, VoteOption> = {
  yes: VoteOption.VOTE_OPTION_YES,
  no: VoteOption.VOTE_OPTION_NO,
  abstain: VoteOption.VOTE_OPTION_ABSTAIN,
  no_with_veto: VoteOption.VOTE_OPTION_NO_WITH_VETO,
  veto: VoteOption.VOTE_OPTION_NO_WITH_VETO,
};

export function voteOptionArg(s: string): VoteOption {
  const o = OPTIONS[s.trim().toLowerCase().replace(/^vote_option_/, '').replace(/-/g, '_')];
  if (o === undefined) throw new CliError(`invalid vote option ${JSON.stringify(s)}: one of yes, no, abstain, no_with_veto`);
  return o;
}

/** "yes=0.6,no=0.4" → weighted options (weights as decimal text; they must add up to 1). */
export function weightedOptionsArg(s: string): WeightedVoteOption[] {
  const out = s.split(',').map((part) => {
    const [name, weight] = part.split('=');
    if (weight === undefined) throw new CliError(`weighted vote ${JSON.stringify(part)} must be option=weight, e.g. yes=0.6,no=0.4`);
    let w: Dec;
    try {
      w = Dec.fromString(weight);
    } catch {
      throw new CliError(`invalid weight ${JSON.stringify(weight)} for ${name}`);
    }
    return { option: voteOptionArg(name), weight: w.toString() };
  });
  const total = out.reduce((acc, o) => acc.add(Dec.fromString(o.weight)), Dec.ZERO);
  if (!total.eq(Dec.ONE)) throw new CliError(`the weights add up to ${total}, not 1`);
  return out;
}

/** The proposal file: SDK JSON of a v1 MsgSubmitProposal without proposer, with "deposit" as coins text. */
export function readProposalFile(file: string, proposer: string): { msg: MsgSubmitProposal; deposit: Coins } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliError(`${file} must hold a JSON object with messages, title, summary, deposit`);
  let deposit: Coins;
  try {
    deposit = parseCoins(String(json.deposit ?? ''));
  } catch (e) {
    throw new CliError(`${file}: invalid deposit ${JSON.stringify(json.deposit)}: ${(e as Error).message}`);
  }
  const messages = (Array.isArray(json.messages) ? json.messages : []).map((m: any) => (m && m.authority === 'gov' ? { ...m, authority: GOV_AUTHORITY } : m));
  try {
    const msg = fromSdkJsonOf(MsgSubmitProposal, {
      messages,
      initial_deposit: coinsToProto(deposit),
      proposer,
      metadata: json.metadata ?? '',
      title: json.title ?? '',
      summary: json.summary ?? '',
      expedited: json.expedited ?? false,
    });
    return { msg, deposit };
  } catch (e) {
    const detail = e instanceof CodedError && e.detail ? e.detail : (e as Error).message;
    throw new CliError(`${file} is not a valid proposal: ${detail}`);
  }
}

const idArg = (s: string) => {
  try {
    const id = uint64Option(s);
    if (id === 0n) throw new Error('proposal ids start at 1');
    return id;
  } catch (e) {
    throw new CliError(`invalid proposal id ${JSON.stringify(s)}: ${(e as Error).message}`);
  }
};

export const govTxModule: TxModule = {
  name: 'gov',
  types: govTypes,
  aminoConverters: createGovAminoConverters(),
  register(tx, ctx) {
    const gov = tx.command('gov').description('governance: proposals, deposits, votes, vote delegation');

    withTxFlags(gov.command('submit-proposal <from> <proposal-file>'))
      .description(`submit a proposal from a JSON file (messages, title, summary, deposit, metadata, expedited); "authority": "gov" means ${GOV_AUTHORITY}`)
      .action(
        act(async (from: string, file: string, o: Record<string, unknown>) =>
          runTx(ctx, o, from, async (inputs) => {
            const { msg, deposit } = readProposalFile(file, inputs.sender);
            return { msgs: [{ typeUrl: MsgSubmitProposal.typeUrl, value: msg }], spends: deposit };
          }),
        ),
      );

    withTxFlags(gov.command('deposit <from> <proposal-id> <amount>'))
      .description('add a deposit to a proposal in its deposit or voting period: deposit alice 1 10000000uhyper')
      .action(
        act(async (from: string, id: string, amount: string, o: Record<string, unknown>) =>
          runTx(ctx, o, from, async (inputs) => {
            const proposalId = idArg(id);
            const coins = inputs.coins(amount, 'deposit');
            return { msgs: [{ typeUrl: MsgDeposit.typeUrl, value: MsgDeposit.fromPartial({ proposalId, depositor: inputs.sender, amount: coinsToProto(coins) }) }], spends: coins };
          }),
        ),
      );

    withTxFlags(gov.command('vote <from> <proposal-id> <option>'))
      .description('vote yes, no, abstain or no_with_veto on a proposal in its voting period')
      .option('--metadata <text>', 'vote metadata', '')
      .action(
        act(async (from: string, id: string, option: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const msg = MsgVote.fromPartial({ proposalId: idArg(id), voter: inputs.sender, option: voteOptionArg(option), metadata: o.metadata });
            return { msgs: [{ typeUrl: MsgVote.typeUrl, value: msg }] };
          }),
        ),
      );

    withTxFlags(gov.command('weighted-vote <from> <proposal-id> <options>'))
      .description('split a vote: weighted-vote alice 1 yes=0.6,no=0.3,abstain=0.1 (weights add up to 1)')
      .option('--metadata <text>', 'vote metadata', '')
      .action(
        act(async (from: string, id: string, options: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const msg = MsgVoteWeighted.fromPartial({ proposalId: idArg(id), voter: inputs.sender, options: weightedOptionsArg(options), metadata: o.metadata });
            return { msgs: [{ typeUrl: MsgVoteWeighted.typeUrl, value: msg }] };
          }),
        ),
      );

    withTxFlags(gov.command('cancel-proposal <from> <proposal-id>'))
      .description("cancel one's own proposal before its voting ends (proposal_cancel_ratio of the deposits is burned)")
      .action(
        act(async (from: string, id: string, o: Record<string, unknown>) =>
          runTx(ctx, o, from, async (inputs) => ({
            msgs: [{ typeUrl: MsgCancelProposal.typeUrl, value: MsgCancelProposal.fromPartial({ proposalId: idArg(id), proposer: inputs.sender }) }],
          })),
        ),
      );

    withTxFlags(gov.command('delegate-vote <from> <delegate>'))
      .description('let DELEGATE vote for FROM on every proposal FROM does not vote on (replaces an earlier delegate)')
      .action(
        act(async (from: string, delegate: string, o: Record<string, unknown>) =>
          runTx(ctx, o, from, async (inputs) => {
            const to = await inputs.address(delegate, 'delegate');
            if (to === inputs.sender) throw new CliError('cannot delegate a vote to oneself');
            return { msgs: [msgDelegateVote(inputs.sender, to)] };
          }),
        ),
      );

    withTxFlags(gov.command('undelegate-vote <from>'))
      .description("revoke FROM's vote delegation")
      .action(act(async (from: string, o: Record<string, unknown>) => runTx(ctx, o, from, async (inputs) => ({ msgs: [msgUndelegateVote(inputs.sender)] }))));
  },
};
