import { describe, expect, it } from 'vitest';
import { parseJsonText } from '@berth/host';

describe('parseJsonText: where a configuration file is broken, on every Node version', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'expected a double-quoted property name'],
    ['{"a" 1}', 1, 6, "expected ':' after a property name"],
    ['{\n  "a": [1, 2\n}', 3, 1, "expected ',' or ']' after an array element"],
    ['{"a": "line\nbreak"}', 1, 12, 'a control character (such as a line break) inside a string'],
    ['{"a": "\\x"}', 1, 8, 'a bad escape sequence in a string'],
    ['{"a": 01}', 1, 8, "expected ',' or '}' after a property value"],
    ['{"a": tru}', 1, 7, 'unexpected character where a value should be'],
    ['{} {}', 1, 4, 'unexpected content after the JSON value'],
    ['', 1, 1, 'unexpected end of file (expected a value)'],
  ])('%j fails at line %i, column %i: %s', (text, line, column, reason) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, reason });
  });

  it('parses valid JSON, also after a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": [1, "x", null, true, -1.5e3]}')).toEqual({ ok: true, value: { a: [1, 'x', null, true, -1500] } });
  });

  it('survives nesting too deep to scan', () => {
    const deep = '['.repeat(200_000);
    expect(parseJsonText(deep)).toMatchObject({ ok: false, line: 1 });
  });
});
