/**
 * The `hypermesh` command. Each area registers its subcommands from its own file, so this stays
 * the one entry point. Errors print as one line (no stack trace) and exit with code 1; so do
 * commander's usage errors.
 */
import { Command, CommanderError } from 'commander';
import { buildTxCodec, type CliContext } from './client/context';
import { userMessage } from './client/errors';
import { processIo, type CliIo } from './client/prompt';
import { registerGenesisDistribute } from './commands/genesis_distribute';
import { registerIbc } from './commands/ibc';
import { registerInit } from './commands/init';
import { registerKeys } from './commands/keys';
import { registerLocalnet } from './commands/localnet';
import { registerQuery } from './commands/query';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerTx, TX_MODULES } from './commands/tx';
import { formatUsageError } from './output/usage_errors';
import { VERSION } from './version';

export function buildProgram(io: CliIo = processIo()): Command {
  const ctx: CliContext = { io, codec: buildTxCodec(TX_MODULES) };
  // Settings made before .command() are inherited by every subcommand.
  const program = new Command('hypermesh')
    .description('HyperMesh: an application chain for decentralized compute markets')
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(formatUsageError(s)),
    });
  registerInit(program);
  registerStart(program);
  registerLocalnet(program);
  registerKeys(program, ctx);
  registerTx(program, ctx);
  registerQuery(program, ctx);
  registerStatus(program, ctx);
  registerIbc(program, ctx);
  registerGenesisDistribute(program.command('genesis').description('edit the genesis file of a node home'));
  return program;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  // `hypermesh ... | head`: a reader that goes away is not an error worth a stack trace.
  io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    io.stderr.write(`Error: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    io.stderr.write(`Error: ${userMessage(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
