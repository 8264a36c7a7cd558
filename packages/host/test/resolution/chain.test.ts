import { ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: a chain a -> b -> c', () => {
  it('loads every link, dependencies first', () => {
    const result = resolve([copy('a', '1.0.0', { b: '^1.0.0' }), copy('b', '1.2.0', { c: '^1.0.0' }), copy('c', '1.0.0')]);
    expect(versions(result.loaded)).toEqual({ a: '1.0.0', b: '1.2.0', c: '1.0.0' });
    expect(result.levels).toEqual([['c'], ['b'], ['a']]);
    expect(result.failed.size).toBe(0);
  });

  it('fails the whole chain above a broken link, each naming the link below and its reason', () => {
    const result = resolve([
      copy('a', '1.0.0', { b: '^1.0.0' }),
      copy('b', '1.0.0', { c: '^1.0.0' }),
      copy('c', '1.0.0', {}, '^2.0.0'),
      copy('other', '1.0.0'),
    ]);
    const c = result.failed.get('c')?.error;
    const b = result.failed.get('b')?.error;
    const a = result.failed.get('a')?.error;
    const cMessage =
      "plugin 'c' needs Berth API ^2.0.0, but this host provides 1.0.0; install a version of 'c' written for " +
      'Berth API 1.0.0 or change engines.berth in /roots/c@1.0.0/plugin.json';
    expect(c?.code).toBe(ErrorCodes.HOST_API_MISMATCH);
    expect(c?.message).toBe(cMessage);
    expect(b?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(b?.message).toBe(`plugin 'b' not loaded because 'c' failed: ${cMessage}`);
    expect(a?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(a?.message).toBe(`plugin 'a' not loaded because 'b' failed: plugin 'b' not loaded because 'c' failed: ${cMessage}`);
    expect(a?.cause).toBe(b);
    expect(versions(result.loaded)).toEqual({ other: '1.0.0' });
    expect(result.levels).toEqual([['other']]);
  });
});
