import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginHost } from '@berth/host';
import { tempHost } from '../support/temp-host.js';
import { pluginRoot, rewrite } from './support.js';

const answer = async (host: PluginHost, id: string): Promise<string> =>
  (await host.api.tools.call(id, {})).content.map((c) => ('text' in c ? c.text : '')).join('');

describe('reloading a plugin that is not running', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function host(...plugins: string[]): Promise<{ host: PluginHost; root: string }> {
    const root = await pluginRoot(...plugins);
    cleanups.push(root.cleanup);
    const made = await tempHost([{ kind: 'extra', dir: root.dir }]);
    cleanups.push(made.cleanup);
    return { host: made.host, root: root.dir };
  }

  it('a failed plugin whose code is fixed comes up', async () => {
    const made = await host('hot');
    await rewrite(path.join(made.root, 'hot'), { code: 'export default { initialize() { throw new Error("broken at start"); } };\n' });
    await made.host.start();
    expect(made.host.get('hot')?.state).toBe('failed');

    const stillBroken = await made.host.reload('hot');
    expect(stillBroken).toMatchObject({ status: 'failed', error: { code: 'BERTH_RELOAD_FAILED' } });
    expect(stillBroken.status === 'failed' && stillBroken.error.message).toContain('broken at start');

    const source = await import('node:fs/promises').then((fs) => fs.readFile(path.join(import.meta.dirname, '..', 'fixtures', 'reload', 'hot', 'index.js'), 'utf8'));
    await rewrite(path.join(made.root, 'hot'), { code: source });
    expect(await made.host.reload('hot')).toEqual({ status: 'updated', plugin: 'hot', version: '1.0.0', state: 'active' });
    expect(made.host.get('hot')?.reloadError).toBeUndefined();
    expect(await answer(made.host, 'hot/version')).toBe('v1');
  });

  it('a lazy plugin not started yet lists its new declarations and starts the new code on first use', async () => {
    const made = await host('lazy');
    await made.host.start();
    expect(made.host.api.tools.get('lazy/version')?.description).toBe('v1 declared');

    await rewrite(path.join(made.root, 'lazy'), {
      answer: 'v2',
      manifest: { version: '1.1.0', contributes: { tools: [{ name: 'version', description: 'v2 declared' }] } },
    });
    expect(await made.host.reload('lazy')).toEqual({ status: 'updated', plugin: 'lazy', version: '1.1.0', state: 'resolved' });
    expect(made.host.api.tools.get('lazy/version')?.description).toBe('v2 declared');
    expect(made.host.get('lazy')?.state).toBe('resolved');
    expect(await answer(made.host, 'lazy/version')).toBe('v2');
    expect(made.host.get('lazy')).toMatchObject({ state: 'active', version: '1.1.0' });
  });

  it('a plugin.json that now gives another name is refused (a reload cannot rename); the running version serves', async () => {
    const made = await host('hot');
    await made.host.start();
    await rewrite(path.join(made.root, 'hot'), { manifest: { name: 'cold' } });
    const outcome = await made.host.reload('hot');
    const error = outcome.status === 'failed' ? outcome.error.toJSON() : undefined;
    expect(error?.code).toBe('BERTH_RELOAD_FAILED');
    expect(error?.causes?.[0]).toEqual({
      name: 'ReloadRenamedError',
      code: 'BERTH_RELOAD_RENAMED',
      message: `${path.join(made.root, 'hot', 'plugin.json')} now says name 'cold' instead of 'hot': a reload cannot rename a plugin (restart berth to load it under its new name)`,
    });
    expect(made.host.get('hot')).toMatchObject({ state: 'active', version: '1.0.0', reloadError: { code: 'BERTH_RELOAD_FAILED' } });
    expect(await answer(made.host, 'hot/version')).toBe('v1');
  });
});
