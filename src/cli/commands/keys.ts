/**
 * `hypermesh keys`: add (new or --recover), list, show, delete, export / import (encrypted armor),
 * import-dev (the devnet's dev-accounts.json), all through the keyring library
 * (src/crypto/keyring). The file backend asks for its passphrase on the terminal, or reads one
 * line of stdin per prompt when stdin is not a terminal.
 */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { accountAddresses, consensusAddresses, convertAddress, validatorAddresses } from '../../crypto/address';
import { KEY_ALGOS, type KeyAlgo } from '../../crypto/pubkey';
import { homePaths } from '../node/home';
import { act, CliError } from '../client/errors';
import { keyringFlagsOf, outputOption, withKeyringFlags } from '../client/flags';
import { openCliKeyring, warnTestBackend, type CliKeyring } from '../client/keyring';
import type { CliContext } from '../client/context';
import { createPrompter, type Prompter } from '../client/prompt';
import { keyOutput, keysText, MNEMONIC_WARNING, type KeyOutput } from '../output/keys';
import { printResult, type OutputFormat } from '../output/print';
import { intOption } from '../options';

const BECH = ['acc', 'val', 'cons'] as const;

async function open(ctx: CliContext, o: Record<string, any>): Promise<{ kr: CliKeyring; prompter: Prompter }> {
  const prompter = createPrompter(ctx.io);
  return { kr: await openCliKeyring(keyringFlagsOf(o), prompter), prompter };
}

export function registerKeys(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('manage the keys of the local keyring (file backend: encrypted; test: plaintext)');
  const { io } = ctx;

  withKeyringFlags(keys.command('add <name>'))
    .description('create a key from a new 24-word mnemonic (printed once), or --recover one from its mnemonic')
    .option('--recover', 'read the mnemonic from the terminal (or the first line of stdin) instead of generating one', false)
    .addOption(new Option('--algo <algo>', 'key algorithm').choices(KEY_ALGOS).default('secp256k1'))
    .option('--account <n>', "account number in the HD path m/44'/118'/account'/0/index", intOption, 0)
    .option('--index <n>', 'address index in the HD path', intOption, 0)
    .option('--no-backup', 'do not print the mnemonic')
    .addOption(outputOption())
    .action(
      act(async (name: string, o) => {
        const { kr, prompter } = await open(ctx, o);
        if (await kr.keyring.has(name)) throw new CliError(`key '${name}' already exists in keyring ${kr.keyring.dir}; delete it first or choose another name`);
        const mnemonic = o.recover ? await prompter.line('Enter your bip39 mnemonic: ', 'the mnemonic (--recover)') : undefined;
        const added = await kr.keyring.add(name, { algo: o.algo as KeyAlgo, mnemonic, account: o.account, index: o.index });
        warnTestBackend(io, kr);
        const out = keyOutput(added);
        const showMnemonic = !o.recover && o.backup !== false;
        if (o.output === 'json') {
          printResult(io.stdout, 'json', showMnemonic ? { ...out, mnemonic: added.mnemonic } : out);
          return;
        }
        io.stdout.write(keysText([out]));
        if (showMnemonic) io.stderr.write(`\n${MNEMONIC_WARNING}\n\n${added.mnemonic}\n`);
      }),
    );

  withKeyringFlags(keys.command('list'))
    .description('list all keys')
    .addOption(outputOption())
    .action(
      act(async (o) => {
        const { kr } = await open(ctx, o);
        const list = (await kr.keyring.list()).map((k) => keyOutput(k));
        if (o.output === 'text' && list.length === 0) {
          io.stderr.write(`no keys in keyring ${kr.keyring.dir}; create one with \`hypermesh keys add NAME\`\n`);
          return;
        }
        printResult(io.stdout, o.output, list, () => keysText(list));
      }),
    );

  withKeyringFlags(keys.command('show <name-or-address>'))
    .description('show a key: name, address, public key')
    .option('-a, --address', 'print the address only', false)
    .addOption(new Option('--bech <prefix>', 'address kind: acc (hyper1), val (hypervaloper1) or cons (hypervalcons1)').choices(BECH).default('acc'))
    .addOption(outputOption())
    .action(
      act(async (nameOrAddress: string, o) => {
        const { kr } = await open(ctx, o);
        const key = await kr.key(nameOrAddress);
        const codec = o.bech === 'val' ? validatorAddresses : o.bech === 'cons' ? consensusAddresses : accountAddresses;
        const address = convertAddress(key.address, accountAddresses, codec);
        if (o.address) {
          io.stdout.write(address + '\n');
          return;
        }
        const out = keyOutput(key, address);
        printResult(io.stdout, o.output, out, () => keysText([out]));
      }),
    );

  withKeyringFlags(keys.command('delete <name>'))
    .description('delete a key (its mnemonic is the only way back)')
    .option('-y, --yes', 'do not ask for confirmation', false)
    .addOption(outputOption())
    .action(
      act(async (name: string, o) => {
        const { kr, prompter } = await open(ctx, o);
        const key = await kr.byName(name);
        if (!o.yes) {
          const ok = await prompter.confirm(
            `Delete key '${name}' (${key.address})? Only its mnemonic can bring it back.`,
            `refusing to delete key '${name}' without confirmation: stdin is not a terminal; pass --yes`,
          );
          if (!ok) throw new CliError(`key '${name}' was not deleted`);
        }
        await kr.keyring.delete(name);
        printResult(io.stdout, o.output as OutputFormat, { name, address: key.address, deleted: true }, () => `key '${name}' (${key.address}) deleted\n`);
      }),
    );

  withKeyringFlags(keys.command('export <name>'))
    .description('print the private key as ASCII armor, encrypted with a passphrase you choose')
    .addOption(outputOption())
    .action(
      act(async (name: string, o) => {
        const { kr, prompter } = await open(ctx, o);
        await kr.byName(name);
        // Unlock first (file backend), so a wrong keyring passphrase fails before the export passphrase is asked.
        if (kr.backend === 'file') (await kr.keyring.exportPrivateKey(name)).fill(0);
        const passphrase = await prompter.secret('Enter a passphrase to encrypt the exported key (at least 8 characters): ', 'the export passphrase');
        const armor = await kr.keyring.exportArmor(name, passphrase);
        printResult(io.stdout, o.output, { name, armor }, () => armor);
      }),
    );

  withKeyringFlags(keys.command('import <name> <file>'))
    .description('import a key from ASCII armor written by `hypermesh keys export`')
    .addOption(outputOption())
    .action(
      act(async (name: string, file: string, o) => {
        let armor: string;
        try {
          armor = fs.readFileSync(file, 'utf8');
        } catch (e) {
          throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        }
        const { kr, prompter } = await open(ctx, o);
        if (await kr.keyring.has(name)) throw new CliError(`key '${name}' already exists in keyring ${kr.keyring.dir}; choose another name`);
        const passphrase = await prompter.secret('Enter the passphrase of the exported key: ', 'the passphrase of the armored key');
        const info = await kr.keyring.importArmor(name, armor, passphrase);
        warnTestBackend(io, kr);
        const out = keyOutput(info);
        printResult(io.stdout, o.output, out, () => keysText([out]));
      }),
    );

  withKeyringFlags(keys.command('import-dev'), 'test')
    .description("import the devnet's funded dev accounts (HOME/dev-accounts.json, written by `hypermesh init`) as keys dev0, dev1, ...")
    .addOption(outputOption())
    .action(
      act(async (o) => {
        const file = homePaths(o.home).devAccounts;
        let accounts: { name: string; address: string; mnemonic: string }[];
        try {
          accounts = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (e) {
          const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
          throw new CliError(missing ? `${file} not found: is ${o.home} a home made by \`hypermesh init\`? (use --home)` : `cannot read ${file}: ${(e as Error).message}`);
        }
        if (!Array.isArray(accounts)) throw new CliError(`${file} is not a list of accounts`);
        const { kr } = await open(ctx, o);
        const result: (KeyOutput & { imported: boolean })[] = [];
        for (const a of accounts) {
          if (await kr.keyring.has(a.name)) {
            const existing = await kr.keyring.get(a.name);
            if (existing.address !== a.address) throw new CliError(`key '${a.name}' already exists in keyring ${kr.keyring.dir} with another address (${existing.address})`);
            result.push({ ...keyOutput(existing), imported: false });
            continue;
          }
          const added = await kr.keyring.add(a.name, { mnemonic: a.mnemonic });
          if (added.address !== a.address) throw new CliError(`${file}: the mnemonic of ${a.name} gives ${added.address}, not ${a.address}`);
          result.push({ ...keyOutput(added), imported: true });
        }
        warnTestBackend(io, kr);
        printResult(io.stdout, o.output, result, () =>
          result.map((r) => `${r.imported ? 'imported' : 'already present'}: ${r.name} ${r.address}`).join('\n') + '\n',
        );
      }),
    );
}
