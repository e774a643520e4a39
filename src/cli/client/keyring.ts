/**
 * The keyring as CLI commands use it: opened from --home / --keyring-dir / --keyring-backend,
 * passphrases asked through the Prompter (twice when a file keyring gets its first key), keys
 * found by name or address with errors that say where we looked and what to run.
 */
import path from 'node:path';
import { openKeyring, type KeyInfo, type Keyring, type KeyringBackend, type PassphraseRequest } from '../../crypto/keyring';
import { accountAddresses } from '../../crypto/address';
import { sdk } from '../../types/errors';
import { CliError } from './errors';
import type { CliIo, Prompter } from './prompt';

export interface KeyringFlags {
  readonly home: string;
  /** Where keyring-<backend>/ lives; default: the home. */
  readonly keyringDir?: string;
  readonly keyringBackend: KeyringBackend;
}

export const DEFAULT_KEYRING_BACKEND: KeyringBackend = 'file';

export function keyringBaseDir(flags: KeyringFlags): string {
  return path.resolve(flags.keyringDir ?? flags.home);
}

/** The passphrase callback of the keyring library, asking through `prompter`. */
export function passphraseAsker(prompter: Prompter): (req: PassphraseRequest) => Promise<string> {
  return async (req) => {
    if (req.reason === 'unlock') {
      const what = req.keyName ? `the passphrase of keyring ${req.dir} (to unlock key '${req.keyName}')` : `the passphrase of keyring ${req.dir}`;
      return prompter.secret('Enter keyring passphrase: ', what);
    }
    const first = await prompter.secret(`Enter a passphrase for the new keyring ${req.dir} (at least 8 characters): `, `a new passphrase for keyring ${req.dir}`);
    const again = await prompter.secret('Re-enter the passphrase: ', `the new passphrase again (to confirm it)`);
    if (first !== again) throw new CliError('the two passphrases do not match; nothing was written');
    return first;
  };
}

export class CliKeyring {
  constructor(
    readonly keyring: Keyring,
    readonly flags: KeyringFlags,
  ) {}

  get backend(): KeyringBackend {
    return this.keyring.backend;
  }

  /** "run `hypermesh keys list ...`" with the flags that reach this keyring. */
  listHint(): string {
    const parts = ['hypermesh keys list'];
    if (this.keyring.backend !== 'file') parts.push(`--keyring-backend ${this.keyring.backend}`);
    if (this.flags.keyringDir) parts.push(`--keyring-dir ${this.flags.keyringDir}`);
    else parts.push(`--home ${this.flags.home}`);
    return `run \`${parts.join(' ')}\``;
  }

  private where(): string {
    return `keyring ${this.keyring.dir} (${this.keyring.backend} backend)`;
  }

  /** A key by name; "no key named 'x' in keyring DIR (file backend); run `hypermesh keys list`". */
  async byName(name: string): Promise<KeyInfo> {
    try {
      return await this.keyring.get(name);
    } catch (e) {
      if (sdk.KeyNotFound.is(e)) throw new CliError(`no key named '${name}' in ${this.where()}; ${this.listHint()}`, { cause: e });
      throw e;
    }
  }

  /** A key by account address, or undefined. */
  async byAddress(address: string): Promise<KeyInfo | undefined> {
    try {
      return await this.keyring.getByAddress(address);
    } catch (e) {
      if (sdk.KeyNotFound.is(e)) return undefined;
      throw e;
    }
  }

  /** `--from`: a key name, or the address of a key in this keyring. */
  async key(nameOrAddress: string): Promise<KeyInfo> {
    if (accountAddresses.isValid(nameOrAddress)) {
      const k = await this.byAddress(nameOrAddress);
      if (!k) throw new CliError(`no key with address ${nameOrAddress} in ${this.where()}; ${this.listHint()}`);
      return k;
    }
    return this.byName(nameOrAddress);
  }
}

export async function openCliKeyring(flags: KeyringFlags, prompter: Prompter): Promise<CliKeyring> {
  const keyring = await openKeyring({ dir: keyringBaseDir(flags), backend: flags.keyringBackend, passphrase: passphraseAsker(prompter) });
  return new CliKeyring(keyring, flags);
}

export function warnTestBackend(io: CliIo, kr: CliKeyring): void {
  if (kr.backend === 'test') {
    io.stderr.write(`WARNING: keyring backend 'test' stores private keys unencrypted in ${kr.keyring.dir}; anyone who can read it owns the keys. Use it for development only.\n`);
  }
}
