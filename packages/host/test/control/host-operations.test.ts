import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostOperations, type ControlEvent, type PluginLogLine } from '@berth/host';
import { lifecycleFixtures, tempHost } from '../support/temp-host.js';

const repo = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const examples = { kind: 'extra' as const, dir: path.join(repo, 'examples') };
const configChange = { kind: 'extra' as const, dir: path.join(lifecycleFixtures, 'config-change') };

async function until<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('HostOperations: the control operations over a PluginHost', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('live: disable, enable, settings and revokes take effect at once; logs, events and new folders reach it', async () => {
    const extra = await mkdtemp(path.join(os.tmpdir(), 'berth-ops-new-'));
    cleanups.push(() => rm(extra, { recursive: true, force: true }));
    const made = await tempHost([examples, configChange, { kind: 'extra', dir: extra }]);
    cleanups.push(made.cleanup);
    await made.host.start();
    const stopConfig = await made.host.watchConfig({ debounceMs: 20 });
    cleanups.push(stopConfig);
    const ops = new HostOperations(made.host);
    expect(ops.mode).toBe('live');
    const events: ControlEvent[] = [];
    const unsubscribe = await ops.subscribe((event) => events.push(event));
    cleanups.push(async () => unsubscribe());

    expect((await ops.inspectPlugin('echo-tool')).tools).toEqual(['echo-tool/echo']);
    expect((await ops.readLogs('echo-tool')).map((l) => l.msg)).toContain('echo tool registered');

    expect((await ops.disablePlugin('echo-tool')).state).toBe('disabled');
    expect((await ops.listTools()).tools.map((t) => t.id)).not.toContain('echo-tool/echo');
    expect((await ops.enablePlugin('echo-tool')).state).toBe('active');
    const result = await ops.callTool('echo-tool/echo', { text: 'hi' });
    expect(result.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(events.filter((e) => e.type === 'plugin:state' && e.plugin === 'echo-tool').map((e) => (e.type === 'plugin:state' ? e.to : ''))).toEqual(['disposing', 'disabled', 'resolved', 'loading', 'active']);
    expect(events.some((e) => e.type === 'tools:changed' && e.tool === 'echo-tool/echo' && e.change === 'removed')).toBe(true);

    const set = await ops.setSetting('on-event', 'greeting', { text: 'bonjour' });
    expect(set).toMatchObject({ key: 'greeting', value: 'bonjour', source: 'saved' });
    const state = await ops.callTool('on-event/state', {});
    expect((state.structuredContent as { greeting: string }).greeting).toBe('bonjour');
    expect(events.some((e) => e.type === 'config:changed' && e.plugin === 'on-event')).toBe(true);

    // A grant then a revoke: the plugin stops and waits for approval, at once.
    await ops.grantPermission('on-event', { permission: 'network', scope: ['example.com:443'], force: true });
    const revoked = await ops.revokePermission('on-event', { permission: 'network' });
    expect(revoked.granted).toEqual([]);
    expect(made.host.get('on-event')?.state).toBe('active');

    // A new plugin folder: found by loadNewPlugins (what `plugins install` asks a running server to do).
    const lines: PluginLogLine[] = [];
    await cp(path.join(configChange.dir, 'on-event'), path.join(extra, 'fresh'), { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(extra, 'fresh', 'plugin.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(extra, 'fresh', 'plugin.json'), JSON.stringify({ ...manifest, name: 'fresh' }));
    const added = await ops.loadNewPlugins();
    expect(added.map((p) => [p.name, p.state])).toEqual([['fresh', 'active']]);
    expect(await ops.loadNewPlugins()).toEqual([]);
    expect(events.some((e) => e.type === 'plugin:added' && e.plugin === 'fresh')).toBe(true);
    const stopFollow = await ops.followLogs('echo-tool', (line) => lines.push(line));
    await ops.disablePlugin('echo-tool');
    await ops.enablePlugin('echo-tool');
    stopFollow();
    expect(lines.map((l) => l.msg)).toContain('echo tool registered');
    expect(lines[0]).toMatchObject({ plugin: 'echo-tool', level: 'info' });

    // Reloading a name the host does not know looks in the roots first.
    await cp(path.join(extra, 'fresh'), path.join(extra, 'fresher'), { recursive: true });
    await writeFile(path.join(extra, 'fresher', 'plugin.json'), JSON.stringify({ ...manifest, name: 'fresher' }));
    expect(await ops.reloadPlugin('fresher')).toEqual({ status: 'updated', plugin: 'fresher', version: '1.0.0', state: 'active' });
    const reloaded = await ops.reloadPlugin('fresher');
    expect(reloaded.status).toBe('reloaded');
    await until(() => events, (e) => e.some((x) => x.type === 'plugin:reload' && x.plugin === 'fresher'), 'the reload event');
    await expect(ops.reloadPlugin('nope')).rejects.toMatchObject({ code: 'BERTH_PLUGIN_NOT_FOUND' });
  });

  it('files: answers from manifests and configuration without starting a plugin; callTool starts its plugin alone', async () => {
    const made = await tempHost([examples, configChange]);
    cleanups.push(made.cleanup);
    await made.host.start({ activate: false });
    const ops = new HostOperations(made.host, { socket: '/run/berth.sock' });
    expect(ops.mode).toBe('files');
    const tools = await ops.listTools();
    expect(tools.tools).toContainEqual(expect.objectContaining({ id: 'echo-tool/echo', source: 'manifest' }));
    expect(tools.runtimeOnly.map((r) => r.plugin)).toEqual(expect.arrayContaining(['on-event', 'mcp-notes']));
    expect((await ops.disablePlugin('echo-tool')).name).toBe('echo-tool');
    expect(made.host.config.read().plugins?.['echo-tool']?.enabled).toBe(false);
    await ops.enablePlugin('echo-tool');
    expect((await ops.getSetting('on-event', 'greeting')).value).toBe('hello');
    await expect(ops.getSetting('on-event', 'nope')).rejects.toMatchObject({ code: 'BERTH_SETTING_NOT_FOUND' });
    await expect(ops.grantPermission('on-event', { permission: 'network' })).rejects.toMatchObject({ code: 'BERTH_GRANT_NOT_REQUESTED' });
    await expect(ops.grantPermission('on-event', { permission: 'nonsense' })).rejects.toMatchObject({ code: 'BERTH_PERMISSION_UNKNOWN' });
    await expect(ops.revokePermission('on-event', { permission: 'network' })).rejects.toMatchObject({ code: 'BERTH_GRANT_NOT_FOUND' });
    await expect(ops.reloadPlugin('echo-tool')).rejects.toMatchObject({ code: 'BERTH_RELOAD_NO_SERVER' });
    await expect(ops.followLogs('echo-tool', () => undefined)).rejects.toMatchObject({ code: 'BERTH_SERVER_NOT_RUNNING' });
    expect(made.host.list().every((p) => p.state !== 'active')).toBe(true);
    const result = await ops.callTool('echo-tool/echo', { text: 'solo' });
    expect(result.content).toEqual([{ type: 'text', text: 'solo' }]);
    expect(made.host.list().filter((p) => p.state === 'active').map((p) => p.name)).toEqual(['echo-tool']);
  });
});
