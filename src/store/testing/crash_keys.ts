/** Deterministic keys shared by the crash test and its child process. */
import { createHash } from 'node:crypto';

export const CRASH_STORES = ['one', 'two'];

export function blockKey(version: number, i: number): Buffer {
  return createHash('sha256').update(`${version}/${i}`).digest();
}
