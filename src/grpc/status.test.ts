import { sdk, defineErrors } from '../types/errors';
import { invalidArgument, notFound } from '../types/query_errors';
import { Code, GrpcError, httpStatusOf, statusOf } from './status';

describe('error mapping: thrown error → gRPC status', () => {
  const bank = defineErrors('bank', { NoInputs: [2, 'no inputs to send transaction'] });

  test.each([
    ['a query handler NotFound keeps its status and text', notFound('account hyper1x not found'), Code.NOT_FOUND, 'account hyper1x not found'],
    ['a query handler InvalidArgument', invalidArgument('invalid denom'), Code.INVALID_ARGUMENT, 'invalid denom'],
    ['sdk/26 invalid height', sdk.InvalidHeight('cannot query with height in the future; please provide a valid height'), Code.INVALID_ARGUMENT, 'codespace sdk code 26: invalid height: cannot query with height in the future; please provide a valid height'],
    ['sdk/38 not found', sdk.NotFound('failed to load state at height 1'), Code.NOT_FOUND, 'codespace sdk code 38: not found: failed to load state at height 1'],
    ['sdk/18 invalid request', sdk.InvalidRequest('pagination limit 5000 exceeds the maximum of 1000'), Code.INVALID_ARGUMENT, 'codespace sdk code 18: invalid request: pagination limit 5000 exceeds the maximum of 1000'],
    ['sdk/6 unknown request', sdk.UnknownRequest(), Code.UNIMPLEMENTED, 'codespace sdk code 6: unknown request'],
    ['sdk/4 unauthorized', sdk.Unauthorized('no'), Code.UNAUTHENTICATED, 'codespace sdk code 4: unauthorized: no'],
    ['a module error', bank.NoInputs(), Code.INVALID_ARGUMENT, 'codespace bank code 2: no inputs to send transaction'],
    ['a GrpcError as such', new GrpcError(Code.UNAVAILABLE, 'CometBFT RPC down'), Code.UNAVAILABLE, 'CometBFT RPC down'],
    ['a registered error in the cause chain', new Error('outer', { cause: sdk.KeyNotFound('x') }), Code.NOT_FOUND, 'codespace sdk code 22: key not found: x'],
    ['anything else is INTERNAL', new TypeError('boom'), Code.INTERNAL, 'boom'],
    ['a thrown string', 'oops', Code.INTERNAL, 'oops'],
  ])('%s', (_name, err, code, message) => {
    expect(statusOf(err)).toEqual({ code, message });
  });

  test('an "rpc error" text with an unknown code name is treated as a plain registered error', () => {
    const e = sdk.InvalidRequest('rpc error: code = Weird desc = x');
    expect(statusOf(e)).toEqual({ code: Code.INVALID_ARGUMENT, message: 'codespace sdk code 18: invalid request: rpc error: code = Weird desc = x' });
  });

  test("HTTP statuses are grpc-gateway's", () => {
    const table = Object.fromEntries(Object.entries(Code).map(([name, code]) => [name, httpStatusOf(code)]));
    expect(table).toEqual({
      OK: 200,
      CANCELLED: 408,
      UNKNOWN: 500,
      INVALID_ARGUMENT: 400,
      DEADLINE_EXCEEDED: 504,
      NOT_FOUND: 404,
      ALREADY_EXISTS: 409,
      PERMISSION_DENIED: 403,
      RESOURCE_EXHAUSTED: 429,
      FAILED_PRECONDITION: 400,
      ABORTED: 409,
      OUT_OF_RANGE: 400,
      UNIMPLEMENTED: 501,
      INTERNAL: 500,
      UNAVAILABLE: 503,
      DATA_LOSS: 500,
      UNAUTHENTICATED: 401,
    });
  });
});
