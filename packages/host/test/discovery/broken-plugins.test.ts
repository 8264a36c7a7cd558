import { ErrorCodes } from '@berth/sdk';
import { discoverPlugins } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { ALL_ROOTS, at } from './fixture-roots.js';

describe('discovery: broken plugins are reported and skipped, their neighbours are found', async () => {
  const result = await discoverPlugins(ALL_ROOTS);
  const broken = (folder: string) => result.broken.find((b) => b.folder === folder);

  it('reports bad JSON with its line and column', () => {
    const file = at('project', 'bad-json', 'plugin.json');
    expect(broken('bad-json')?.error.code).toBe(ErrorCodes.MANIFEST_JSON);
    expect(broken('bad-json')?.error.message).toBe(
      `${file}:5:3: not valid JSON: Expected ',' or '}' after property value; fix: correct the JSON syntax at line 5, column 3`,
    );
    expect(broken('bad-json')?.manifestFile).toBe(file);
    expect(broken('bad-json')?.root.kind).toBe('project');
  });

  it('reports an invalid manifest with the field, what was found and the fix, and keeps the name it gives', () => {
    const file = at('user', 'bad-version', 'plugin.json');
    expect(broken('bad-version')?.error.code).toBe(ErrorCodes.MANIFEST_INVALID);
    expect(broken('bad-version')?.error.message).toContain(`${file}: /version: "1.0" is not a semantic version (expected e.g. "1.0.0")`);
    expect(broken('bad-version')?.name).toBe('bad-version');
  });

  it('reports an unreadable manifest (a folder named plugin.json)', () => {
    const file = at('user', 'folder-manifest', 'plugin.json');
    expect(broken('folder-manifest')?.error.code).toBe(ErrorCodes.MANIFEST_UNREADABLE);
    expect(broken('folder-manifest')?.error.message).toBe(
      `${file}: cannot read the plugin manifest: plugin.json is a folder, not a file; ` +
        'fix: make sure the plugin folder holds a readable plugin.json',
    );
  });

  it('reports a missing main file', () => {
    expect(broken('no-main')?.error.code).toBe(ErrorCodes.MAIN_MISSING);
    expect(broken('no-main')?.error.message).toContain(`/main: "missing.js" does not exist in ${at('user', 'no-main')}`);
  });

  it('lists exactly the four broken folders, and every valid neighbour in every root as a candidate', () => {
    expect(result.broken.map((b) => b.folder)).toEqual(['bad-json', 'bad-version', 'folder-manifest', 'no-main']);
    expect(result.candidates.map((c) => `${c.root.kind}:${c.folder}=${c.manifest.name}@${c.manifest.version}`)).toEqual([
      'project:shared=shared@2.0.0',
      'user:@acme/helper=@acme/helper@1.2.0',
      'user:@acme/tool=@acme/tool@1.0.0',
      'core:core-a=core-a@1.0.0',
      'core:multi-1=multi@1.0.0',
      'core:multi-2=multi@2.0.0',
      'core:needs-bad=needs-bad@1.0.0',
      'extra:ext=ext@1.0.0',
      'extra:ext-2=ext@2.0.0',
    ]);
    expect(result.candidates[0]?.mainPath).toBe(at('project', 'shared', 'index.js'));
  });

  it('ignores files and hidden folders in a root', () => {
    const folders = [...result.candidates, ...result.broken, ...result.shadowed].map((p) => p.folder);
    expect(folders).not.toContain('.hidden');
    expect(folders).not.toContain('README.md');
  });
});
