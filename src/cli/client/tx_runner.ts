/**
 * The life of a `hypermesh tx <module> <msg>` command, shared by every module: resolve FROM in
 * the keyring, let the module build its messages from the arguments, then (unless --offline)
 * check chain id, denoms, account and balance on the node, settle gas and fee, print the unsigned
 * tx (--generate-only) or show it and ask, sign, broadcast, wait for a block, print the result.
 * Bad input fails before anything is signed; nothing is broadcast without confirmation.
 */
import type { EncodeObject } from '@cosmjs/proto-signing';
import { Tx } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { TxResponse } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { accountAddresses } from '../../crypto/address';
import type { KeyInfo } from '../../crypto/keyring';
import type { PubKey } from '../../crypto/pubkey';
import { CodedError } from '../../types/errors';
import type { Coins } from '../../types/coins';
import { printProto, protoJsonText } from '../output/print';
import { txSummary } from '../output/tx_summary';
import { assertDenomsKnown, parseAmountArg } from './amounts';
import { broadcastAndWait } from './broadcast';
import type { CliContext } from './context';
import { CliError } from './errors';
import { adjustedGas, feeFromGasPrices } from './fees';
import { defaultGasPrices, txFlagsOf, type TxFlags } from './flags';
import { openCliKeyring, type CliKeyring } from './keyring';
import { NodeClient, resolveNodeUrl } from './node';
import { createPrompter } from './prompt';
import { signTx, simulationBytes, txBytes, unsignedTx, type SignerAccount } from './tx_build';
import { assertCanPay, explainRefusal } from './tx_errors';
import { txResultText } from './tx_response';

const NO_CONFIRMATION =
  'refusing to sign and broadcast without confirmation: stdin is not a terminal; pass --yes (or --generate-only to print the unsigned tx)';

/** What a module's command gets to build its messages. Everything here is local (no node). */
export interface TxInputs {
  /** The signer's account address (FROM, resolved). */
  readonly sender: string;
  /** An address argument: a `hyper1...` address, or the name of a key in the keyring. */
  address(input: string, role: string): Promise<string>;
  /** An amount argument ("1000uhyper"); syntax only, the runner checks denoms on the chain. */
  coins(input: string, what?: string): Coins;
}

export interface TxPlan {
  readonly msgs: readonly EncodeObject[];
  /** What the sender pays besides the fee: checked against its balance, denoms checked on chain. */
  readonly spends?: Coins;
}

export type TxBuilder = (inputs: TxInputs) => TxPlan | Promise<TxPlan>;

/** An address argument, or the address of a key with that name; errors name both readings. */
export async function resolveAddressArg(kr: CliKeyring | undefined, input: string, role: string): Promise<string> {
  if (accountAddresses.isValid(input)) return input;
  const looksLikeAddress = /^[a-z]+1[0-9a-z]+$/i.test(input);
  if (kr && !looksLikeAddress && /^[A-Za-z0-9_-]{1,64}$/.test(input) && (await kr.keyring.has(input))) {
    return (await kr.keyring.get(input)).address;
  }
  if (!looksLikeAddress) {
    const where = kr ? ` nor the name of a key in keyring ${kr.keyring.dir} (${kr.backend} backend)` : '';
    throw new CliError(`invalid ${role} ${JSON.stringify(input)}: not an address (hyper1...)${where}`);
  }
  try {
    accountAddresses.decode(input);
  } catch (e) {
    const detail = e instanceof CodedError && e.detail ? e.detail : (e as Error).message;
    throw new CliError(`invalid ${role} address: ${detail}`);
  }
  return input;
}

/** Runs a tx command: `from` is the FROM argument, `opts` the command's parsed options. */
export async function runTx(ctx: CliContext, opts: Record<string, unknown>, from: string, build: TxBuilder): Promise<void> {
  const flags = txFlagsOf(opts);
  const { io } = ctx;
  const prompter = createPrompter(io);
  const kr = await openCliKeyring(flags, prompter);

  // FROM: a key, or (--generate-only) any address
  let key: KeyInfo | undefined;
  let sender: string;
  if (accountAddresses.isValid(from)) {
    key = await kr.byAddress(from);
    if (!key && !flags.generateOnly) await kr.key(from); // throws "no key with address ..."
    sender = from;
  } else {
    key = await kr.key(from);
    sender = key.address;
  }

  const plan = await build({
    sender,
    address: (input, role) => resolveAddressArg(kr, input, role),
    coins: (input, what) => parseAmountArg(input, what),
  });
  if (plan.msgs.length === 0) throw new CliError('nothing to send: the command built no messages');
  const messages = plan.msgs.map((m) => ctx.codec.registry.encodeAsAny(m));
  const spends = plan.spends ?? [];
  const gasPrices = flags.fees ? undefined : (flags.gasPrices ?? defaultGasPrices(flags.home));

  // The node: chain id, denoms, account
  let node: NodeClient | undefined;
  let chainId = flags.chainId ?? '';
  let onChain: { accountNumber: bigint; sequence: bigint; pubkey?: PubKey } | undefined;
  if (!flags.offline) {
    node = new NodeClient(resolveNodeUrl(flags.node, flags.home));
    chainId = await node.checkChainId(flags.chainId);
    const denoms = [...spends, ...(flags.fees ?? [])].map((c) => c.denom);
    await assertDenomsKnown(node.bank(), denoms);
    onChain = await node.account(sender);
  }
  const accountNumber = flags.accountNumber ?? onChain?.accountNumber;
  let sequence = flags.sequence ?? onChain?.sequence;
  const spendable = async (): Promise<Coins> => (node ? node.spendable(sender) : []);
  const checkFunds = async (fee: Coins) => {
    if (!node || flags.generateOnly) return;
    if (!onChain) assertCanPay(sender, [], spends, fee, false);
    else assertCanPay(sender, await spendable(), spends, fee);
  };
  if (node && gasPrices) await assertDenomsKnown(node.bank(), gasPrices.map((p) => p.denom));
  const pubkey: PubKey | undefined = key ? { algo: key.algo, key: key.pubkey } : onChain?.pubkey;

  // Gas and fee
  let gasLimit: bigint;
  if (flags.gas.auto) {
    await checkFunds(flags.fees ?? []); // spends only: the fee depends on the simulation
    if (!pubkey) throw new CliError(`--gas auto needs the public key of ${sender}: it is not in the keyring and the chain has none yet`);
    // With a fee, as the real tx: deducting it costs gas too. Its amount barely matters: the smallest one.
    const probeFee = flags.fees ?? feeFromGasPrices(gasPrices!, 1n);
    const probe = unsignedTx({ messages, memo: flags.memo, fee: probeFee, gasLimit: 0n });
    let used: bigint;
    try {
      used = await node!.simulate(simulationBytes(probe, pubkey, sequence ?? 0n));
    } catch (e) {
      if (e instanceof CodedError) {
        throw new CliError(await explainRefusal(e, { stage: 'simulation failed', sender, spends, fee: [], spendable }), { cause: e });
      }
      throw e;
    }
    gasLimit = adjustedGas(used, flags.gasAdjustment);
    io.stderr.write(`gas estimate: ${used} used in simulation × ${flags.gasAdjustment.toString().replace(/0+$/, '').replace(/\.$/, '')} = ${gasLimit}\n`);
  } else {
    gasLimit = flags.gas.limit;
  }
  const fee = flags.fees ?? feeFromGasPrices(gasPrices!, gasLimit);
  await checkFunds(fee);
  const unsigned = unsignedTx({ messages, memo: flags.memo, fee, gasLimit });

  if (flags.generateOnly) {
    io.stdout.write(protoJsonText(Tx, unsigned) + '\n');
    return;
  }
  if (!key) throw new CliError(`no key for ${sender}`); // unreachable: checked above
  if (accountNumber === undefined || sequence === undefined) {
    throw new CliError(`account ${sender} does not exist on chain ${chainId}: it has never received tokens`);
  }

  if (!flags.yes) {
    if (!prompter.interactive) throw new CliError(NO_CONFIRMATION);
    io.stderr.write(txSummary(unsigned, { chainId, signer: sender, keyName: key.name, accountNumber, sequence, signMode: flags.signMode, node: node?.url }));
    const ok = await prompter.confirm('confirm transaction before signing and broadcasting', NO_CONFIRMATION);
    if (!ok) throw new CliError('transaction cancelled: nothing was signed or broadcast');
  }

  const signer = await kr.keyring.signer(key.name);
  const account = (seq: bigint): SignerAccount => ({ address: sender, pubkey: pubkey!, accountNumber, sequence: seq });
  const signed = await signTx(ctx.codec, unsigned, signer, account(sequence), chainId, flags.signMode);
  if (!node) {
    // --offline without --generate-only: print the signed tx, as `tx sign --offline` does
    io.stdout.write(protoJsonText(Tx, signed) + '\n');
    return;
  }
  const result = await broadcastAndWait(txBytes(signed), {
    rpc: node.rpc,
    stderr: io.stderr,
    timeoutMs: flags.waitTimeoutMs,
    resign: async (expected) => {
      if (flags.sequence !== undefined) return undefined; // the user chose the sequence
      sequence = expected;
      return txBytes(await signTx(ctx.codec, unsigned, signer, account(expected), chainId, flags.signMode));
    },
  });
  await finishBroadcast(ctx, flags, result.response, result.stage, { sender, spends, fee, spendable });
}

/** Prints a broadcast result and throws (exit code 1) when the tx failed. */
export async function finishBroadcast(
  ctx: CliContext,
  flags: Pick<TxFlags, 'output'>,
  response: TxResponse,
  stage: 'check' | 'block',
  c: { sender?: string; spends?: Coins; fee?: Coins; spendable?: () => Promise<Coins> },
): Promise<void> {
  const { io } = ctx;
  if (stage === 'block' || flags.output === 'json') printProto(io.stdout, flags.output, TxResponse, response, () => txResultText(response));
  if (response.code === 0) return;
  const why = await explainRefusal(
    { codespace: response.codespace, code: response.code, log: response.rawLog },
    { ...c, stage: stage === 'check' ? 'the node refused the tx (nothing was broadcast)' : `tx ${response.txhash} failed at height ${response.height}` },
  );
  throw new CliError(why);
}
