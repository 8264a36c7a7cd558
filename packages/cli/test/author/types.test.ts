import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot, runBerth } from '../run-berth.js';

const GUARD = path.join(repoRoot, 'packages', 'sdk', 'test', 'typed', 'fixtures', 'guard');
const work = mkdtempSync(path.join(os.tmpdir(), 'berth-types-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('berth types', () => {
  test('writes exactly the Manifest the type tests compile against (so they test the generator, not a hand copy)', async () => {
    const dir = path.join(work, 'guard');
    cpSync(GUARD, dir, { recursive: true });
    rmSync(path.join(dir, 'src', 'manifest.ts'));
    const run = await runBerth(work, ['types', dir]);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'src', 'manifest.ts'), 'utf8')).toBe(readFileSync(path.join(GUARD, 'src', 'manifest.ts'), 'utf8'));
    expect((await runBerth(work, ['types', dir])).stderr).toMatch(/up to date/);
  });

  test('an invalid plugin.json writes nothing and says why', async () => {
    const dir = path.join(work, 'broken');
    cpSync(GUARD, dir, { recursive: true });
    writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ name: 'broken', version: '1', type: 'tool', main: 'index.js' }));
    rmSync(path.join(dir, 'src', 'manifest.ts'));
    const run = await runBerth(work, ['types', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\/version: "1" is not a semantic version/);
    expect(() => readFileSync(path.join(dir, 'src', 'manifest.ts'))).toThrow();
  });
});
