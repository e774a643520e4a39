import { addCoins, coin, coinsFromProto, parseCoins, safeSubCoins } from './coins';
import { sdk } from './errors';

describe('coins', () => {
  test('parses and sorts', () => {
    expect(parseCoins('10uhyper,5rcpu')).toEqual([coin(5, 'rcpu'), coin(10, 'uhyper')]);
    expect(parseCoins('')).toEqual([]);
  });

  test.each(['10hyper!', '-5uhyper', '1.5uhyper', '10', 'uhyper', '10u', '5uhyper,5uhyper'])(
    'rejects %j with sdk/10',
    (s) => {
      let err: unknown;
      try {
        parseCoins(s);
      } catch (e) {
        err = e;
      }
      expect(sdk.InvalidCoins.is(err)).toBe(true);
    },
  );

  test('"1e99uhyper" is 1 of denom e99uhyper, as in the SDK (the CLI rejects unknown denoms)', () => {
    expect(parseCoins('1e99uhyper')).toEqual([coin(1, 'e99uhyper')]);
  });

  test('rejects amounts over 256 bits', () => {
    expect(() => parseCoins(`${1n << 256n}uhyper`)).toThrow(/overflow/);
  });

  test('proto coins must be sorted, unique, positive', () => {
    expect(() => coinsFromProto([{ denom: 'uhyper', amount: '0' }])).toThrow(/not positive/);
    expect(() => coinsFromProto([{ denom: 'uhyper', amount: '-1' }])).toThrow(/invalid amount/);
    expect(() =>
      coinsFromProto([
        { denom: 'uhyper', amount: '1' },
        { denom: 'rcpu', amount: '1' },
      ]),
    ).toThrow(/not sorted/);
  });

  test('arithmetic', () => {
    const a = [coin(5, 'rcpu'), coin(10, 'uhyper')];
    expect(addCoins(a, [coin(1, 'uhyper')])).toEqual([coin(5, 'rcpu'), coin(11, 'uhyper')]);
    expect(safeSubCoins(a, [coin(5, 'rcpu')])).toEqual([coin(10, 'uhyper')]);
    expect(safeSubCoins(a, [coin(11, 'uhyper')])).toBeUndefined();
  });
});
