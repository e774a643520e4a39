/** Option parsers shared by the commands: they turn bad input into one clear error line. */
import { InvalidArgumentError } from 'commander';

export function intOption(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a non-negative integer`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${value} is too large`);
  return n;
}
