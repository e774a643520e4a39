/**
 * Errors shown to CLI users. Every failure ends as one line on stderr ("Error: ...") and exit
 * code 1 (src/cli/main.ts); `CliError` carries a message already worded for people, and
 * `userMessage` words the registered errors of the libraries underneath.
 */
import { keyringErrors } from '../../crypto/keyring';
import { CodedError, sdk } from '../../types/errors';

/** An error whose message is final: printed as is, on one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** One line: newlines and runs of spaces collapse, so a message never spans lines. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** The message a user sees for `e`. */
export function userMessage(e: unknown): string {
  if (e instanceof CliError) return oneLine(e.message);
  if (e instanceof CodedError) {
    // Keyring and passphrase errors read best as their detail ("wrong passphrase for key 'alice'").
    const keyringKind = e.codespace === keyringErrors.InvalidName.codespace;
    if ((keyringKind || sdk.WrongPassword.is(e)) && e.detail) return oneLine(e.detail);
    return oneLine(e.message);
  }
  if (e instanceof Error) return oneLine(e.message);
  return oneLine(String(e));
}

/** Runs a command action; any error becomes a CliError with the user's message. */
export function act<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      throw new CliError(userMessage(e), { cause: e });
    }
  };
}

/** Keeps only the gRPC status description of an ABCI query log ("rpc error: code = NotFound desc = x" → "x"). */
export function queryLogText(log: string): string {
  const m = /^rpc error: code = \w+ desc = ([\s\S]*)$/.exec(log);
  return m ? m[1] : log;
}
