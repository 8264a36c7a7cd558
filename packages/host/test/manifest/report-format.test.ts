import { describe, expect, test } from 'vitest';
import { ErrorCodes, ManifestInvalidError, formatManifestProblem } from '@berth/sdk';
import { join } from 'node:path';
import { loadManifest, validateManifest } from '@berth/host';

describe('the report format of the issue', () => {
  test('examples/x/plugin.json: /version: "1.0" is not a semantic version (expected e.g. "1.0.0")', () => {
    const result = validateManifest({ name: 'x', version: '1.0', type: 'tool', main: 'index.js' }, 'examples/x/plugin.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = result.problems;
    expect(problem).toEqual({
      file: 'examples/x/plugin.json',
      path: '/version',
      found: '"1.0"',
      message: '"1.0" is not a semantic version',
      expected: 'e.g. "1.0.0"',
      hint: 'use MAJOR.MINOR.PATCH without a leading "v", e.g. "1.0.0"',
    });
    expect(formatManifestProblem(problem!)).toBe('examples/x/plugin.json: /version: "1.0" is not a semantic version (expected e.g. "1.0.0")');
    expect(result.error).toBeInstanceOf(ManifestInvalidError);
    expect(result.error.code).toBe(ErrorCodes.MANIFEST_INVALID);
    expect(result.error.message).toBe(
      'examples/x/plugin.json is not a valid plugin manifest (1 problem):\n' +
        '  - examples/x/plugin.json: /version: "1.0" is not a semantic version (expected e.g. "1.0.0"); ' +
        'fix: use MAJOR.MINOR.PATCH without a leading "v", e.g. "1.0.0"',
    );
    expect(result.name).toBe('x');
  });

  test('the error carries its problems as data that survives JSON', () => {
    const result = validateManifest({ name: 'x', version: 'one', type: 'tol' }, 'x/plugin.json');
    if (result.ok) throw new Error('expected problems');
    const json = JSON.parse(JSON.stringify(result.error)) as { code: string; details: { file: string; plugin: string; problems: { path: string }[] } };
    expect(json.code).toBe('BERTH_MANIFEST_INVALID');
    expect(json.details.file).toBe('x/plugin.json');
    expect(json.details.plugin).toBe('x');
    expect(json.details.problems.map((p) => p.path)).toEqual(['/version', '/type']);
  });

  test('bad JSON and unreadable files are problems at the document root, without repeating the file', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/manifests/invalid');
    const json = await loadManifest(join(fixtures, 'json-trailing-comma'));
    if (json.ok) throw new Error('expected bad JSON');
    expect(json.problems).toEqual([{
      file: join(fixtures, 'json-trailing-comma', 'plugin.json'),
      path: '',
      message: 'not valid JSON at line 4, column 1: Expected double-quoted property name',
      hint: 'correct the JSON syntax at line 4, column 1',
      code: ErrorCodes.MANIFEST_JSON,
    }]);
    const missing = await loadManifest(join(fixtures, 'no-manifest'));
    if (missing.ok) throw new Error('expected unreadable');
    expect(formatManifestProblem(missing.problems[0]!)).toBe(
      `${join(fixtures, 'no-manifest', 'plugin.json')}: /: cannot read the plugin manifest: no plugin.json in this folder`,
    );
  });
});
