import { Command } from 'commander';
import { txFlagsOf, withQueryFlags, queryFlagsOf, withTxFlags, FALLBACK_GAS_PRICES, defaultGasPrices } from './flags';

/** Parses `args` with the tx flags of a throwaway command; returns the raw options. */
function parse(args: string[], add = withTxFlags): Record<string, any> {
  let opts: Record<string, any> = {};
  const cmd = add(new Command('t').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} })).action((o) => {
    opts = o;
  });
  cmd.parse(args, { from: 'user' });
  return opts;
}

describe('tx flags', () => {
  test('defaults', () => {
    const f = txFlagsOf(parse(['--home', '/h']));
    expect(f).toMatchObject({
      home: '/h',
      keyringBackend: 'file',
      gas: { auto: false, limit: 200000n },
      memo: '',
      yes: false,
      generateOnly: false,
      offline: false,
      signMode: 'direct',
      output: 'text',
      waitTimeoutMs: 60_000,
    });
    expect(f.gasAdjustment.toString()).toBe('1.400000000000000000');
    expect(f.fees).toBeUndefined();
    expect(f.gasPrices).toBeUndefined();
  });

  test('every flag parses to its typed value', () => {
    const f = txFlagsOf(
      parse([
        '--node', 'tcp://1.2.3.4:5', '--chain-id', 'c', '--gas', 'auto', '--gas-adjustment', '2', '--fees', '10uhyper',
        '--memo', 'm', '-y', '--generate-only', '--account-number', '3', '--sequence', '18446744073709551615',
        '--sign-mode', 'amino-json', '--wait-timeout', '1.5', '-o', 'json', '--keyring-backend', 'test', '--keyring-dir', '/k',
      ]),
    );
    expect(f).toMatchObject({
      node: 'tcp://1.2.3.4:5', chainId: 'c', gas: { auto: true }, fees: [{ denom: 'uhyper', amount: 10n }], memo: 'm', yes: true,
      generateOnly: true, accountNumber: 3n, sequence: 18446744073709551615n, signMode: 'amino-json', waitTimeoutMs: 1500,
      output: 'json', keyringBackend: 'test', keyringDir: '/k',
    });
  });

  test('--fees 0uhyper is an explicit zero fee', () => {
    expect(txFlagsOf(parse(['--fees', '0uhyper'])).fees).toEqual([]);
  });

  test.each([
    [['--fees', '1uhyper', '--gas-prices', '0.01uhyper'], 'give either --fees or --gas-prices, not both'],
    [['--offline', '--gas', 'auto', '--chain-id', 'c'], '--gas auto simulates the tx on a node; it cannot be combined with --offline'],
    [['--offline'], '--offline signing needs --chain-id'],
    [['--offline', '--chain-id', 'c'], '--offline signing needs --account-number and --sequence'],
    [['--gas', 'lots'], 'invalid --gas "lots": expected "auto" or a positive integer gas limit'],
    [['--fees', '-1uhyper'], 'invalid --fees "-1uhyper": amounts cannot be negative'],
    [['--gas-prices', 'free'], 'invalid --gas-prices "free"'],
  ])('refuses %j', (args, message) => {
    expect(() => txFlagsOf(parse(args))).toThrow(message);
  });

  test('--offline --generate-only needs nothing else', () => {
    expect(txFlagsOf(parse(['--offline', '--generate-only'])).offline).toBe(true);
  });

  test.each([
    [['--sign-mode', 'textual'], /argument 'textual' is invalid. Allowed choices are direct, amino-json/],
    [['--output', 'yaml'], /Allowed choices are text, json/],
    [['--keyring-backend', 'os'], /Allowed choices are file, test/],
    [['--sequence', '-1'], /is not a non-negative integer|unknown option/],
    [['--account-number', '1.5'], /"1.5" is not a non-negative integer/],
    [['--wait-timeout', '0'], /"0" is not a positive number of seconds/],
  ])('commander refuses %j', (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });

  test('gas prices default to the home app.toml, else the fallback', () => {
    expect(defaultGasPrices('/nonexistent').map((p) => `${p.amount.toString()}${p.denom}`)).toEqual(['0.010000000000000000uhyper']);
    expect(FALLBACK_GAS_PRICES).toBe('0.01uhyper');
  });
});

describe('query flags', () => {
  test('--height, --node, --output', () => {
    expect(queryFlagsOf(parse(['--height', '5', '--node', 'x:1', '-o', 'json', '--home', '/h'], withQueryFlags))).toEqual({ height: 5n, node: 'x:1', output: 'json', home: '/h' });
    expect(() => parse(['--height', '0'], withQueryFlags)).toThrow(/heights start at 1/);
    expect(() => parse(['--height', 'latest'], withQueryFlags)).toThrow(/is not a non-negative integer/);
  });
});
