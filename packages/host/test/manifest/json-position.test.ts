import { describe, expect, test } from 'vitest';
import { jsonErrorPosition, positionAt } from '@berth/host';

/** Where JSON.parse fails on `text`, as the loader reports it. */
function failAt(text: string): { line: number; column: number } {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonErrorPosition(text, error);
  }
  throw new Error('expected invalid JSON');
}

describe('line and column of a JSON syntax error', () => {
  test('positionAt counts lines (\\n, \\r\\n, \\r) and columns from 1', () => {
    expect(positionAt('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('a\nbc', 3)).toEqual({ line: 2, column: 2 });
    expect(positionAt('a\r\nbc', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('a\rbc', 3)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab', 99)).toEqual({ line: 1, column: 3 });
  });

  test.each([
    ['{\n  "a": 1,\n}', 3, 1],
    ['{\n  "a": \n}', 3, 1],
    ['{"a" 1}', 1, 6],
    ['{\n  "a": 1', 2, 9],
    ['', 1, 1],
    ['{"a": tru}', 1, 10],
    ['{"a": "x\ny"}', 1, 9],
    ['[1, 2]]', 1, 7],
    ["{'a': 1}", 1, 2],
    ['{"a": 01}', 1, 8],
    ['{"a": "\\q"}', 1, 9],
    ['{"a": -}', 1, 8],
  ])('%j fails at line %i, column %i', (text, line, column) => {
    expect(failAt(text)).toEqual({ line, column });
  });
});
