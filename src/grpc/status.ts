/**
 * What a client sees when a call fails: a gRPC status (code + message), the same on gRPC and on
 * the REST gateway (as {"code", "message", "details"} with grpc-gateway's HTTP status).
 *
 * - An error thrown as `GrpcError` keeps its code and message (the SDK's `status.Error(...)`).
 * - A registered error whose detail reads "rpc error: code = NotFound desc = X" (query handlers
 *   write them so, src/types/query_errors.ts, because the SDK's ABCI path wraps gRPC statuses
 *   into that text) becomes that status again: NOT_FOUND "X", as the SDK's gRPC server answers.
 * - Any other registered error gets its code from `grpcStatusOf` and the message the SDK's
 *   errors library gives it over gRPC: "codespace sdk code 26: invalid height: <detail>".
 * - Anything else is INTERNAL.
 */
import { grpcStatusOf } from '../types/query_errors';
import { CodedError } from '../types/errors';

/** gRPC status codes (google.rpc.Code). */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const CODE_BY_NAME: Readonly<Record<string, number>> = {
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
};

/** An error that is a gRPC status as such (what the SDK's services return with status.Error). */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  constructor(
    readonly code: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface GrpcStatus {
  code: number;
  message: string;
}

const RPC_ERROR = /^rpc error: code = (\w+) desc = ([\s\S]*)$/;

export function statusOf(err: unknown): GrpcStatus {
  for (let cur: unknown = err, depth = 0; cur instanceof Error && depth < 16; cur = cur.cause, depth++) {
    if (cur instanceof GrpcError) return { code: cur.code, message: cur.message };
    if (cur instanceof CodedError) {
      const m = RPC_ERROR.exec(cur.detail ?? '');
      if (m && CODE_BY_NAME[m[1]] !== undefined) return { code: CODE_BY_NAME[m[1]], message: m[2] };
      const head = `codespace ${cur.codespace} code ${cur.code}: ${cur.log}`;
      return { code: grpcStatusOf(cur.codespace, cur.code), message: cur.detail ? `${head}: ${cur.detail}` : head };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: Code.INTERNAL, message };
}

/** The HTTP status grpc-gateway (runtime.HTTPStatusFromCode) answers for a gRPC code. */
export function httpStatusOf(code: number): number {
  switch (code) {
    case Code.OK:
      return 200;
    case Code.CANCELLED:
      return 408;
    case Code.UNKNOWN:
      return 500;
    case Code.INVALID_ARGUMENT:
      return 400;
    case Code.DEADLINE_EXCEEDED:
      return 504;
    case Code.NOT_FOUND:
      return 404;
    case Code.ALREADY_EXISTS:
      return 409;
    case Code.PERMISSION_DENIED:
      return 403;
    case Code.UNAUTHENTICATED:
      return 401;
    case Code.RESOURCE_EXHAUSTED:
      return 429;
    case Code.FAILED_PRECONDITION:
      return 400;
    case Code.ABORTED:
      return 409;
    case Code.OUT_OF_RANGE:
      return 400;
    case Code.UNIMPLEMENTED:
      return 501;
    case Code.INTERNAL:
      return 500;
    case Code.UNAVAILABLE:
      return 503;
    case Code.DATA_LOSS:
      return 500;
    default:
      return 500;
  }
}
