import { discoverPlugins } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { ALL_ROOTS, at } from './fixture-roots.js';

describe('discovery: the same plugin in several roots', async () => {
  const result = await discoverPlugins(ALL_ROOTS);
  const shadowedAt = (dir: string) => result.shadowed.find((s) => s.dir === dir);

  it('keeps the higher-precedence copy and lists the other as shadowed, with both paths, whatever the versions', () => {
    const user = shadowedAt(at('user', 'shared'));
    expect(user?.shadowedBy.dir).toBe(at('project', 'shared'));
    expect(user?.reason).toBe(
      `plugin 'shared' 3.0.0 at ${at('user', 'shared')} is shadowed by 'shared' 2.0.0 at ${at('project', 'shared')} ` +
        '(the project root takes precedence over the user root)',
    );
    expect(shadowedAt(at('core', 'shared'))?.reason).toBe(
      `plugin 'shared' 1.0.0 at ${at('core', 'shared')} is shadowed by 'shared' 2.0.0 at ${at('project', 'shared')} ` +
        '(the project root takes precedence over the core root)',
    );
    expect(result.candidates.filter((c) => c.manifest.name === 'shared').map((c) => c.dir)).toEqual([at('project', 'shared')]);
  });

  it('lets several versions in one root reach resolution, and shadows a lower root holding the same name', () => {
    expect(result.candidates.filter((c) => c.manifest.name === 'multi').map((c) => c.manifest.version)).toEqual(['1.0.0', '2.0.0']);
    expect(shadowedAt(at('extra-a', 'multi'))?.reason).toBe(
      `plugin 'multi' 5.0.0 at ${at('extra-a', 'multi')} is shadowed by 'multi' 1.0.0 at ${at('core', 'multi-1')} ` +
        '(the core root takes precedence over the extra root)',
    );
  });

  it('treats all extra roots as one level: different versions are candidates, a repeated version is shadowed', () => {
    expect(result.candidates.filter((c) => c.manifest.name === 'ext').map((c) => c.dir)).toEqual([
      at('extra-a', 'ext'),
      at('extra-b', 'ext-2'),
    ]);
    expect(shadowedAt(at('extra-b', 'ext-again'))?.reason).toBe(
      `plugin 'ext' 1.0.0 at ${at('extra-b', 'ext-again')} is shadowed by 'ext' 1.0.0 at ${at('extra-a', 'ext')} ` +
        '(the same version was found first)',
    );
  });

  it('lists exactly four shadowed copies', () => {
    expect(result.shadowed).toHaveLength(4);
  });
});
