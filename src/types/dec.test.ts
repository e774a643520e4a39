import { Dec } from './dec';

describe('Dec (LegacyDec semantics)', () => {
  test.each([
    ['0.5', '0.500000000000000000', '500000000000000000'],
    ['1', '1.000000000000000000', '1000000000000000000'],
    ['-3.25', '-3.250000000000000000', '-3250000000000000000'],
    ['0.000000000000000001', '0.000000000000000001', '1'],
  ])('parses %s', (input, str, wire) => {
    const d = Dec.fromString(input);
    expect(d.toString()).toBe(str);
    expect(d.toProto()).toBe(wire);
    expect(Dec.fromProto(wire).eq(d)).toBe(true);
  });

  test.each(['', '1.', '.5', '1e5', '0.0000000000000000001', 'abc', '1,5'])('rejects %j', (s) => {
    expect(() => Dec.fromString(s)).toThrow();
  });

  test('mul rounds half to even, mulTruncate chops', () => {
    const tiny = Dec.fromString('0.000000000000000001');
    const half = Dec.fromString('0.5');
    expect(tiny.mul(half).raw).toBe(0n); // 0.5e-18 -> 0 (even)
    expect(Dec.fromString('0.000000000000000003').mul(half).raw).toBe(2n); // 1.5e-18 -> 2
    expect(Dec.fromString('0.000000000000000003').mulTruncate(half).raw).toBe(1n);
  });

  test('quo and its roundings', () => {
    const one = Dec.ONE;
    const three = Dec.fromInt(3);
    expect(one.quo(three).toString()).toBe('0.333333333333333333');
    expect(Dec.fromInt(2).quo(three).toString()).toBe('0.666666666666666667');
    expect(Dec.fromInt(2).quoTruncate(three).toString()).toBe('0.666666666666666666');
    expect(one.quoRoundUp(three).toString()).toBe('0.333333333333333334');
    expect(() => one.quo(Dec.ZERO)).toThrow(/division by zero/);
  });

  test('integer conversions', () => {
    expect(Dec.fromString('2.5').roundInt()).toBe(2n);
    expect(Dec.fromString('3.5').roundInt()).toBe(4n);
    expect(Dec.fromString('2.7').truncateInt()).toBe(2n);
    expect(Dec.fromString('2.1').ceilInt()).toBe(3n);
    expect(Dec.fromString('-2.7').truncateInt()).toBe(-2n);
  });
});
