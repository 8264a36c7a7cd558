import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, runBerth, tempHome } from './run-berth.js';

const examples = path.join(repoRoot, 'examples');
const configChange = path.join(repoRoot, 'packages', 'host', 'test', 'fixtures', 'lifecycle', 'config-change');
const require = createRequire(import.meta.url);
const everythingDir = path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json'));

/** A `berth …` left running, its output collected. */
function spawnBerth(home: string, args: readonly string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [berthMain, ...args], { cwd: repoRoot, env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' } });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(probe: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}

describe('the control plane: the CLI talks to the running berth serve', { timeout: 240_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function serve(extraRoots: readonly string[] = []): Promise<{ home: string; server: ReturnType<typeof spawnBerth>; socket: string }> {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const server = spawnBerth(home, [...[examples, configChange, ...extraRoots].flatMap((dir) => ['--plugins-dir', dir]), 'serve', '--port', '0', '--watch']);
    cleanups.push(() => stop(server.child, server.exited));
    await until(() => /control socket (\S+)/.test(server.err()) || server.child.exitCode !== null, 'berth serve to start');
    const socket = /control socket (\S+)/.exec(server.err())?.[1] ?? '';
    expect(socket).not.toBe('');
    return { home, server, socket };
  }

  it('disable/enable, config set and permissions revoke take effect in the running server at once; logs --follow streams', async () => {
    const { home, socket } = await serve();
    expect((await stat(socket)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(socket))).mode & 0o777).toBe(0o700);
    const list = JSON.parse((await runBerth(home, ['plugins', 'list', '--json'])).stdout) as { name: string; state: string }[];
    expect(list.find((p) => p.name === 'echo-tool')?.state).toBe('active');

    const follow = spawnBerth(home, ['logs', 'echo-tool', '--follow', '--json']);
    cleanups.push(() => stop(follow.child, follow.exited));
    await until(() => follow.out().includes('echo tool registered'), 'the recent log lines');

    expect((await runBerth(home, ['plugins', 'disable', 'echo-tool'])).stdout).toBe('echo-tool: disabled (now disabled)\n');
    const tools = JSON.parse((await runBerth(home, ['tools', 'list', '--json'])).stdout) as { id: string }[];
    expect(tools.map((t) => t.id)).not.toContain('echo-tool/echo');
    expect((await runBerth(home, ['plugins', 'enable', 'echo-tool'])).stdout).toBe('echo-tool: enabled (now active)\n');
    expect((await runBerth(home, ['tools', 'call', 'echo-tool/echo', '--args', '{"text":"back"}'])).stdout).toBe('back\n');
    // The new start's line reaches the follower, as structured JSON.
    await until(() => follow.out().split('\n').filter((l) => l.includes('echo tool registered')).length >= 2, 'the followed line');
    const line = JSON.parse(follow.out().split('\n').find((l) => l.includes('echo tool registered')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ plugin: 'echo-tool', level: 'info', msg: 'echo tool registered' });

    expect((await runBerth(home, ['config', 'set', 'on-event', 'greeting', 'bonjour'])).code).toBe(0);
    // No wait: the command returns once the running plugin has the value.
    const state = JSON.parse((await runBerth(home, ['tools', 'call', 'on-event/state', '--json'])).stdout) as { structuredContent: { greeting: string } };
    expect(state.structuredContent.greeting).toBe('bonjour');

    // deny-guard (hooks.tools) denies echo-tool/echo once granted; revoking stops it at once.
    expect((await runBerth(home, ['permissions', 'grant', 'deny-guard'])).code).toBe(0);
    const denied = await runBerth(home, ['tools', 'call', 'echo-tool/echo', '--args', '{"text":"hi"}']);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('BERTH_TOOL_DENIED');
    expect((await runBerth(home, ['permissions', 'revoke', 'deny-guard'])).code).toBe(0);
    const allowed = await runBerth(home, ['tools', 'call', 'echo-tool/echo', '--args', '{"text":"hi"}']);
    expect(allowed.stdout).toBe('hi\n');
    const guard = (JSON.parse((await runBerth(home, ['plugins', 'list', '--json'])).stdout) as { name: string; state: string }[]).find((p) => p.name === 'deny-guard');
    expect(guard?.state).toBe('needs-approval');

    // No request files in the data folder: the socket carried everything.
    expect(existsSync(path.join(home, 'data', 'reload-requests'))).toBe(false);
    const reload = await runBerth(home, ['plugins', 'reload', 'echo-tool', '--json']);
    expect(JSON.parse(reload.stdout)).toMatchObject({ status: 'reloaded', plugin: 'echo-tool' });
  });

  it('a second berth serve on the same data folder is refused, naming the first one\'s pid and socket', async () => {
    const { home, server, socket } = await serve();
    const second = await runBerth(home, ['serve', '--port', '0']);
    expect(second.code).toBe(5);
    expect(second.stderr).toContain(`error BERTH_SERVER_RUNNING: another 'berth serve' (pid ${String(server.child.pid)}) already serves the data folder ${path.join(home, 'data')} (control socket ${socket})`);
    // The first one still answers.
    expect((await runBerth(home, ['plugins', 'list'])).code).toBe(0);
  });

  it('a published MCP server installed while serve runs is loaded at once; a folder appearing in a watched root too', async () => {
    const extra = await mkdtemp(path.join(os.tmpdir(), 'berth-control-root-'));
    cleanups.push(() => rm(extra, { recursive: true, force: true }));
    const { home, server } = await serve([extra]);
    const source = await mkdtemp(path.join(os.tmpdir(), 'berth-everything-'));
    cleanups.push(() => rm(source, { recursive: true, force: true }));
    await writeFile(path.join(source, 'plugin.json'), JSON.stringify({
      name: 'everything',
      version: '1.0.0',
      type: 'mcp',
      description: "The MCP project's reference server (@modelcontextprotocol/server-everything), run unmodified.",
      permissions: [{ permission: 'filesystem.read', paths: [path.join(repoRoot, 'node_modules')] }],
      server: { command: process.execPath, args: [path.join(everythingDir, 'dist', 'index.js'), 'stdio'] },
    }));
    const installed = await runBerth(home, ['plugins', 'install', source, '--yes']);
    expect(installed.code).toBe(0);
    expect(installed.stderr).toMatch(/the running berth serve \(.*\): everything: now 1\.0\.0 \(active\)/);
    const tools = JSON.parse((await runBerth(home, ['tools', 'list', '--json'])).stdout) as { id: string }[];
    expect(tools.map((t) => t.id)).toContain('everything/echo');
    const echoed = await runBerth(home, ['tools', 'call', 'everything/echo', '--args', '{"message":"through berth"}']);
    expect(echoed.stdout).toContain('through berth');

    // serve --watch: a plugin folder copied into one of its roots is loaded without asking.
    const fresh = path.join(extra, 'fresh');
    const manifest = JSON.parse(await readFile(path.join(configChange, 'on-event', 'plugin.json'), 'utf8')) as Record<string, unknown>;
    await import('node:fs/promises').then((fs) => fs.cp(path.join(configChange, 'on-event'), fresh, { recursive: true }));
    await writeFile(path.join(fresh, 'plugin.json'), JSON.stringify({ ...manifest, name: 'fresh' }));
    await until(async () => {
      const list = JSON.parse((await runBerth(home, ['plugins', 'list', '--json'])).stdout) as { name: string; state: string }[];
      return list.some((p) => p.name === 'fresh' && p.state === 'active');
    }, 'the new folder to be loaded');
    expect(server.err()).toContain("plugin 'fresh' found in");
  });

  it('read-only commands start no plugin (its log stays empty) and name no warnings; a tool call does start it', async () => {
    const { home, cleanup } = await tempHome();
    cleanups.push(cleanup);
    const roots = ['--plugins-dir', examples];
    const log = path.join(home, 'data', 'logs', 'echo-tool.jsonl');
    for (const args of [
      ['plugins', 'list'],
      ['plugins', 'inspect', 'echo-tool'],
      ['validate', path.join(examples, 'echo-tool')],
      ['schema'],
      ['permissions', 'list'],
      ['tools', 'list'],
      ['config', 'list', 'echo-tool'],
      ['doctor'],
      ['logs', 'echo-tool'],
    ]) {
      const run = await runBerth(home, [...roots, ...args]);
      expect(run.code, `berth ${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stderr, `berth ${args.join(' ')}`).not.toMatch(/Model Runner|warning/i);
      expect(existsSync(log), `berth ${args.join(' ')} started echo-tool`).toBe(false);
    }
    const listing = JSON.parse((await runBerth(home, [...roots, 'tools', 'list', '--json'])).stdout) as { id: string; source?: string; runtimeOnly?: boolean }[];
    expect(listing).toContainEqual(expect.objectContaining({ id: 'echo-tool/echo', source: 'manifest' }));
    expect(listing).toContainEqual(expect.objectContaining({ id: 'mcp-notes/*', runtimeOnly: true }));
    expect((await runBerth(home, [...roots, 'tools', 'call', 'echo-tool/echo', '--args', '{"text":"x"}'])).stdout).toBe('x\n');
    expect(existsSync(log)).toBe(true);
    const logs = await runBerth(home, [...roots, 'logs', 'echo-tool']);
    expect(logs.stdout).toMatch(/INFO {2}echo tool registered/);
    const follow = await runBerth(home, [...roots, 'logs', 'echo-tool', '--follow']);
    expect(follow.stderr).toContain('error BERTH_SERVER_NOT_RUNNING');
  });
});
