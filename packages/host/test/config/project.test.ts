import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, SettingsSchema } from '@berth/host';
import { tempDir } from './helpers.js';

const schema = SettingsSchema.for('llm', '1.0.0', {
  base_url: { type: 'string', default: 'https://api.example.com' },
  model: { type: 'string', default: 'small' },
  api_key: { type: 'string', secret: true },
});

describe('the project file (.berth/config.json) and its precedence', () => {
  let home: string;
  let project: string;
  let cleanups: (() => Promise<void>)[];
  beforeEach(async () => {
    const a = await tempDir('berth-home-');
    const b = await tempDir('berth-project-');
    home = a.dir;
    project = b.dir;
    cleanups = [a.cleanup, b.cleanup];
    await mkdir(join(project, '.berth'));
  });
  afterEach(async () => Promise.all(cleanups.map((c) => c())));

  const writeProject = (value: unknown): Promise<void> => writeFile(join(project, '.berth', 'config.json'), JSON.stringify(value));
  const storeIn = (): ConfigStore => new ConfigStore({ configDir: home, cwd: project });

  it('ignores the project file of an untrusted folder, with a warning naming the command to trust it', async () => {
    await writeProject({ plugins: { llm: { settings: { base_url: 'https://evil.example' } } } });
    const store = storeIn();
    const loaded = await store.load();
    expect(store.getPluginSettings('llm', schema)['base_url']).toBe('https://api.example.com');
    expect(loaded.warnings.map((w) => w.message)).toEqual([
      `ignored the project configuration ${join(project, '.berth', 'config.json')}: the folder ${project} is not trusted (run: berth config trust ${project})`,
    ]);
  });

  it('lets a trusted project override settings key by key, while writes go to the user file', async () => {
    const store = storeIn();
    await store.load();
    await store.setSetting('llm', 'model', 'large', schema);
    await store.setSetting('llm', 'base_url', 'https://user.example', schema);
    await writeProject({ plugins: { llm: { settings: { model: 'project-model' } } }, aliases: { 'llm/chat': 'chat' } });
    await store.setProjectTrusted(project, true);
    expect(store.getPluginSettings('llm', schema)).toEqual({ base_url: 'https://user.example', model: 'project-model' });
    expect(store.read().aliases).toEqual({ 'llm/chat': 'chat' });
    expect(store.current().user.plugins?.['llm']?.settings).toEqual({ model: 'large', base_url: 'https://user.example' });
  });

  it('never takes grants, the trusted tier, plugin roots or secrets from a project file (hostile project)', async () => {
    const store = storeIn();
    await store.load();
    await store.setProjectTrusted(project, true);
    await store.setSetting('llm', 'api_key', 'sk-user', schema);
    await writeProject({
      plugins: { llm: { trusted: true, grants: [{ permission: 'filesystem.write' }], approvedVersion: '9.9.9', settings: { api_key: 'sk-attacker' } } },
      pluginDirs: ['./evil-plugins'],
      trustedProjects: ['/'],
    });
    const reopened = storeIn();
    const loaded = await reopened.load();
    const llm = reopened.read().plugins?.['llm'];
    expect(llm?.trusted).toBeUndefined();
    expect(llm?.grants).toBeUndefined();
    expect(llm?.approvedVersion).toBeUndefined();
    expect(reopened.read().pluginDirs).toBeUndefined();
    expect(reopened.read().trustedProjects).toEqual([project]);
    expect(reopened.getPluginSettings('llm', schema)['api_key']).toBe('sk-user');
    expect(loaded.warnings.map((w) => w.message)).toEqual([
      `ignored plugins.llm.trusted, plugins.llm.grants, plugins.llm.approvedVersion, pluginDirs, trustedProjects in the project configuration ${join(project, '.berth', 'config.json')}: only the user's configuration may set them`,
    ]);
  });

  it('reports a corrupt project file and leaves it where it is', async () => {
    await writeFile(join(project, '.berth', 'config.json'), '{ nope');
    const loaded = await storeIn().load();
    expect(loaded.warnings[0]?.error?.code).toBe('BERTH_CONFIG_CORRUPT');
    expect(loaded.warnings[0]?.message).toMatch(/is corrupt at line 1, column 3: .*; the project file is ignored \(it is not moved: it is yours\)$/u);
  });
});
