import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyPluginFolder } from '../../src/install/copy-plugin.js';

// Issue 19, point 1, the copy itself: node_modules is kept; links inside the folder stay relative (the copy's
// node_modules/.bin reaches the copy's files, not the source's); a link to outside the folder (a workspace package)
// keeps reaching the same place.

describe('copyPluginFolder', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'berth-copy-')));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps node_modules, relative links inside, and links to outside re-pointed at the same place', async () => {
    const source = path.join(root, 'source');
    const shared = path.join(root, 'shared-package');
    mkdirSync(path.join(source, 'node_modules', 'pkg', 'bin'), { recursive: true });
    mkdirSync(path.join(source, 'node_modules', '.bin'), { recursive: true });
    mkdirSync(shared, { recursive: true });
    writeFileSync(path.join(source, 'node_modules', 'pkg', 'bin', 'cli.js'), '#!/usr/bin/env node\n');
    writeFileSync(path.join(shared, 'index.js'), 'export {}\n');
    symlinkSync('../pkg/bin/cli.js', path.join(source, 'node_modules', '.bin', 'cli'));
    symlinkSync('../../shared-package', path.join(source, 'node_modules', 'shared'));
    const target = path.join(root, 'target');
    await copyPluginFolder(source, target);
    rmSync(path.join(source, 'node_modules', 'pkg'), { recursive: true });
    expect(readlinkSync(path.join(target, 'node_modules', '.bin', 'cli'))).toBe('../pkg/bin/cli.js');
    expect(readFileSync(path.join(target, 'node_modules', '.bin', 'cli'), 'utf8')).toBe('#!/usr/bin/env node\n');
    expect(readlinkSync(path.join(target, 'node_modules', 'shared'))).toBe(shared);
    expect(readFileSync(path.join(target, 'node_modules', 'shared', 'index.js'), 'utf8')).toBe('export {}\n');
  });
});
