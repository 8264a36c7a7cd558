import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { newcomerEnv } from './newcomer-flow.js';
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

const build = (cwd: string): Promise<{ code: number; out: string }> =>
  new Promise((resolve) => {
    execFile('npm', ['run', 'build', '--silent'], { cwd, env: newcomerEnv(), timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, out: stdout + stderr }),
    );
  });

describe('tsc on a berth new plugin: an undeclared capability does not compile, declaring it does', () => {
  test('a tool:beforeCall guard needs hooks.tools in plugin.json', async () => {
    const dir = path.join(work, 'guarded');
    expect((await runBerth(work, ['new', 'guarded', '--type', 'tool', '--dir', dir])).code).toBe(0);
    const source = path.join(dir, 'src', 'index.ts');
    const guard = "    ctx.hooks.on('tool:beforeCall', (call) => (call.tool === 'x/y' ? { deny: true, reason: 'no' } : undefined));\n";
    writeFileSync(source, readFileSync(source, 'utf8').replace('  initialize(ctx) {\n', `  initialize(ctx) {\n${guard}`));
    const refused = await build(dir);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/src\/index\.ts\(\d+,\d+\): error TS\d+: .*tool:beforeCall/);
    const manifest = path.join(dir, 'plugin.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"permissions": []', '"permissions": ["hooks.tools"]'));
    const accepted = await build(dir);
    expect(accepted.code, accepted.out).toBe(0);
  }, 180_000);
});
