import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { isIgnoredPluginPath, ownerOf, watchPluginFolders, type ReloadOutcome } from '@berth/host';
import { eventually } from './support.js';

describe('watching plugin folders', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('ignores node_modules and dotfiles inside a plugin folder (not the folders above it)', () => {
    expect(isIgnoredPluginPath('index.js')).toBe(false);
    expect(isIgnoredPluginPath(path.join('lib', 'a.js'))).toBe(false);
    expect(isIgnoredPluginPath(path.join('node_modules', 'x', 'index.js'))).toBe(true);
    expect(isIgnoredPluginPath('.index.js.swp')).toBe(true);
    expect(isIgnoredPluginPath(path.join('.git', 'HEAD'))).toBe(true);
    const plugins = [
      { name: 'outer', dir: '/home/u/.berth/plugins/outer' },
      { name: 'inner', dir: '/home/u/.berth/plugins/outer/vendor/inner' },
    ];
    expect(ownerOf(plugins, '/home/u/.berth/plugins/outer/index.js')?.name).toBe('outer');
    expect(ownerOf(plugins, '/home/u/.berth/plugins/outer/vendor/inner/index.js')?.name).toBe('inner');
    expect(ownerOf(plugins, '/home/u/.berth/plugins/outer-2/index.js')).toBeUndefined();
  });

  it('reloads a plugin once per burst of changes, and never for node_modules or dotfiles', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'berth-watch-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dirs = { a: path.join(root, 'a'), b: path.join(root, 'b') };
    for (const dir of Object.values(dirs)) {
      await mkdir(path.join(dir, 'node_modules', 'dep'), { recursive: true });
      await writeFile(path.join(dir, 'index.js'), '// v1\n');
    }
    const reloads: string[] = [];
    const stop = await watchPluginFolders({
      plugins: [{ name: 'a', dir: dirs.a }, { name: 'b', dir: dirs.b }],
      reload: async (name) => {
        reloads.push(name);
        return { status: 'updated', plugin: name, version: '1.0.0', state: 'active' } satisfies ReloadOutcome;
      },
      logger: pino({ level: 'silent' }),
      debounceMs: 100,
    });
    cleanups.push(stop);

    await writeFile(path.join(dirs.a, 'node_modules', 'dep', 'index.js'), 'x');
    await writeFile(path.join(dirs.a, '.index.js.swp'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reloads).toEqual([]);

    for (let i = 2; i <= 5; i++) await writeFile(path.join(dirs.a, 'index.js'), `// v${i}\n`);
    await writeFile(path.join(dirs.a, 'lib.js'), '// new file\n');
    await eventually(() => reloads.length, (n) => n >= 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reloads).toEqual(['a']);
  });
});
