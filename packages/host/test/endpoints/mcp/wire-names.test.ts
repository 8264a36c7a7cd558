import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WIRE_NAME_PATTERN, WireNames, idOfWireName, toWireName, wireNameOf } from '@berth/host';

describe('wire names', () => {
  it('maps <plugin>/<name> to <plugin>__<name>, dots to underscores, as the registry does', () => {
    expect(wireNameOf('notes/add_note')).toBe('notes__add_note');
    expect(wireNameOf('my-plugin/fs.read')).toBe('my-plugin__fs_read');
    for (const id of ['notes/add_note', 'my-plugin/fs.read', 'everything/get-sum']) expect(wireNameOf(id)).toBe(toWireName(id));
  });

  it('maps a plain wire name back to its id', () => {
    expect(idOfWireName('notes__add_note')).toBe('notes/add_note');
    expect(idOfWireName('alias')).toBe('alias');
  });

  it('always fits ^[a-zA-Z0-9_-]{1,64}$ and keeps distinct ids distinct, even for long or odd ids', () => {
    const id = fc.tuple(fc.string({ minLength: 1, maxLength: 70 }), fc.string({ minLength: 1, maxLength: 70 })).map(([p, n]) => `${p}/${n}`);
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(wireNameOf(a)).toMatch(WIRE_NAME_PATTERN);
        if (a !== b && wireNameOf(a) === wireNameOf(b)) {
          // Only ids that differ in characters the wire cannot carry may share the readable form, never the hashed one.
          expect(WIRE_NAME_PATTERN.test(a.replace('/', '__').replaceAll('.', '_'))).toBe(true);
        }
      }),
    );
  });

  it('maps hashed wire names back exactly through the last listing', () => {
    const long = `plugin/${'x'.repeat(70)}`;
    const names = new WireNames();
    const [wire] = names.remember([long, 'a/b']);
    expect(wire).toMatch(WIRE_NAME_PATTERN);
    expect(wire).toHaveLength(64);
    expect(names.idOf(wire ?? '')).toBe(long);
    expect(names.idOf('a__b')).toBe('a/b');
  });

  it("prefers the source's own mapping (the registry's) when it keeps one", () => {
    const names = new WireNames({ wireName: (id) => (id === 'x/y' ? 'custom' : undefined), fromWireName: (w) => (w === 'custom' ? 'x/y' : undefined) });
    expect(names.remember(['x/y', 'a/b'])).toEqual(['custom', 'a__b']);
    expect(names.idOf('custom')).toBe('x/y');
  });
});
