/**
 * Errors of query handlers. The SDK's gRPC query services return gRPC status errors, which its
 * ABCI query path wraps into registered errors whose log starts "rpc error: code = NotFound desc =".
 * cosmjs relies on that text (getAccount returns null on /rpc error: code = NotFound/), so ours
 * read the same, and the gRPC transport maps the code back to the status.
 */
import { sdk, type CodedError } from './errors';

export function notFound(desc: string): CodedError {
  return sdk.KeyNotFound(`rpc error: code = NotFound desc = ${desc}`);
}

export function invalidArgument(desc: string): CodedError {
  return sdk.InvalidRequest(`rpc error: code = InvalidArgument desc = ${desc}`);
}

/** gRPC status codes for registered errors, used by the gRPC and REST transports. */
export function grpcStatusOf(codespace: string, code: number): number {
  if (codespace === 'sdk') {
    switch (code) {
      case 22: // key not found
      case 38: // not found
        return 5; // NOT_FOUND
      case 4:
        return 16; // UNAUTHENTICATED
      case 6:
        return 12; // UNIMPLEMENTED
      case 26: // invalid height
      case 2:
      case 7:
      case 10:
      case 18:
        return 3; // INVALID_ARGUMENT
      default:
        return 2; // UNKNOWN
    }
  }
  return codespace === 'undefined' ? 13 /* INTERNAL */ : 3;
}
