import { ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: missing and mismatched dependencies', () => {
  it('names the dependent, the dependency, its range and the fix when the dependency is not installed', () => {
    const result = resolve([copy('x', '1.0.0', { y: '^2.0.0' }), copy('ok', '1.0.0')]);
    const error = result.failed.get('x')?.error;
    expect(error?.code).toBe(ErrorCodes.DEPENDENCY_MISSING);
    expect(error?.message).toBe(
      "plugin 'x' needs 'y' ^2.0.0, which is not installed; install 'y' or remove dependencies.y from /roots/x@1.0.0/plugin.json",
    );
    expect(error?.details.path).toBe('/dependencies/y');
    expect(versions(result.loaded)).toEqual({ ok: '1.0.0' });
  });

  it('names the installed version and where it is when it does not match', () => {
    const result = resolve([copy('x', '1.0.0', { y: '^2.0.0' }), copy('y', '1.4.0')]);
    const error = result.failed.get('x')?.error;
    expect(error?.code).toBe(ErrorCodes.DEPENDENCY_MISMATCH);
    expect(error?.message).toBe(
      "plugin 'x' needs 'y' ^2.0.0, but only 'y' 1.4.0 is installed (at /roots/y@1.4.0); " +
        "install a version of 'y' matching ^2.0.0 or change dependencies.y in /roots/x@1.0.0/plugin.json",
    );
    expect(versions(result.loaded)).toEqual({ y: '1.4.0' });
  });

  it('escapes a scoped dependency in the JSON pointer', () => {
    const error = resolve([copy('x', '1.0.0', { '@acme/y': '^1.0.0' })]).failed.get('x')?.error;
    expect(error?.details.path).toBe('/dependencies/@acme~1y');
  });
});
