/**
 * The logging the ABCI server needs: the subset of pino's API it calls, so a pino logger
 * (or a child of one) can be passed as is, and tests can pass a plain object.
 */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
};
