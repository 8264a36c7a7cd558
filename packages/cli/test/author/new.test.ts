import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { newcomerEnv } from './newcomer-flow.js';
import { runBerth } from '../run-berth.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'berth-new-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every symlink under `dir` (node_modules included). */
function symlinks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => lstatSync(path.join(dir, rel)).isSymbolicLink());
}

describe('berth new', () => {
  test('a scoped name: plugin.json and package.json named in full, $schema set, npm test passes', async () => {
    const run = await runBerth(work, ['new', '@acme/hello', '--type', 'tool', '--dir', path.join(work, 'hello')]);
    expect(run.code, run.stderr).toBe(0);
    const dir = path.join(work, 'hello');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['name']).toBe('@acme/hello');
    expect(manifest['$schema']).toBe('./node_modules/@berth/sdk/plugin.schema.json');
    expect(readFileSync(path.join(dir, manifest['$schema'] as string), 'utf8')).toContain('"$schema"');
    expect((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string }).name).toBe('@acme/hello');
    // The sandbox refuses a plugin folder holding a link that leads outside it: berth new writes none.
    expect(symlinks(dir)).toEqual([]);
    const tested = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile('npm', ['test'], { cwd: dir, env: newcomerEnv(), timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, out: stdout + stderr })),
    );
    expect(tested.code, tested.out).toBe(0);
    expect(tested.out).toMatch(/# pass 2/);
  }, 180_000);

  test('refuses a folder that is not empty, and leaves it as it was', async () => {
    const dir = path.join(work, 'busy');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const run = await runBerth(work, ['new', 'busy', '--type', 'tool', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BERTH_SCAFFOLD_REFUSED.*not empty/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  test('refuses an invalid name or type, naming the rule', async () => {
    const bad = await runBerth(work, ['new', 'Bad Name', '--type', 'tool', '--dir', path.join(work, 'bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/"Bad Name" is not a valid plugin name.*lowercase letters/);
    const type = await runBerth(work, ['new', 'ok', '--type', 'widget', '--dir', path.join(work, 'ok')]);
    expect(type.stderr).toMatch(/"widget" is not a plugin type.*--type tool, --type provider, --type mcp/);
  });
});
