import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argumentShape } from '@berth/host';
import type { JsonValue } from '@berth/sdk';

describe('argumentShape', () => {
  it('keeps keys and replaces values by their types', () => {
    expect(argumentShape({ path: '/etc/passwd', count: 3, deep: { on: true, none: null }, list: [{ a: 'x' }], empty: [] })).toEqual({
      path: 'string',
      count: 'number',
      deep: { on: 'boolean', none: 'null' },
      list: ['array(1)', { a: 'string' }],
      empty: 'array(0)',
    });
  });

  it('bounds depth and key count', () => {
    expect(argumentShape({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: 'object' } } } });
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(argumentShape(wide) as object)).toHaveLength(33);
  });

  it('never contains a string, number or boolean value from its input', () => {
    const marked = fc.string({ minLength: 12, maxLength: 20 }).map((s) => `VALUE-${s}`);
    const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        marked,
        fc.integer({ min: 1_000_000_000 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(argumentShape(value));
        expect(text).not.toContain('VALUE-');
        expect(text).not.toMatch(/\d{10}/);
      }),
    );
  });
});
