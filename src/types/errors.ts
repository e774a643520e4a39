/**
 * Registered errors: every error a client can see carries a codespace, a code and a message,
 * with the Cosmos SDK's codes where the meaning is the same, so cosmjs and wallets show the
 * right thing. Match errors by (codespace, code), never by message text.
 */

/** An error with an ABCI codespace and code. `message` reads as the SDK words it: "detail: log". */
export class CodedError extends Error {
  override readonly name = 'CodedError';
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly log: string,
    readonly detail?: string,
    options?: ErrorOptions,
  ) {
    super(detail ? `${detail}: ${log}` : log, options);
  }
}

export interface ErrorKind {
  (detail?: string, cause?: unknown): CodedError;
  readonly codespace: string;
  readonly code: number;
  readonly log: string;
  /** True when `e`, or an error in its `cause` chain, is of this kind. */
  is(e: unknown): boolean;
}

/** Defines the errors of one codespace. Codes must be unique within the table and > 1. */
export function defineErrors<const T extends Record<string, readonly [number, string]>>(
  codespace: string,
  table: T,
): { readonly [K in keyof T]: ErrorKind } {
  const seen = new Set<number>();
  const out: Record<string, ErrorKind> = {};
  for (const [name, [code, log]] of Object.entries(table)) {
    if (seen.has(code)) throw new Error(`error code ${codespace}/${code} registered twice (${name})`);
    seen.add(code);
    const kind = ((detail?: string, cause?: unknown) =>
      new CodedError(codespace, code, log, detail, cause === undefined ? undefined : { cause })) as ErrorKind;
    Object.defineProperties(kind, {
      codespace: { value: codespace },
      code: { value: code },
      log: { value: log },
      name: { value: name },
      is: { value: (e: unknown) => matches(e, codespace, code) },
    });
    out[name] = kind;
  }
  return Object.freeze(out) as { readonly [K in keyof T]: ErrorKind };
}

function matches(e: unknown, codespace: string, code: number): boolean {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 16; cur = cur.cause, depth++) {
    if (cur instanceof CodedError && cur.codespace === codespace && cur.code === code) return true;
  }
  return false;
}

/** Root errors of the Cosmos SDK (codespace "sdk"), same codes and texts as types/errors/errors.go. */
export const sdk = defineErrors('sdk', {
  TxDecode: [2, 'tx parse error'],
  InvalidSequence: [3, 'invalid sequence'],
  Unauthorized: [4, 'unauthorized'],
  InsufficientFunds: [5, 'insufficient funds'],
  UnknownRequest: [6, 'unknown request'],
  InvalidAddress: [7, 'invalid address'],
  InvalidPubKey: [8, 'invalid pubkey'],
  UnknownAddress: [9, 'unknown address'],
  InvalidCoins: [10, 'invalid coins'],
  OutOfGas: [11, 'out of gas'],
  MemoTooLarge: [12, 'memo too large'],
  InsufficientFee: [13, 'insufficient fee'],
  TooManySignatures: [14, 'maximum number of signatures exceeded'],
  NoSignatures: [15, 'no signatures supplied'],
  JSONMarshal: [16, 'failed to marshal JSON bytes'],
  JSONUnmarshal: [17, 'failed to unmarshal JSON bytes'],
  InvalidRequest: [18, 'invalid request'],
  TxInMempoolCache: [19, 'tx already in mempool'],
  MempoolIsFull: [20, 'mempool is full'],
  TxTooLarge: [21, 'tx too large'],
  KeyNotFound: [22, 'key not found'],
  WrongPassword: [23, 'invalid account password'],
  InvalidSigner: [24, 'tx intended signer does not match the given signer'],
  InvalidGasAdjustment: [25, 'invalid gas adjustment'],
  InvalidHeight: [26, 'invalid height'],
  InvalidVersion: [27, 'invalid version'],
  InvalidChainID: [28, 'invalid chain-id'],
  InvalidType: [29, 'invalid type'],
  TxTimeoutHeight: [30, 'tx timeout height'],
  UnknownExtensionOptions: [31, 'unknown extension options'],
  WrongSequence: [32, 'incorrect account sequence'],
  PackAny: [33, 'failed packing protobuf message to Any'],
  UnpackAny: [34, 'failed unpacking protobuf message from Any'],
  Logic: [35, 'internal logic error'],
  Conflict: [36, 'conflict'],
  NotSupported: [37, 'feature not supported'],
  NotFound: [38, 'not found'],
  IO: [39, 'Internal IO error'],
  AppConfig: [40, 'error in app.toml'],
  InvalidGasLimit: [41, 'invalid gas limit'],
  TxTimeout: [42, 'tx timeout'],
});

/** SDK's "undefined" codespace: code 1 is an internal error (an unexpected exception). */
export const INTERNAL_CODESPACE = 'undefined';
export const INTERNAL_CODE = 1;

/** The (codespace, code, log) an error shows to a client. Unknown exceptions become internal errors. */
export function toAbciError(err: unknown): { codespace: string; code: number; log: string } {
  for (let cur: unknown = err, depth = 0; cur instanceof Error && depth < 16; cur = cur.cause, depth++) {
    if (cur instanceof CodedError) return { codespace: cur.codespace, code: cur.code, log: cur.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { codespace: INTERNAL_CODESPACE, code: INTERNAL_CODE, log: `internal error: ${message}` };
}
