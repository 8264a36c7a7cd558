import { resolve, disposeOrder } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: a diamond a -> (b, c) -> d', () => {
  const diamond = [
    copy('a', '1.0.0', { b: '^1.0.0', c: '^1.0.0' }),
    copy('b', '1.0.0', { d: '^1.1.0' }),
    copy('c', '1.0.0', { d: '>=1.0.0 <1.3.0' }),
    copy('d', '1.0.0'),
    copy('d', '1.2.0'),
    copy('d', '1.3.0'),
  ];

  it('loads d once, in the highest version both sides accept, and layers b and c together', () => {
    const result = resolve(diamond);
    expect(versions(result.loaded)).toEqual({ a: '1.0.0', b: '1.0.0', c: '1.0.0', d: '1.2.0' });
    expect(result.levels).toEqual([['d'], ['b', 'c'], ['a']]);
    expect(result.unused.map((u) => u.dir).sort()).toEqual(['/roots/d@1.0.0', '/roots/d@1.3.0']);
    expect(result.failed.size).toBe(0);
  });

  it('disposes in reverse layer order', () => {
    expect(disposeOrder(resolve(diamond).levels)).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});
