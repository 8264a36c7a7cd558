import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeOutcome } from '@berth/host';
import { tempHost } from '../support/temp-host.js';
import { eventually, pluginRoot, reloadFixtures } from './support.js';

describe('a plugin whose folder is removed while the host runs', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function running(...plugins: string[]) {
    const root = await pluginRoot(...plugins);
    cleanups.push(root.cleanup);
    const made = await tempHost([{ kind: 'extra', dir: root.dir }]);
    cleanups.push(made.cleanup);
    await made.host.start();
    return { root: root.dir, host: made.host };
  }

  it('is unloaded by reload: stopped, its tools gone, the others still serving', async () => {
    const { root, host } = await running('hot', 'lazy');
    expect(host.get('hot')?.state).toBe('active');
    expect(host.api.tools.list().map((t) => t.id)).toEqual(expect.arrayContaining(['hot/version', 'lazy/version']));

    await rm(path.join(root, 'hot'), { recursive: true });
    const outcome = await host.reload('hot');

    expect(outcome).toEqual({ status: 'removed', plugin: 'hot', version: '1.0.0', stopped: [] });
    expect(describeOutcome(outcome)).toBe('its folder is gone: 1.0.0 unloaded');
    expect(host.get('hot')).toBeUndefined();
    expect(host.list().map((p) => p.name)).toEqual(['lazy']);
    expect(host.api.tools.list().map((t) => t.id)).toEqual(['lazy/version']);
    await expect(host.api.tools.call('hot/version', {})).rejects.toMatchObject({ code: 'BERTH_TOOL_NOT_FOUND' });
    // The lazy plugin still starts on its first call.
    expect((await host.api.tools.call('lazy/version', {})).content).toEqual([{ type: 'text', text: 'v1' }]);
  });

  it('withdraws a lazy plugin declared tools without starting it', async () => {
    const { root, host } = await running('lazy');
    expect(host.get('lazy')?.state).toBe('resolved');
    await rm(path.join(root, 'lazy'), { recursive: true });
    expect(await host.reload('lazy')).toMatchObject({ status: 'removed', plugin: 'lazy' });
    expect(host.api.tools.list()).toEqual([]);
    await expect(host.api.tools.call('lazy/version', {})).rejects.toMatchObject({ code: 'BERTH_TOOL_NOT_FOUND' });
  });

  it('stops its running dependents, which then cannot start without it', async () => {
    const { root, host } = await running('base', 'restarts', 'notified');
    await rm(path.join(root, 'base'), { recursive: true });
    const outcome = await host.reload('base');
    expect(outcome).toMatchObject({ status: 'removed', plugin: 'base' });
    expect(outcome.status === 'removed' ? [...outcome.stopped].sort() : []).toEqual(['notified', 'restarts']);
    expect(host.get('restarts')?.state).toBe('stopped');
    expect(host.get('notified')?.state).toBe('stopped');
    await expect(host.activate('restarts')).rejects.toThrow(/base/);
  });

  it('hands its name to the plugin it shadowed in a lower root', async () => {
    const upper = await pluginRoot('hot');
    const lower = await mkdtemp(path.join(os.tmpdir(), 'berth-reload-lower-'));
    cleanups.push(upper.cleanup, () => rm(lower, { recursive: true, force: true }));
    await cp(path.join(reloadFixtures, 'hot'), path.join(lower, 'hot'), { recursive: true });
    const made = await tempHost([
      { kind: 'project', dir: upper.dir },
      { kind: 'user', dir: lower },
    ]);
    cleanups.push(made.cleanup);
    const { host } = made;
    await host.start();
    expect(host.get('hot')?.dir).toBe(path.join(upper.dir, 'hot'));

    await rm(path.join(upper.dir, 'hot'), { recursive: true });
    expect(await host.reload('hot')).toMatchObject({ status: 'removed' });
    expect(host.get('hot')).toMatchObject({ dir: path.join(lower, 'hot'), state: 'active' });
  });

  it('is unloaded by the folder watcher (berth serve --watch)', async () => {
    const { root, host } = await running('hot', 'lazy');
    const stop = await host.watchPlugins({ debounceMs: 50 });
    cleanups.push(stop);
    const outcomes: string[] = [];
    host.onReload((outcome) => outcomes.push(`${outcome.plugin}:${outcome.status}`));

    await rm(path.join(root, 'hot'), { recursive: true });

    expect(await eventually(() => host.get('hot'), (info) => info === undefined, 10_000)).toBeUndefined();
    expect(outcomes).toContain('hot:removed');
    expect(host.api.tools.list().map((t) => t.id)).toEqual(['lazy/version']);
  });
});
