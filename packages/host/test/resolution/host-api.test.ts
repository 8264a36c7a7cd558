import { ErrorCodes } from '@berth/sdk';
import { HOST_API_VERSION, resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: engines.berth against the host API version', () => {
  it('provides API 1.0.0', () => {
    expect(HOST_API_VERSION).toBe('1.0.0');
  });

  it('refuses a plugin written for another host API, naming both versions and the fix', () => {
    const result = resolve([copy('x', '1.0.0', {}, '^2.0.0'), copy('fine', '1.0.0', {}, '^1.0.0')]);
    const error = result.failed.get('x')?.error;
    expect(error?.code).toBe(ErrorCodes.HOST_API_MISMATCH);
    expect(error?.message).toBe(
      "plugin 'x' needs Berth API ^2.0.0, but this host provides 1.0.0; install a version of 'x' written for " +
        'Berth API 1.0.0 or change engines.berth in /roots/x@1.0.0/plugin.json',
    );
    expect(error?.details.path).toBe('/engines/berth');
    expect(versions(result.loaded)).toEqual({ fine: '1.0.0' });
  });

  it('checks against the host version it is given', () => {
    const result = resolve([copy('x', '1.0.0', {}, '^2.0.0')], { hostApiVersion: '2.3.0' });
    expect(versions(result.loaded)).toEqual({ x: '1.0.0' });
  });

  it('fails a dependent whose only matching version of a dependency is written for another host API', () => {
    const result = resolve([copy('x', '1.0.0', { y: '^2.0.0' }), copy('y', '1.0.0'), copy('y', '2.0.0', {}, '^2.0.0')]);
    const error = result.failed.get('x')?.error;
    expect(error?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(error?.message).toBe(
      "plugin 'x' not loaded because 'y' failed: plugin 'y' needs Berth API ^2.0.0, but this host provides 1.0.0; " +
        "install a version of 'y' written for Berth API 1.0.0 or change engines.berth in /roots/y@2.0.0/plugin.json",
    );
    expect(versions(result.loaded)).toEqual({ y: '1.0.0' });
  });
});
