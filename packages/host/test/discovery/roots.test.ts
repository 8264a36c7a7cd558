import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCodes } from '@berth/sdk';
import { defaultDiscoveryRoots, discoverPlugins, userPluginsDir } from '@berth/host';
import { afterAll, describe, expect, it } from 'vitest';
import { at } from './fixture-roots.js';

describe('discovery: roots', () => {
  const temp = mkdtemp(path.join(os.tmpdir(), 'berth-roots-'));
  afterAll(async () => rm(await temp, { recursive: true, force: true }));

  it('computes the default roots in precedence order: project, user, core, extra', () => {
    const roots = defaultDiscoveryRoots({ cwd: '/work/app', userDir: '/home/u/.local/share/berth/plugins', coreDir: '/opt/berth/plugins', extraDirs: ['more', '/abs/extra'] });
    expect(roots).toEqual([
      { kind: 'project', dir: '/work/app/.berth/plugins' },
      { kind: 'user', dir: '/home/u/.local/share/berth/plugins' },
      { kind: 'core', dir: '/opt/berth/plugins' },
      { kind: 'extra', dir: '/work/app/more' },
      { kind: 'extra', dir: '/abs/extra' },
    ]);
  });

  it('puts the user root under the data directory from env-paths, without a suffix', () => {
    expect(userPluginsDir()).toMatch(/[/\\]berth[/\\]plugins$/);
    expect(defaultDiscoveryRoots({ cwd: '/w' })[1]).toEqual({ kind: 'user', dir: userPluginsDir() });
  });

  it('keeps a folder listed twice only where it first appears (a plugin never shadows itself)', async () => {
    const roots = defaultDiscoveryRoots({ cwd: '/w', userDir: '/u', coreDir: '/c', extraDirs: ['/c', '/u/'] });
    expect(roots.map((r) => r.kind)).toEqual(['project', 'user', 'core']);
    const result = await discoverPlugins([{ kind: 'core', dir: at('core') }, { kind: 'extra', dir: at('core') }]);
    expect(result.shadowed).toHaveLength(0);
  });

  it('treats a missing root as empty and reports a root that is not a folder', async () => {
    const file = path.join(await temp, 'not-a-folder');
    await writeFile(file, 'x');
    const result = await discoverPlugins([{ kind: 'project', dir: path.join(await temp, 'absent') }, { kind: 'extra', dir: file }]);
    expect(result.candidates).toEqual([]);
    expect(result.unreadableRoots).toHaveLength(1);
    const error = result.unreadableRoots[0]?.error;
    expect(error?.code).toBe(ErrorCodes.DISCOVERY_ROOT_UNREADABLE);
    expect(error?.message).toBe(
      `${file}: cannot list the extra plugin root: ENOTDIR; fix: make it a readable folder or remove it from the plugin roots`,
    );
  });

  it('follows a symbolic link to a plugin folder and reports a dangling one', async () => {
    const root = path.join(await temp, 'linked');
    await mkdir(root);
    await symlink(at('core', 'core-a'), path.join(root, 'core-a'));
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    const result = await discoverPlugins([{ kind: 'user', dir: root }]);
    expect(result.candidates.map((c) => c.manifest.name)).toEqual(['core-a']);
    expect(result.broken.map((b) => [b.folder, b.error.code, b.error.message])).toEqual([
      [
        'dangling',
        ErrorCodes.MANIFEST_UNREADABLE,
        `${path.join(root, 'dangling', 'plugin.json')}: cannot read the plugin manifest: the plugin folder is a symbolic ` +
          'link to a missing target; fix: make sure the plugin folder holds a readable plugin.json',
      ],
    ]);
  });
});
