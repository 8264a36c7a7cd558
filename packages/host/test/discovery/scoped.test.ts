import { discoverPlugins } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { at } from './fixture-roots.js';

describe('discovery: @scope/name folders', () => {
  it('finds plugins two levels down under an @scope folder, named by both levels', async () => {
    const result = await discoverPlugins([{ kind: 'user', dir: at('user') }]);
    const scoped = result.candidates.filter((c) => c.folder.startsWith('@'));
    expect(scoped.map((c) => [c.folder, c.manifest.name, c.dir])).toEqual([
      ['@acme/helper', '@acme/helper', at('user', '@acme', 'helper')],
      ['@acme/tool', '@acme/tool', at('user', '@acme', 'tool')],
    ]);
    expect(scoped[1]?.manifestFile).toBe(at('user', '@acme', 'tool', 'plugin.json'));
  });
});
