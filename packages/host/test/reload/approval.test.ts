import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginHost } from '@berth/host';
import { tempHost } from '../support/temp-host.js';
import { eventually, pluginRoot, rewrite } from './support.js';

const answer = async (host: PluginHost): Promise<string> =>
  (await host.api.tools.call('hot/version', {})).content.map((c) => ('text' in c ? c.text : '')).join('');

describe('a reload asking for more permissions', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('waits for approval for the new version while the old one serves; once granted, the new version takes over', async () => {
    const root = await pluginRoot('hot');
    cleanups.push(root.cleanup);
    const made = await tempHost([{ kind: 'extra', dir: root.dir }]);
    cleanups.push(made.cleanup);
    const { host } = made;
    await host.start();
    const stopConfig = await host.watchConfig({ debounceMs: 20 });
    cleanups.push(stopConfig);

    await rewrite(path.join(root.dir, 'hot'), {
      answer: 'v2',
      manifest: { version: '2.0.0', permissions: [{ permission: 'env', names: ['BERTH_RELOAD_TEST'] }] },
    });
    const outcome = await host.reload('hot');

    expect(outcome).toEqual({ status: 'needs-approval', plugin: 'hot', version: '2.0.0', missing: [{ permission: 'env', scope: ['BERTH_RELOAD_TEST'] }] });
    expect(host.get('hot')).toMatchObject({
      state: 'active',
      version: '1.0.0',
      pendingReload: { version: '2.0.0', missingPermissions: [{ permission: 'env', scope: ['BERTH_RELOAD_TEST'] }] },
    });
    expect(await answer(host)).toBe('v1');

    // The user approves (as `berth permissions grant` would, from another process): the waiting version takes over.
    await host.config.setGrants('hot', [{ permission: 'env', scope: ['BERTH_RELOAD_TEST'] }]);
    const info = await eventually(() => host.get('hot'), (i) => i?.version === '2.0.0');
    expect(info).toMatchObject({ state: 'active', version: '2.0.0' });
    expect(info?.pendingReload).toBeUndefined();
    expect(await answer(host)).toBe('v2');
  });
});
