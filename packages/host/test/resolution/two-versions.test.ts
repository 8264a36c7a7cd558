import { ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: several installed versions of one plugin', () => {
  const y1 = copy('y', '1.4.0');
  const y15 = copy('y', '1.5.2');
  const y2 = copy('y', '2.1.0');

  it('chooses the highest version when nothing constrains it', () => {
    const result = resolve([y1, y2, y15]);
    expect(result.loaded.get('y')).toBe(y2);
    expect(result.unused).toEqual([y1, y15]);
  });

  it('chooses the highest version satisfying every dependent', () => {
    const result = resolve([y2, y1, y15, copy('x', '1.0.0', { y: '^1.0.0' }), copy('z', '1.0.0', { y: '~1.4.0 || ^2.0.0' })]);
    expect(versions(result.loaded)).toEqual({ x: '1.0.0', y: '1.4.0', z: '1.0.0' });
    expect(result.levels).toEqual([['y'], ['x', 'z']]);
  });

  it('reports a range none of the installed versions meets against every installed copy', () => {
    const result = resolve([y1, y15, copy('x', '1.0.0', { y: '^3.0.0' })]);
    const error = result.failed.get('x')?.error;
    expect(error?.code).toBe(ErrorCodes.DEPENDENCY_MISMATCH);
    expect(error?.message).toBe(
      "plugin 'x' needs 'y' ^3.0.0, but only 'y' 1.4.0 (at /roots/y@1.4.0), 1.5.2 (at /roots/y@1.5.2) are installed; " +
        "install a version of 'y' matching ^3.0.0 or change dependencies.y in /roots/x@1.0.0/plugin.json",
    );
    expect(versions(result.loaded)).toEqual({ y: '1.5.2' });
  });

  it('skips a version written for another host API and takes the next one', () => {
    const result = resolve([copy('y', '3.0.0', {}, '^2.0.0'), y2]);
    expect(result.loaded.get('y')).toBe(y2);
    expect(result.failed.size).toBe(0);
  });

  it('keeps the first of two copies with the same name and version (discovery lists higher precedence first)', () => {
    const first = copy('y', '1.4.0');
    const second = { ...copy('y', '1.4.0'), dir: '/other/y' };
    const result = resolve([first, second]);
    expect(result.loaded.get('y')).toBe(first);
    expect(result.unused).toEqual([second]);
  });
});
