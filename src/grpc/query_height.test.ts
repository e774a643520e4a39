import { resolveHeight, type StoreHeights } from './query_height';
import { Code, statusOf } from './status';

describe('x-cosmos-block-height', () => {
  const heights = (latest: number, earliest: number): StoreHeights => ({ latest: () => latest, earliest: () => earliest });
  const status = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return statusOf(e);
    }
    return undefined;
  };

  test.each([
    [undefined, 10],
    ['', 10],
    ['0', 10],
    ['7', 7],
    [' 9 ', 9],
    ['10', 10],
    ['5', 5],
  ])('%j → version %d', (header, want) => {
    expect(resolveHeight(header, heights(10, 5))).toBe(want);
  });

  test.each([
    ['abc', Code.INVALID_ARGUMENT, /invalid height header "x-cosmos-block-height": strconv.ParseInt: parsing "abc": invalid syntax/],
    ['1.5', Code.INVALID_ARGUMENT, /invalid syntax/],
    ['99999999999999999999', Code.INVALID_ARGUMENT, /invalid syntax/],
    ['-1', Code.INVALID_ARGUMENT, /height < 0/],
    ['11', Code.INVALID_ARGUMENT, /in the future/],
    ['4', Code.NOT_FOUND, /failed to load state at height 4/],
  ])('%j → %d', (header, code, message) => {
    const s = status(() => resolveHeight(header, heights(10, 5)))!;
    expect(s.code).toBe(code);
    expect(s.message).toMatch(message);
  });

  test('before the first block every query is refused', () => {
    expect(status(() => resolveHeight(undefined, heights(0, 0)))).toMatchObject({ code: Code.INVALID_ARGUMENT, message: expect.stringContaining('please wait for first block') });
  });
});
