/**
 * `hypermesh tx`: the module tx commands (one file each, listed in TX_MODULES), and the generic
 * ones: `sign` (a --generate-only file, online or --offline), `broadcast` (a signed JSON file),
 * `encode` / `decode` (JSON ↔ base64 TxRaw bytes).
 */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { AuthInfo, Tx, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { fromSdkJsonOf } from '../../codec/proto_json';
import { CodedError } from '../../types/errors';
import { broadcastAndWait } from '../client/broadcast';
import type { CliContext, TxModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { keyringFlagsOf, outputOption, waitTimeoutOption, withKeyringFlags, withNodeFlag } from '../client/flags';
import { openCliKeyring } from '../client/keyring';
import { NodeClient, resolveNodeUrl } from '../client/node';
import { createPrompter } from '../client/prompt';
import { msgSigners } from '../client/signers';
import { SIGN_MODES, signTx, txBytes, type SignModeName } from '../client/tx_build';
import { finishBroadcast } from '../client/tx_runner';
import { defaultHome } from '../node/home';
import { protoJsonText } from '../output/print';
import { uint64Option } from '../options';
import { bankTxModule } from './tx_bank';
import { resourceTxModule } from './tx_resource';
import { govTxModule } from './gov_tx';
import { marketTxModule } from './tx_market';
import { paychTxModule } from './tx_paych';

/** Every module's tx commands. A module adds its `tx <module>` commands with one file and one line here. */
export const TX_MODULES: readonly TxModule[] = [bankTxModule, resourceTxModule, govTxModule, marketTxModule, paychTxModule];

const TX_FILE_HINT = 'expected a transaction in JSON, as printed by `--generate-only` or `hypermesh tx sign`';

/** A Tx from a JSON file ("-" reads stdin). JSON only: anything else is refused with a clear message. */
export function readTxFile(file: string, stdinText?: () => string): Tx {
  let text: string;
  try {
    text = file === '-' ? (stdinText ? stdinText() : fs.readFileSync(0, 'utf8')) : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseTxJson(text, file);
}

export function parseTxJson(text: string, name: string): Tx {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${name} is not JSON: ${TX_FILE_HINT}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('body' in json)) {
    throw new CliError(`${name} is not a transaction (no "body"): ${TX_FILE_HINT}`);
  }
  try {
    return fromSdkJsonOf(Tx, json);
  } catch (e) {
    const detail = e instanceof CodedError && e.detail ? e.detail : (e as Error).message;
    throw new CliError(`${name} is not a valid transaction: ${detail}`);
  }
}

export function registerTx(program: Command, ctx: CliContext): void {
  const tx = program.command('tx').description('create, sign and broadcast transactions');
  for (const m of TX_MODULES) m.register(tx, ctx);
  const { io } = ctx;

  withNodeFlag(withKeyringFlags(tx.command('sign <file>')))
    .description('sign a tx written by --generate-only ("-" reads stdin); prints the signed tx as JSON')
    .requiredOption('--from <key>', 'the signing key: a name, or the address of a key in the keyring')
    .option('--chain-id <id>', 'chain id (default: the node’s; required with --offline)')
    .option('--offline', 'do not contact a node: needs --chain-id, --account-number and --sequence', false)
    .option('--account-number <n>', 'account number of the signer (default: from the node)', uint64Option)
    .option('--sequence <n>', 'sequence of the signer (default: from the node)', uint64Option)
    .addOption(new Option('--sign-mode <mode>', 'sign mode').choices(SIGN_MODES).default('direct'))
    .option('--output-document <file>', 'write the signed tx to this file instead of stdout')
    .action(
      act(async (file: string, o) => {
        const unsigned = readTxFile(file);
        if (o.offline && (o.chainId === undefined || o.accountNumber === undefined || o.sequence === undefined)) {
          throw new CliError('--offline needs --chain-id, --account-number and --sequence');
        }
        const kr = await openCliKeyring(keyringFlagsOf(o), createPrompter(io));
        const key = await kr.key(o.from);
        const signers = msgSigners(unsigned.body?.messages ?? []);
        if (signers.length > 1) throw new CliError(`this tx needs ${signers.length} signers (${signers.join(', ')}); \`tx sign\` signs single-signer txs only`);
        if (signers.length === 1 && signers[0] !== key.address) {
          throw new CliError(`key '${key.name}' (${key.address}) is not the signer of this tx; it must be signed by ${signers[0]}`);
        }
        let chainId: string = o.chainId;
        let accountNumber: bigint | undefined = o.accountNumber;
        let sequence: bigint | undefined = o.sequence;
        if (!o.offline) {
          const node = new NodeClient(resolveNodeUrl(o.node, o.home));
          chainId = await node.checkChainId(o.chainId);
          if (accountNumber === undefined || sequence === undefined) {
            const acc = await node.account(key.address);
            if (!acc) throw new CliError(`account ${key.address} does not exist on chain ${chainId}: it has never received tokens`);
            accountNumber ??= acc.accountNumber;
            sequence ??= acc.sequence;
          }
        }
        const signer = await kr.keyring.signer(key.name);
        const signed = await signTx(ctx.codec, unsigned, signer, { address: key.address, pubkey: { algo: key.algo, key: key.pubkey }, accountNumber: accountNumber!, sequence: sequence! }, chainId, o.signMode as SignModeName);
        const text = protoJsonText(Tx, signed) + '\n';
        if (o.outputDocument) fs.writeFileSync(o.outputDocument, text);
        else io.stdout.write(text);
      }),
    );

  withNodeFlag(tx.command('broadcast <file>'))
    .description('broadcast a signed tx from a JSON file ("-" reads stdin) and wait for its block')
    .option('--home <dir>', "node home directory (its config.toml gives the default --node)", defaultHome())
    .addOption(waitTimeoutOption())
    .addOption(outputOption())
    .action(
      act(async (file: string, o) => {
        const signed = readTxFile(file);
        if (signed.signatures.length === 0 || signed.signatures.every((s) => s.length === 0)) {
          throw new CliError(`${file} has no signatures: sign it first with \`hypermesh tx sign ${file} --from KEY\``);
        }
        const node = new NodeClient(resolveNodeUrl(o.node, o.home));
        await node.chainId(); // fails early, with the usual message, when the node is unreachable
        const result = await broadcastAndWait(txBytes(signed), { rpc: node.rpc, stderr: io.stderr, timeoutMs: o.waitTimeout });
        await finishBroadcast(ctx, { output: o.output }, result.response, result.stage, {});
      }),
    );

  tx.command('encode <file>')
    .description('print the TxRaw bytes of a JSON tx file as base64 (what broadcast_tx sends)')
    .action(
      act(async (file: string) => {
        io.stdout.write(Buffer.from(txBytes(readTxFile(file))).toString('base64') + '\n');
      }),
    );

  tx.command('decode <base64>')
    .description('print base64 TxRaw bytes as the JSON of the tx')
    .action(
      act(async (b64: string) => {
        if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64.trim())) throw new CliError('expected base64 tx bytes (as `hypermesh tx encode` prints)');
        let tx: Tx;
        try {
          const raw = TxRaw.decode(Buffer.from(b64.trim(), 'base64'));
          tx = Tx.fromPartial({ body: TxBody.decode(raw.bodyBytes), authInfo: AuthInfo.decode(raw.authInfoBytes), signatures: raw.signatures });
        } catch (e) {
          throw new CliError(`the bytes are not a tx: ${(e as Error).message}`);
        }
        io.stdout.write(protoJsonText(Tx, tx) + '\n');
      }),
    );
}
