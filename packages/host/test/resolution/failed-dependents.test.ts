import { BerthError, ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: dependents of a failed plugin', () => {
  it('does not load the dependents, naming the failed dependency and its reason; everything else loads', () => {
    const result = resolve([
      copy('w', '1.0.0'),
      copy('y', '1.0.0', { missing: '^1.0.0', w: '^1.0.0' }),
      copy('z', '1.0.0', { y: '^1.0.0' }),
      copy('zz', '1.0.0', { z: '^1.0.0', w: '^1.0.0' }),
      copy('solo', '1.0.0'),
    ]);
    const reason =
      "plugin 'y' needs 'missing' ^1.0.0, which is not installed; install 'missing' or remove dependencies.missing " +
      'from /roots/y@1.0.0/plugin.json';
    expect(result.failed.get('y')?.error.message).toBe(reason);
    const z = result.failed.get('z');
    expect(z?.error.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(z?.error.message).toBe(`plugin 'z' not loaded because 'y' failed: ${reason}`);
    expect(z?.candidate?.dir).toBe('/roots/z@1.0.0');
    expect(result.failed.get('zz')?.error.message).toBe(`plugin 'zz' not loaded because 'z' failed: ${z?.error.message}`);
    expect(versions(result.loaded)).toEqual({ solo: '1.0.0', w: '1.0.0' });
    expect(result.levels).toEqual([['solo', 'w']]);
  });

  it('fails the dependents of a plugin the caller marks unavailable (broken or disabled)', () => {
    const reason = new BerthError(ErrorCodes.MANIFEST_JSON, '/roots/y/plugin.json: bad JSON at line 3, column 5');
    const result = resolve([copy('y', '1.0.0'), copy('z', '1.0.0', { y: '*' })], { unavailable: new Map([['y', reason]]) });
    expect(result.loaded.size).toBe(0);
    expect(result.failed.get('y')?.error).toBe(reason);
    expect(result.failed.get('y')?.candidate?.dir).toBe('/roots/y@1.0.0');
    const z = result.failed.get('z')?.error;
    expect(z?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(z?.message).toBe("plugin 'z' not loaded because 'y' failed: /roots/y/plugin.json: bad JSON at line 3, column 5");
    expect(z?.cause).toBe(reason);
  });

  it('does not list a plugin made unavailable but not installed (the caller reports it)', () => {
    const reason = new BerthError(ErrorCodes.MANIFEST_JSON, 'broken');
    const result = resolve([copy('z', '1.0.0', { y: '*' })], { unavailable: new Map([['y', reason]]) });
    expect([...result.failed.keys()]).toEqual(['z']);
  });
});
