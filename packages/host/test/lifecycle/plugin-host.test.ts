import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginHost } from '@berth/host';
import { lifecycleFixtures, tempHost } from '../support/temp-host.js';

const root = (name: string, kind: 'core' | 'extra' | 'user' = 'extra') => ({ kind, dir: path.join(lifecycleFixtures, name) });

describe('PluginHost lifecycle', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function started(kind: 'core' | 'extra' | 'user', name: string): Promise<PluginHost> {
    const made = await tempHost([root(name, kind)]);
    cleanup = made.cleanup;
    await made.host.start();
    return made.host;
  }

  it('discovers, resolves and initializes the specification example (as a core plugin, approved by default)', async () => {
    const host = await started('core', 'spec');
    const info = host.get('docker-mcp-tools');
    expect(info).toMatchObject({ name: 'docker-mcp-tools', version: '1.0.0', type: 'mcp', state: 'active', root: 'core' });
    const result = await host.api.tools.call('docker-mcp-tools/socket', {});
    // docker.access never hands the plugin the host's socket: its docker_socket setting points at its own policy socket.
    expect(result.content).toEqual([{ type: 'text', text: expect.stringMatching(/\/plugin-data\/docker-mcp-tools\/docker\.sock$/) }]);
  });

  it('holds a non-core plugin whose permissions are not granted in needs-approval, naming what it asks for', async () => {
    const host = await started('user', 'spec');
    const info = host.get('docker-mcp-tools');
    expect(info?.state).toBe('needs-approval');
    expect(info?.missingPermissions?.map((g) => g.permission)).toEqual(['docker.access', 'filesystem.read']);
  });

  it('starts an approved plugin once the user grants what it asks for', async () => {
    const made = await tempHost([root('spec', 'user')]);
    cleanup = made.cleanup;
    await made.host.config.load();
    await made.host.config.setGrants('docker-mcp-tools', [{ permission: 'docker.access' }, { permission: 'filesystem.read' }], '1.0.0');
    await made.host.start();
    expect(made.host.get('docker-mcp-tools')?.state).toBe('active');
  });

  describe('a failing neighbour never stops the others', () => {
    let host: PluginHost;
    afterEach(() => undefined);

    it('keeps good plugins active while throwing, rejecting, hanging and non-plugin modules fail with their reasons', async () => {
      host = await started('extra', 'mixed');
      expect(host.get('good')?.state).toBe('active');
      expect(host.get('throws')).toMatchObject({
        state: 'failed',
        reason: { code: 'BERTH_INITIALIZE_FAILED', message: "plugin 'throws' failed to initialize: boom at start" },
      });
      expect(host.get('throws')?.reason?.causes?.[0]?.message).toBe('boom at start');
      expect(host.get('rejects')?.reason).toMatchObject({
        code: 'BERTH_INITIALIZE_FAILED',
        message: "plugin 'rejects' failed to initialize: rejected later",
      });
      expect(host.get('hangs')?.reason?.code).toBe('BERTH_INITIALIZE_TIMEOUT');
      expect(host.get('hangs')?.reason?.message).toMatch(/^plugin 'hangs' did not finish initialize\(\) within 300 ms/);
      expect(host.get('not-a-plugin')?.reason?.message).toMatch(/its default export is not a plugin: export default definePlugin/);
      expect(host.get('needs-thrower')).toMatchObject({
        state: 'failed',
        reason: { code: 'BERTH_DEPENDENCY_FAILED', message: "plugin 'needs-thrower' not loaded because 'throws' failed: plugin 'throws' failed to initialize: boom at start" },
      });
      expect(host.get('broken')).toMatchObject({ state: 'failed', reason: { code: 'BERTH_MANIFEST_JSON' } });
      expect(await host.api.tools.call('good/ping', {})).toMatchObject({ content: [{ type: 'text', text: 'pong' }] });
    });

    it('starts a lazy plugin on the first call of its declared tool', async () => {
      host = await started('extra', 'mixed');
      expect(host.get('lazy-one')?.state).toBe('resolved');
      expect(host.api.tools.list().map((t) => t.id)).toContain('lazy-one/hello');
      const result = await host.api.tools.call('lazy-one/hello', {});
      expect(result.content).toEqual([{ type: 'text', text: 'hello from lazy' }]);
      expect(host.get('lazy-one')?.state).toBe('active');
    });

    it('disables and re-enables a plugin, saving the state and removing its tools while disabled', async () => {
      host = await started('extra', 'mixed');
      await host.disable('good');
      expect(host.get('good')?.state).toBe('disabled');
      expect(host.api.tools.list().map((t) => t.id)).not.toContain('good/ping');
      expect(host.config.read().plugins?.['good']?.enabled).toBe(false);
      await host.enable('good');
      expect(host.get('good')?.state).toBe('active');
      expect(host.config.read().plugins?.['good']?.enabled).toBeUndefined();
    });

    it('reports every state change', async () => {
      const made = await tempHost([root('mixed')]);
      cleanup = made.cleanup;
      const seen: string[] = [];
      made.host.onStateChange((c) => c.plugin === 'good' && seen.push(`${c.from}->${c.to}`));
      await made.host.start();
      await made.host.stop();
      expect(seen).toEqual(['resolved->loading', 'loading->active', 'active->disposing', 'disposing->stopped']);
    });
  });
});
