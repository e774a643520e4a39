import { assertDenomsKnown, parseAmountArg } from './amounts';
import { CliError } from './errors';

describe('parseAmountArg', () => {
  test.each([
    ['1000uhyper', [{ denom: 'uhyper', amount: 1000n }]],
    [' 10uhyper,5rcpu ', [{ denom: 'rcpu', amount: 5n }, { denom: 'uhyper', amount: 10n }]],
    ['1ibc/ABCDEF', [{ denom: 'ibc/ABCDEF', amount: 1n }]],
    // the SDK grammar: "1e99uhyper" is 1 of denom "e99uhyper" (refused later, by the chain check)
    ['1e99uhyper', [{ denom: 'e99uhyper', amount: 1n }]],
  ])('accepts %j', (input, want) => {
    expect(parseAmountArg(input)).toEqual(want);
  });

  test.each([
    ['10hyper!', /invalid amount "10hyper!": expected an integer followed by a denom; amounts are integers in a base denom, e\.g\. 1000uhyper/],
    ['-5uhyper', /invalid amount "-5uhyper": amounts cannot be negative/],
    ['1.5hyper', /decimals are not accepted/],
    ['.5hyper', /decimals are not accepted/],
    ['uhyper', /the number comes first/],
    ['100', /a denom is missing/],
    ['', /invalid amount "": amounts are integers/],
    ['0uhyper', /must be positive/],
    ['10uhyper,10uhyper', /duplicate denomination uhyper/],
    ['10uh', /expected an integer followed by a denom/], // denoms have at least 3 characters
    [`${1n << 256n}uhyper`, /overflows 256 bits/],
  ])('refuses %j', (input, message) => {
    let err: unknown;
    try {
      parseAmountArg(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/\n/);
  });

  test('names the flag it parses', () => {
    expect(() => parseAmountArg('x', '--fees')).toThrow(/^invalid --fees "x"/);
  });
});

describe('assertDenomsKnown', () => {
  const bank = {
    SupplyOf: async ({ denom }: { denom: string }) => ({ amount: { denom, amount: denom === 'uhyper' ? '5000' : '0' } }),
    DenomsMetadata: async () => ({
      metadatas: [{ base: 'uhyper', display: 'hyper', denomUnits: [{ denom: 'uhyper', exponent: 0, aliases: ['microhyper'] }, { denom: 'hyper', exponent: 6, aliases: [] }] }],
    }),
  } as any;

  test('a denom with supply passes', async () => {
    await expect(assertDenomsKnown(bank, ['uhyper', 'uhyper'])).resolves.toBeUndefined();
  });
  test('"1e99uhyper" is refused as an unknown denom', async () => {
    await expect(assertDenomsKnown(bank, ['e99uhyper'])).rejects.toThrow('unknown denom e99uhyper (amounts are integers in a base denom, e.g. 1000uhyper)');
  });
  test('a display unit names its base denom', async () => {
    await expect(assertDenomsKnown(bank, ['hyper'])).rejects.toThrow('unknown denom hyper: it is a display unit of uhyper (1hyper = 10^6uhyper)');
  });
  test('metadata errors do not hide the unknown denom', async () => {
    const broken = { ...bank, DenomsMetadata: async () => Promise.reject(new Error('down')) };
    await expect(assertDenomsKnown(broken, ['foo'])).rejects.toThrow('unknown denom foo');
  });
});
