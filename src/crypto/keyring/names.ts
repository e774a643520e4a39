/**
 * Key names. They become file names (DIR/keyring-file/NAME.json), so the alphabet is the one
 * that is safe on every file system and in a shell: letters, digits, '_' and '-'.
 */
import { keyringErrors } from './errors';

export const MAX_KEY_NAME_LENGTH = 64;
const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Returns `name` or throws keyring/2 saying what is wrong with it. */
export function checkKeyName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw keyringErrors.InvalidName('key name is empty');
  if (name.length > MAX_KEY_NAME_LENGTH) {
    throw keyringErrors.InvalidName(`key name has ${name.length} characters, at most ${MAX_KEY_NAME_LENGTH} allowed`);
  }
  if (!NAME_PATTERN.test(name)) {
    throw keyringErrors.InvalidName(`key name ${JSON.stringify(name)} may only contain letters, digits, '_' and '-'`);
  }
  return name;
}
