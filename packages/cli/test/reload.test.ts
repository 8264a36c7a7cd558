import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, runBerth, tempHome } from './run-berth.js';

const fixture = path.join(repoRoot, 'packages', 'host', 'test', 'fixtures', 'reload', 'hot');

/** A running `berth …` whose stderr is collected. */
function start(home: string, args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; stderr: () => string } {
  let stderr = '';
  const child = spawn(process.execPath, [berthMain, ...args], { cwd: repoRoot, env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json', ...env } });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

async function until(probe: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function saveV2(pluginDir: string): Promise<void> {
  const code = await readFile(path.join(pluginDir, 'index.js'), 'utf8');
  await writeFile(path.join(pluginDir, 'index.js'), code.replace("const ANSWER = 'v1';", "const ANSWER = 'v2';"));
  const manifest = JSON.parse(await readFile(path.join(pluginDir, 'plugin.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(path.join(pluginDir, 'plugin.json'), JSON.stringify({ ...manifest, version: '1.1.0' }));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('berth plugins reload, serve --watch and dev', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setup(): Promise<{ home: string; root: string; pluginDir: string }> {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const root = await mkdtemp(path.join(os.tmpdir(), 'berth-cli-reload-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await cp(fixture, path.join(root, 'hot'), { recursive: true });
    return { home, root, pluginDir: path.join(root, 'hot') };
  }

  it('reload asks the running serve and prints its outcome; --watch reloads on save; no server or unknown plugin are errors', async () => {
    const { home, root, pluginDir } = await setup();
    const none = await runBerth(home, ['plugins', 'reload', 'hot']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("error BERTH_RELOAD_NO_SERVER: no 'berth serve' is running for this data folder (no control socket at ");

    const serve = start(home, ['--plugins-dir', root, 'serve', '--watch', '--port', '0']);
    cleanups.push(() => stop(serve.child));
    await until(() => serve.stderr().includes('control socket'), 'berth serve to start');

    const asked = await runBerth(home, ['plugins', 'reload', 'hot', '--json']);
    expect(asked.code).toBe(0);
    expect(JSON.parse(asked.stdout)).toEqual({ status: 'reloaded', plugin: 'hot', from: '1.0.0', to: '1.0.0', cancelledCalls: 0, restarted: [] });

    await saveV2(pluginDir);
    await until(() => serve.stderr().includes("plugin 'hot': reloaded 1.0.0 → 1.1.0"), 'the watcher to reload the plugin');

    const unknown = await runBerth(home, ['plugins', 'reload', 'nope']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("error BERTH_PLUGIN_NOT_FOUND: no plugin named 'nope'");

    await writeFile(path.join(pluginDir, 'plugin.json'), '{ "name": "hot", "version": ');
    const broken = await runBerth(home, ['plugins', 'reload', 'hot']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("error BERTH_RELOAD_FAILED: plugin 'hot' was not reloaded: ");
    expect(broken.stderr).toContain('version 1.1.0 keeps serving');
  });

  it('dev <folder> serves that folder and reloads it on save', async () => {
    const { home, pluginDir } = await setup();
    // Sandboxed (the default tier), although `dev` reaches the folder through a link: the sandbox imports by real path.
    const dev = start(home, ['dev', pluginDir, '--port', '0']);
    cleanups.push(() => stop(dev.child));
    await until(() => dev.stderr().includes('press Ctrl-C'), 'berth dev to start');
    expect(dev.stderr()).toMatch(/active\s+hot@1\.0\.0/);
    await saveV2(pluginDir);
    await until(() => dev.stderr().includes("plugin 'hot': reloaded 1.0.0 → 1.1.0"), 'berth dev to reload the plugin');
  });
});
