import { ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: dependents asking for ranges no single version satisfies', () => {
  it('fails the shared plugin with a conflict naming every dependent and its range; the dependents follow', () => {
    const result = resolve([
      copy('b', '1.0.0', { y: '^1.0.0' }),
      copy('c', '1.0.0', { y: '^2.0.0' }),
      copy('e', '1.0.0', { y: '*' }),
      copy('y', '1.4.0'),
      copy('y', '2.1.0'),
      copy('free', '1.0.0'),
    ]);
    const conflict = result.failed.get('y')?.error;
    const message =
      "no installed version of plugin 'y' satisfies every dependent: 'b' needs ^1.0.0, 'c' needs ^2.0.0, " +
      "'e' needs * (installed: 1.4.0 at /roots/y@1.4.0, 2.1.0 at /roots/y@2.1.0); align dependencies.y in these " +
      "plugins' plugin.json files or install a version matching all of them";
    expect(conflict?.code).toBe(ErrorCodes.VERSION_CONFLICT);
    expect(conflict?.message).toBe(message);
    expect(conflict?.details['dependents']).toEqual([
      { plugin: 'b', range: '^1.0.0' },
      { plugin: 'c', range: '^2.0.0' },
      { plugin: 'e', range: '*' },
    ]);
    for (const dependent of ['b', 'c', 'e']) {
      const error = result.failed.get(dependent)?.error;
      expect(error?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
      expect(error?.message).toBe(`plugin '${dependent}' not loaded because 'y' failed: ${message}`);
    }
    expect(versions(result.loaded)).toEqual({ free: '1.0.0' });
  });
});
