import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadManifest } from '@berth/host';
import { repoRoot, runBerth } from '../run-berth.js';

const HOST_FIXTURES = path.join(repoRoot, 'packages', 'host', 'test', 'fixtures', 'manifests');
const OWN = path.join(import.meta.dirname, '..', 'fixtures', 'fixable');
const work = mkdtempSync(path.join(os.tmpdir(), 'berth-fix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each fixable fixture → the fixes `validate --fix` must print (after the `$schema` it adds to each). */
const FIXABLE: Readonly<Record<string, { dir: string; fixes: readonly string[] }>> = {
  'version-not-semver': { dir: 'invalid', fixes: ['/version: "1.0" → "1.0.0"'] },
  'version-v-prefix': { dir: 'invalid', fixes: ['/version: "v1.0.0" → "1.0.0"'] },
  'version-number': { dir: 'invalid', fixes: ['/version: 1 → "1.0.0"'] },
  'type-unknown': { dir: 'invalid', fixes: ['/type: "tools" → "tool"'] },
  'permission-typo': { dir: 'invalid', fixes: ['/permissions/0: "docker.acess" → "docker.access"'] },
  'permission-wrong-scope-kind': { dir: 'invalid', fixes: ['/permissions/0/paths: renamed "paths" to "hosts"'] },
  'permission-path-variable-typo': { dir: 'invalid', fixes: ['/permissions/0/paths/0: "${workspce}'] },
  'setting-unknown-type': { dir: 'invalid', fixes: ['/configuration/docker_socket/type: "strng" → "string"'] },
  'reload-typo': { dir: 'invalid', fixes: ['/reload/onConfigChange: "restrat" → "restart"'] },
  'unknown-fields': { dir: 'valid', fixes: ['/permisions: renamed "permisions" to "permissions"', '/reload/onConfigChnage: renamed "onConfigChnage" to "onConfigChange"'] },
  'mcp-provider-alias': { dir: 'own', fixes: ['/type: "mcp-provider" → "mcp"'] },
  'required-field-typo': { dir: 'own', fixes: ['/name: renamed "nam" to "name"', '/descripton: renamed "descripton" to "description"'] },
  'schema-missing': { dir: 'own', fixes: [] },
};

function copy(name: string, dir: string): string {
  const target = path.join(work, `${dir}-${name}`);
  cpSync(path.join(dir === 'own' ? OWN : path.join(HOST_FIXTURES, dir), name), target, { recursive: true, verbatimSymlinks: true });
  return target;
}

describe('berth validate --fix', () => {
  for (const [name, { dir, fixes }] of Object.entries(FIXABLE)) {
    test(`${name}: every change printed, the result validates`, async () => {
      const folder = copy(name, dir);
      const run = await runBerth(work, ['validate', '--fix', folder]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(`${folder}/plugin.json /$schema: added`);
      for (const fix of fixes) expect(run.stdout).toContain(`${folder}/plugin.json ${fix}`);
      const loaded = await loadManifest(folder);
      expect(loaded.ok).toBe(true);
      expect(readdirSync(folder).filter((f) => f.includes('plugin.json') && f !== 'plugin.json')).toEqual([]); // no temporaries left
      // A second run has nothing left to change.
      expect((await runBerth(work, ['validate', '--fix', folder])).stdout).not.toContain('fixed ');
    });
  }

  test('keeps the file\'s indentation (tabs here) and puts $schema first', async () => {
    const folder = copy('schema-missing', 'own');
    await runBerth(work, ['validate', '--fix', folder]);
    const text = readFileSync(path.join(folder, 'plugin.json'), 'utf8');
    expect(text).toMatch(/^\{\n\t"\$schema": "[^"]+plugin\.schema\.json",\n\t"name": "tabbed-plugin"/);
  });

  test('every other invalid fixture has no single right answer: left as it was (but $schema) and reported, exit code 1', async () => {
    const names = readdirSync(path.join(HOST_FIXTURES, 'invalid')).filter((n) => !Object.hasOwn(FIXABLE, n));
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const folder = copy(name, 'invalid');
      const before = await loadManifest(folder);
      const run = await runBerth(work, ['validate', '--fix', folder]);
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).toContain(`error  ${folder}`);
      const after = await loadManifest(folder);
      expect(after.ok, name).toBe(false);
      if (!before.ok && !after.ok) {
        const messages = (r: typeof after): string[] => (r.ok ? [] : r.problems.map((p) => `${p.path} ${p.message}`));
        if (name !== 'many-problems') expect(messages(after), name).toEqual(messages(before));
      }
    }
  }, 240_000);

  test('many problems: the fixable ones fixed and printed, the rest reported', async () => {
    const folder = copy('many-problems', 'invalid');
    const run = await runBerth(work, ['validate', '--fix', folder]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/version: "1.0" → "1.0.0"');
    expect(run.stdout).toContain('/type: "tools" → "tool"');
    expect(run.stdout).toContain('/permissions/0: "docker.acess" → "docker.access"');
    expect(run.stdout).toMatch(/error {4}.*\/name: "Bad Name" is not a valid plugin name/);
  });
});
