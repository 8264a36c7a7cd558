import { ErrorCodes } from '@berth/sdk';
import { brokenByName, discoverPlugins, resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { ALL_ROOTS, at } from './fixture-roots.js';

describe('discovery feeding resolution', () => {
  it('loads the valid plugins, choosing among installed versions, while broken ones fail only their dependents', async () => {
    const found = await discoverPlugins(ALL_ROOTS);
    const result = resolve(found.candidates, { unavailable: brokenByName(found) });
    expect(Object.fromEntries([...result.loaded].map(([n, c]) => [n, c.dir]))).toEqual({
      '@acme/helper': at('user', '@acme', 'helper'),
      '@acme/tool': at('user', '@acme', 'tool'),
      'core-a': at('core', 'core-a'),
      ext: at('extra-b', 'ext-2'),
      multi: at('core', 'multi-1'),
      shared: at('project', 'shared'),
    });
    expect(result.levels).toEqual([['@acme/tool', 'ext', 'multi', 'shared'], ['@acme/helper', 'core-a']]);
    const needsBad = result.failed.get('needs-bad')?.error;
    expect(needsBad?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(needsBad?.message).toMatch(
      /^plugin 'needs-bad' not loaded because 'bad-version' failed: .*bad-version\/plugin\.json is not a valid plugin manifest/,
    );
    expect([...result.failed.keys()]).toEqual(['needs-bad']);
  });
});
