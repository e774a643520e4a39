import { Dec } from '../../types/dec';
import { adjustedGas, DEFAULT_GAS, feeFromGasPrices, parseGasAdjustment, parseGasPrices, parseGasSetting } from './fees';

describe('gas and fees', () => {
  test('--gas: default, auto, a number; anything else is refused', () => {
    expect(parseGasSetting(undefined)).toEqual({ auto: false, limit: DEFAULT_GAS });
    expect(parseGasSetting('auto')).toEqual({ auto: true });
    expect(parseGasSetting('150000')).toEqual({ auto: false, limit: 150000n });
    for (const bad of ['0', '-1', '1.5', 'AUTO', '1e6', '', '18446744073709551616']) {
      expect(() => parseGasSetting(bad)).toThrow(/invalid --gas/);
    }
  });

  test('--gas-adjustment must be a positive decimal', () => {
    expect(parseGasAdjustment('1.4').toString()).toBe('1.400000000000000000');
    for (const bad of ['0', '-1', 'x', '1.', '']) expect(() => parseGasAdjustment(bad)).toThrow(/invalid --gas-adjustment/);
  });

  test('adjusted gas is ceil(used × adjustment)', () => {
    expect(adjustedGas(49440n, Dec.fromString('1.4'))).toBe(69216n);
    expect(adjustedGas(10n, Dec.fromString('1.33'))).toBe(14n); // 13.3 → 14
    expect(adjustedGas(100n, Dec.fromString('1'))).toBe(100n);
  });

  test('fee = ceil(price × gas) per denom', () => {
    expect(feeFromGasPrices(parseGasPrices('0.01uhyper'), 200000n)).toEqual([{ denom: 'uhyper', amount: 2000n }]);
    expect(feeFromGasPrices(parseGasPrices('0.025uhyper'), 1001n)).toEqual([{ denom: 'uhyper', amount: 26n }]);
    expect(feeFromGasPrices(parseGasPrices('0.01rcpu,0.5uhyper'), 10n)).toEqual([
      { denom: 'rcpu', amount: 1n },
      { denom: 'uhyper', amount: 5n },
    ]);
  });

  test('--gas-prices that do not parse say what is expected', () => {
    expect(() => parseGasPrices('cheap')).toThrow('invalid --gas-prices "cheap": expected a price per unit of gas such as 0.01uhyper');
  });
});
