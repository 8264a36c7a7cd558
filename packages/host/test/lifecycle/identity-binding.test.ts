import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore, PluginHost } from '@berth/host';

// Grants saved without an install identity (granted by name before the plugin ever loaded) used to apply to any
// plugin of that name, from any folder. The first install that loads with them binds them: a same-named plugin
// from another folder then asks again.

function pluginFolder(root: string): string {
  const dir = path.join(root, 'twin');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }');
  writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ name: 'twin', version: '1.0.0', type: 'tool', main: 'index.js', description: 'a plugin with a twin', permissions: ['worker.threads'] }));
  writeFileSync(path.join(dir, 'index.js'), "export default { initialize(ctx) { ctx.tools.register({ name: 'hi', description: 'hi', inputSchema: { type: 'object' }, handler: async () => ({ content: [{ type: 'text', text: 'hi' }] }) }); } };\n");
  return dir;
}

describe('grants saved without an identity', { timeout: 120_000 }, () => {
  let home: string;
  let first: string;
  let second: string;
  const store = (): ConfigStore => new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
  const startHost = async (root: string): Promise<PluginHost> => {
    const host = new PluginHost({ roots: [{ kind: 'extra', dir: root }], config: store(), logger: pino({ level: 'silent' }) });
    await host.start();
    return host;
  };

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    first = mkdtempSync(path.join(os.tmpdir(), 'berth-bind-a-'));
    second = mkdtempSync(path.join(os.tmpdir(), 'berth-bind-b-'));
    pluginFolder(first);
    pluginFolder(second);
    const config = store();
    await config.load();
    await config.setGrants('twin', [{ permission: 'worker.threads' }]);
    expect(config.read().plugins?.['twin']?.identity).toBeUndefined();
  });
  afterAll(async () => {
    for (const dir of [home, first, second]) await rm(dir, { recursive: true, force: true });
  });

  it('bind to the first install that loads with them', async () => {
    const host = await startHost(first);
    try {
      expect(host.get('twin')?.reason?.message ?? host.get('twin')?.state).toBe('active');
      expect(host.config.read().plugins?.['twin']?.identity).toBe(`folder:${realpathSync(path.join(first, 'twin'))}`);
    } finally {
      await host.stop();
    }
  });

  it('a same-named plugin from another folder then asks again; the first still runs', async () => {
    const other = await startHost(second);
    try {
      expect(other.get('twin')?.state).toBe('needs-approval');
    } finally {
      await other.stop();
    }
    const again = await startHost(first);
    try {
      expect(again.get('twin')?.state).toBe('active');
    } finally {
      await again.stop();
    }
  });
});
