/**
 * The directory holding one backend's keys: DIR/keyring-file/ or DIR/keyring-test/, mode 0700,
 * one NAME.json per key, mode 0600, plus `keyhash` (file backend) to check a passphrase before
 * a new key is written with it. Files are written to a temporary name and hard-linked into
 * place: the link fails if the name exists (no overwrite, even racing another process) and a
 * crash never leaves a half-written key under its real name.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const KEY_SUFFIX = '.json';

export class KeyDir {
  constructor(readonly path: string) {}

  /** Creates the directory if missing and makes it 0700. */
  async ensure(): Promise<void> {
    await fs.mkdir(this.path, { recursive: true, mode: DIR_MODE });
    await fs.chmod(this.path, DIR_MODE); // mkdir's mode is filtered by the umask
  }

  keyFile(name: string): string {
    return path.join(this.path, name + KEY_SUFFIX);
  }

  /** Names of the key files present, sorted. */
  async names(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await fs.readdir(this.path);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
    return entries
      .filter((f) => f.endsWith(KEY_SUFFIX) && !f.startsWith('.'))
      .map((f) => f.slice(0, -KEY_SUFFIX.length))
      .sort();
  }

  /** The text of `file` (a name inside the directory), or undefined if it does not exist. */
  async read(file: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path.join(this.path, file), 'utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Writes `file` with mode 0600; false (and nothing written) if it already exists. */
  async create(file: string, content: string): Promise<boolean> {
    await this.ensure();
    const tmp = path.join(this.path, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
    await fs.writeFile(tmp, content, { mode: FILE_MODE, flag: 'wx' });
    try {
      await fs.chmod(tmp, FILE_MODE); // in case a umask or ACL widened it
      await fs.link(tmp, path.join(this.path, file));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** Removes `file`; false if it did not exist. */
  async remove(file: string): Promise<boolean> {
    try {
      await fs.unlink(path.join(this.path, file));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}
