import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { loadManifest } from '@berth/host';

let root = '';

async function plugin(dir: string, main: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'plugin.json'), JSON.stringify({ name: 'p', version: '1.0.0', type: 'tool', main }));
}

describe('main must be a file inside the plugin folder, symlinks resolved', () => {
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'berth-main-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a symlink that stays inside the folder is followed; mainPath is the real file', async () => {
    const dir = join(root, 'p');
    await plugin(dir, 'index.js');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'main.js'), '');
    await symlink('dist/main.js', join(dir, 'index.js'));
    const result = await loadManifest(dir);
    if (!result.ok) throw result.error;
    expect(result.mainPath).toBe(join(dir, 'dist', 'main.js'));
  });

  test('a plugin folder reached through a symlink (e.g. npm link) is fine', async () => {
    const real = join(root, 'real');
    await plugin(real, 'index.js');
    await writeFile(join(real, 'index.js'), '');
    await symlink(real, join(root, 'linked'));
    const result = await loadManifest(join(root, 'linked'));
    if (!result.ok) throw result.error;
    expect(result.mainPath).toBe(join(root, 'linked', 'index.js'));
    await mkdir(join(real, 'dist'));
    await writeFile(join(real, 'dist', 'main.js'), '');
    await writeFile(join(real, 'plugin.json'), JSON.stringify({ name: 'p', version: '1.0.0', type: 'tool', main: 'dist/main.js' }));
    const nested = await loadManifest(join(root, 'linked'));
    if (!nested.ok) throw nested.error;
    expect(nested.mainPath).toBe(join(real, 'dist', 'main.js'));
  });

  test('a folder symlink inside the plugin pointing outside is refused', async () => {
    const dir = join(root, 'p');
    await plugin(dir, 'lib/index.js');
    await mkdir(join(root, 'outside'));
    await writeFile(join(root, 'outside', 'index.js'), '');
    await symlink(join(root, 'outside'), join(dir, 'lib'));
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MAIN_MISSING);
    expect(result.error.message).toContain(
      `${join(dir, 'plugin.json')}: /main: "lib/index.js" resolves to ${join(root, 'outside', 'index.js')}, outside the plugin folder ${dir} (through a symlink)`,
    );
  });

  test('main directly in the folder but a symlink to outside is refused (the one-lstat fast path does not skip it)', async () => {
    const dir = join(root, 'p');
    await plugin(dir, 'index.js');
    await writeFile(join(root, 'secret.js'), '');
    await symlink(join(root, 'secret.js'), join(dir, 'index.js'));
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MAIN_MISSING);
    expect(result.error.message).toContain(`/main: "index.js" resolves to ${join(root, 'secret.js')}, outside the plugin folder ${dir}`);
  });

  test('a symlink loop is reported, not followed forever', async () => {
    const dir = join(root, 'p');
    await plugin(dir, 'a.js');
    await symlink('b.js', join(dir, 'a.js'));
    await symlink('a.js', join(dir, 'b.js'));
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MAIN_MISSING);
    expect(result.error.message).toContain('/main: "a.js" is a symlink loop');
  });

  test.each([
    ['..\\outside.js', 'leaves the plugin folder'],
    ['C:\\Windows\\evil.js', 'is an absolute path'],
    ['a/../../x.js', 'leaves the plugin folder'],
    ['./', 'names a folder, not a file'],
    ['x\u0000.js', 'contains a NUL character'],
  ])('main %j %s', async (main, why) => {
    const dir = join(root, 'p');
    await plugin(dir, main);
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MAIN_MISSING);
    expect(result.error.message).toContain(`/main: ${JSON.stringify(main)} ${why}`);
  });

  test('a folder that does not exist is reported as unreadable, not thrown', async () => {
    const result = await loadManifest(join(root, 'nope'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MANIFEST_UNREADABLE);
    expect(result.error.message).toBe(
      `${join(root, 'nope', 'plugin.json')}: cannot read the plugin manifest: no plugin.json in this folder; fix: make sure the plugin folder holds a readable plugin.json`,
    );
  });
});
