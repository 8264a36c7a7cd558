import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newcomerEnv } from './newcomer-flow.js';
import { runBerth } from '../run-berth.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'berth-pack-'));
const home = path.join(work, 'home');
const plugin = path.join(work, 'hello');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Packed {
  file: string;
  integrity: string;
  name: string;
  version: string;
  files: string[];
  bundled: string[];
}

const listing = (file: string): string[] => execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).trim().split('\n');

describe('berth pack → berth plugins install ./x.tgz', () => {
  let packed: Packed;
  beforeAll(async () => {
    expect((await runBerth(home, ['new', 'hello', '--type', 'tool', '--dir', plugin])).code).toBe(0);
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: plugin, env: newcomerEnv() });
    const run = await runBerth(home, ['pack', plugin, '--json']);
    expect(run.code, run.stderr).toBe(0);
    packed = JSON.parse(run.stdout) as Packed;
  }, 120_000);

  test('a tarball whose integrity is the sha512 of its bytes', () => {
    expect(packed.file).toBe(path.join(plugin, 'hello-0.1.0.tgz'));
    expect(packed.integrity).toBe(`sha512-${createHash('sha512').update(readFileSync(packed.file)).digest('base64')}`);
  });

  test('holds the built plugin and its run-time dependencies, not its sources, tests or tools', () => {
    const entries = listing(packed.file);
    expect(entries).toEqual(expect.arrayContaining(['package/plugin.json', 'package/package.json', 'package/dist/src/index.js', 'package/node_modules/@berth/sdk/package.json']));
    expect(entries.some((e) => e.startsWith('package/src/') || e.startsWith('package/test/') || e.startsWith('package/dist/test/'))).toBe(false);
    expect(entries.some((e) => /node_modules\/(@berth\/(testing|cli)|typescript|@types)\//.test(e))).toBe(false);
    const json = JSON.parse(execFileSync('tar', ['xzOf', packed.file, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(json['bundleDependencies']).toEqual(['@berth/sdk']);
    expect(json['dependencies']).toEqual({ '@berth/sdk': expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(json['devDependencies']).toBeUndefined();
  });

  test('packing the same files again gives the same integrity', async () => {
    const again = JSON.parse((await runBerth(home, ['pack', plugin, '--json', '--out', path.join(work, 'again')])).stdout) as Packed;
    expect(again.integrity).toBe(packed.integrity);
  });

  test('berth plugins install accepts it, records its integrity, and the installed plugin answers in the sandbox', async () => {
    const install = await runBerth(home, ['plugins', 'install', packed.file, '--yes']);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    const lock = readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8');
    expect(lock).toContain(packed.integrity);
    const call = await runBerth(home, ['tools', 'call', 'hello/greet', '--args', '{"name":"Ada"}']);
    expect(call.stdout.trim(), call.stderr).toBe('Hello, Ada!');
  }, 120_000);

  test('a symlink in the plugin folder (here to a file outside it) is not packed, neither as a link nor as its target', async () => {
    const link = path.join(plugin, 'dist', 'src', 'hostname');
    symlinkSync('/etc/hostname', link);
    try {
      const run = await runBerth(home, ['pack', plugin, '--json', '--out', path.join(work, 'linked')]);
      expect(run.code, run.stderr).toBe(0);
      expect(listing((JSON.parse(run.stdout) as Packed).file)).not.toContain('package/dist/src/hostname');
    } finally {
      unlinkSync(link);
    }
  });

  test('an unbuilt plugin is refused, naming the missing main', async () => {
    const bare = path.join(work, 'bare');
    expect((await runBerth(home, ['new', 'bare', '--type', 'tool', '--dir', bare])).code).toBe(0);
    const run = await runBerth(home, ['pack', bare]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BERTH_PACKAGE_INVALID.*\n.*\/main: "dist\/src\/index\.js" does not exist/);
  });
});
