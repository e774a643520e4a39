/** Option parsers shared by the commands: they turn bad input into one clear error line. */
import { InvalidArgumentError } from 'commander';

export function intOption(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a non-negative integer`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${value} is too large`);
  return n;
}

const MAX_UINT64 = (1n << 64n) - 1n;

/** A non-negative integer up to 2^64-1 (account numbers, sequences, heights), as a bigint. */
export function uint64Option(value: string): bigint {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a non-negative integer`);
  const n = BigInt(value);
  if (n > MAX_UINT64) throw new InvalidArgumentError(`${value} is larger than 2^64-1`);
  return n;
}

/** A block height: a positive integer (0 is refused: it means "latest" only by omission). */
export function heightOption(value: string): bigint {
  const n = uint64Option(value);
  if (n === 0n) throw new InvalidArgumentError('heights start at 1 (leave the flag out for the latest block)');
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidArgumentError(`${value} is not a plausible height`);
  return n;
}

/** A positive number of seconds, returned in milliseconds. */
export function secondsOption(value: string): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a positive number of seconds`);
  return Math.round(Number(value) * 1000);
}
