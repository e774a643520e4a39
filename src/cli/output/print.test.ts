import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { QueryAllBalancesResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { printProto, printResult } from './print';
import { formatUsageError } from './usage_errors';
import { timestampOf } from './chain';

const sink = () => ({ out: '', write(s: string) { this.out += s; } });

describe('printResult / printProto', () => {
  test('json is one line that parses; text is YAML', () => {
    const s = sink();
    printResult(s, 'json', { a: 1, b: ['x'] });
    expect(s.out).toBe('{"a":1,"b":["x"]}\n');
    const t = sink();
    printResult(t, 'text', { a: 1, b: ['x'] });
    expect(t.out).toBe('a: 1\nb:\n- x\n');
  });

  test('a custom text rendering is used for text only', () => {
    const s = sink();
    printResult(s, 'text', { a: 1 }, () => 'custom');
    expect(s.out).toBe('custom\n');
    const j = sink();
    printResult(j, 'json', { a: 1 }, () => 'custom');
    expect(JSON.parse(j.out)).toEqual({ a: 1 });
  });

  test('proto values print as the SDK JSON (proto names, defaults emitted, int64 as strings)', () => {
    const s = sink();
    printProto(s, 'json', QueryAllBalancesResponse, QueryAllBalancesResponse.fromPartial({ balances: [{ denom: 'uhyper', amount: '5' }], pagination: { total: 1n } }));
    expect(JSON.parse(s.out)).toEqual({ balances: [{ denom: 'uhyper', amount: '5' }], pagination: { next_key: null, total: '1' } });
    const t = sink();
    printProto(t, 'text', Coin, Coin.fromPartial({ denom: 'uhyper', amount: '7' }));
    expect(t.out).toBe('denom: uhyper\namount: "7"\n');
  });
});

describe('usage errors', () => {
  test('are one line with the help hint', () => {
    expect(formatUsageError("error: unknown command 'sendx'\n(Did you mean send?)\n")).toBe(
      "Error: unknown command 'sendx' (Did you mean send?) (run with --help for usage)\n",
    );
    expect(formatUsageError("error: missing required argument 'amount'\n")).toBe("Error: missing required argument 'amount' (run with --help for usage)\n");
  });
  test('a negative amount read as an option is explained', () => {
    expect(formatUsageError("error: unknown option '-5uhyper'\n")).toMatch(/unknown option '-5uhyper': an argument starting with "-" is read as an option; amounts cannot be negative/);
    expect(formatUsageError("error: unknown option '--fee'\n")).toBe("Error: unknown option '--fee' (run with --help for usage)\n");
  });
});

describe('timestampOf', () => {
  test('keeps nanoseconds', () => {
    expect(timestampOf('2026-11-27T16:44:27.716256676Z')).toEqual({ seconds: BigInt(Date.parse('2026-11-27T16:44:27Z') / 1000), nanos: 716256676 });
    expect(timestampOf('1970-01-01T00:00:01.5Z')).toEqual({ seconds: 1n, nanos: 500000000 });
    expect(timestampOf('1970-01-01T01:00:00+01:00')).toEqual({ seconds: 0n, nanos: 0 });
  });
});
