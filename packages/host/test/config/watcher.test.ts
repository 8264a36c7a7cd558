import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, ConfigWatcher, SettingsSchema, type ConfigurationBlock, type ConfigWarning } from '@berth/host';
import type { JsonValue } from '@berth/sdk';
import { requireBuiltHost, runFixture, tempDir } from './helpers.js';

type Change = { plugin: string; oldValues: Record<string, JsonValue>; newValues: Record<string, JsonValue> };

const configuration: ConfigurationBlock = {
  port: { type: 'integer', default: 80 },
  token: { type: 'string', secret: true },
};

describe('change detection (issue 5, point 4)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: ConfigStore;
  let watcher: ConfigWatcher;
  let changes: Change[];
  let warnings: ConfigWarning[];
  const schema = SettingsSchema.for('web', '1.0.0', configuration);

  beforeEach(async () => {
    requireBuiltHost();
    ({ dir, cleanup } = await tempDir('berth-watch-'));
    store = new ConfigStore({ configDir: dir, readProject: false });
    await store.load();
    changes = [];
    warnings = [];
    watcher = new ConfigWatcher(store, {
      debounceMs: 50,
      schemaOf: (plugin) => (plugin === 'web' ? schema : undefined),
      onWarning: (w) => warnings.push(w),
    });
    watcher.onPluginSettingsChanged((plugin, oldValues, newValues) => changes.push({ plugin, oldValues, newValues }));
    await watcher.start();
  });
  afterEach(async () => {
    await watcher.close();
    await cleanup();
  });

  const waitFor = async (count: number): Promise<void> => {
    for (let i = 0; i < 200 && changes.length < count; i += 1) await new Promise((r) => setTimeout(r, 25));
  };

  it('notices a write from another process and reports old and new effective values', async () => {
    await runFixture('set-one.mjs', [dir, 'web', 'port', '8080', JSON.stringify(configuration)]);
    await waitFor(1);
    expect(changes).toEqual([{ plugin: 'web', oldValues: { port: 80 }, newValues: { port: 8080 } }]);
    expect(store.getPluginSettings('web', schema)).toEqual({ port: 8080 });

    await runFixture('set-one.mjs', [dir, 'web', 'token', '"t-123456"', JSON.stringify(configuration)]);
    await waitFor(2);
    expect(changes[1]).toEqual({ plugin: 'web', oldValues: { port: 8080 }, newValues: { port: 8080, token: 't-123456' } });
  });

  it('reports its own writes once (the file event of its own write is not a second change)', async () => {
    await store.setSetting('web', 'port', 81, schema);
    await new Promise((r) => setTimeout(r, 400));
    expect(changes).toEqual([{ plugin: 'web', oldValues: { port: 80 }, newValues: { port: 81 } }]);
  });

  it('keeps the last good values and warns when the file becomes corrupt while running', async () => {
    const { writeFile } = await import('node:fs/promises');
    await store.setSetting('web', 'port', 81, schema);
    await writeFile(store.paths.configFile, '{"plugins": {"web": ');
    for (let i = 0; i < 200 && warnings.length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(warnings[0]?.error?.code).toBe('BERTH_CONFIG_CORRUPT');
    expect(warnings[0]?.message).toBe(
      `configuration file ${store.paths.configFile} is corrupt at line 1, column 21: unexpected end of file (expected a value) ` +
        `(fix: fix ${store.paths.configFile} by hand); keeping the configuration loaded before`,
    );
    expect(store.getPluginSettings('web', schema)).toEqual({ port: 81 });
    expect(changes).toHaveLength(1);
  });
});

describe('change detection of a trusted project file', () => {
  it('reports a project override written while the host runs', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const home = await tempDir('berth-watch-home-');
    const project = await tempDir('berth-watch-project-');
    await mkdir(join(project.dir, '.berth'));
    const store = new ConfigStore({ configDir: home.dir, cwd: project.dir });
    await store.load();
    await store.setProjectTrusted(project.dir, true);
    const schema = SettingsSchema.for('web', '1.0.0', configuration);
    const watcher = new ConfigWatcher(store, { debounceMs: 50, schemaOf: () => schema });
    const changes: Change[] = [];
    watcher.onPluginSettingsChanged((plugin, oldValues, newValues) => changes.push({ plugin, oldValues, newValues }));
    await watcher.start();
    try {
      await writeFile(join(project.dir, '.berth', 'config.json'), JSON.stringify({ plugins: { web: { settings: { port: 3000 } } } }));
      for (let i = 0; i < 200 && changes.length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
      expect(changes).toEqual([{ plugin: 'web', oldValues: { port: 80 }, newValues: { port: 3000 } }]);
    } finally {
      await watcher.close();
      await home.cleanup();
      await project.cleanup();
    }
  });
});
