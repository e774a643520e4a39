/**
 * The `hypermesh` command. Each area registers its subcommands from its own file, so this stays
 * the one entry point. Errors print as one line (no stack trace) and exit with code 1.
 */
import { Command, CommanderError } from 'commander';
import { registerInit } from './commands/init';
import { registerStart } from './commands/start';
import { VERSION } from './version';

export function buildProgram(): Command {
  const program = new Command('hypermesh')
    .description('HyperMesh: an application chain for decentralized compute markets')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)');
  registerInit(program);
  registerStart(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
