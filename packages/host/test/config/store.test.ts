import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigInvalidError, ErrorCodes } from '@berth/sdk';
import { ConfigStore, REDACTED, SettingsSchema, redact, type ConfigurationBlock } from '@berth/host';
import { tempDir } from './helpers.js';

const configuration: ConfigurationBlock = {
  docker_socket: { type: 'string', default: '/var/run/docker.sock', description: 'The Docker socket' },
  port: { type: 'integer', minimum: 1, maximum: 65535, default: 2375 },
  mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
  api_key: { type: 'string', secret: true },
};

describe('ConfigStore: the configuration round trip (issue 5, point 1, store level)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: ConfigStore;
  const schema = SettingsSchema.for('docker', '1.0.0', configuration);

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = new ConfigStore({ configDir: dir, dataDir: join(dir, 'data'), readProject: false });
    await store.load();
  });
  afterEach(() => cleanup());

  const configText = (): Promise<string> => readFile(store.paths.configFile, 'utf8');

  it('gives the defaults when nothing is saved', () => {
    expect(store.getPluginSettings('docker', schema)).toEqual({ docker_socket: '/var/run/docker.sock', port: 2375, mode: 'safe' });
  });

  it('sets, gets and unsets a setting, saved in the user file', async () => {
    await store.setSetting('docker', 'port', 8080, schema);
    expect(store.getPluginSettings('docker', schema)['port']).toBe(8080);
    expect(JSON.parse(await configText())).toEqual({ plugins: { docker: { settings: { port: 8080 } } } });
    const reopened = new ConfigStore({ configDir: dir, readProject: false });
    await reopened.load();
    expect(reopened.getPluginSettings('docker', schema)['port']).toBe(8080);

    await store.unsetSetting('docker', 'port');
    expect(store.getPluginSettings('docker', schema)['port']).toBe(2375);
    expect(JSON.parse(await configText())).toEqual({ plugins: {} });
  });

  it.each([
    ['port', 70000, 'must be <= 65535', 'integer between 1 and 65535'],
    ['port', 'eighty', 'must be integer', 'integer between 1 and 65535'],
    ['mode', 'reckless', 'must be equal to one of the allowed values', 'one of "fast", "safe"'],
  ])('refuses %s = %j with the schema error and writes nothing', async (key, value, problem, expected) => {
    await store.setSetting('docker', 'port', 8080, schema);
    const before = await configText();
    const beforeStat = await stat(store.paths.configFile);
    const error = await store.setSetting('docker', key, value, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect((error as ConfigInvalidError).code).toBe(ErrorCodes.CONFIG_INVALID);
    expect((error as Error).message).toBe(
      `plugin 'docker' setting '${key}': ${problem} (expected ${expected}) (fix: berth config set docker ${key} <value>)`,
    );
    expect(await configText()).toBe(before);
    expect((await stat(store.paths.configFile)).mtimeMs).toBe(beforeStat.mtimeMs);
    expect(store.getPluginSettings('docker', schema)['port']).toBe(8080);
  });

  it('refuses a setting the plugin does not declare, naming the declared ones', async () => {
    const error = await store.setSetting('docker', 'colour', 'red', schema).catch((e: unknown) => e);
    expect((error as ConfigInvalidError).code).toBe('BERTH_CONFIG_INVALID');
    expect((error as Error).message).toBe(
      "plugin 'docker' setting 'colour': plugin 'docker' has no setting 'colour' (its settings: docker_socket, port, mode, api_key) (fix: berth config set docker colour <value>)",
    );
  });

  it('keeps a secret apart in secrets.json, mode 0600 (also after rewrites), and redacts it', async () => {
    await store.setSetting('docker', 'api_key', 'sk-very-secret-1', schema);
    await store.setSetting('docker', 'port', 9000, schema);
    await store.setSetting('docker', 'api_key', 'sk-very-secret-2', schema);
    expect(await configText()).not.toContain('sk-very-secret');
    const secrets = JSON.parse(await readFile(store.paths.secretsFile, 'utf8')) as unknown;
    expect(secrets).toEqual({ plugins: { docker: { api_key: 'sk-very-secret-2' } } });
    expect((await stat(store.paths.secretsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(`${store.paths.secretsFile}.prev`)).mode & 0o777).toBe(0o600);

    const values = store.getPluginSettings('docker', schema);
    expect(values['api_key']).toBe('sk-very-secret-2');
    const shown = redact(values, schema);
    expect(shown['api_key']).toBe(REDACTED);
    expect(JSON.stringify(shown)).not.toContain('sk-very-secret');
    expect(shown['port']).toBe(9000);
  });

  it('never puts a secret value in the error for an invalid secret', async () => {
    const strict = SettingsSchema.for('docker', '1.0.1', { ...configuration, api_key: { type: 'string', pattern: '^sk-', secret: true } });
    const error = await store.setSetting('docker', 'api_key', 'hunter2-leaked', strict).catch((e: unknown) => e);
    expect((error as ConfigInvalidError).code).toBe('BERTH_CONFIG_INVALID');
    expect((error as Error).message).toBe(
      `plugin 'docker' setting 'api_key': must match pattern "^sk-" (expected string matching /^sk-/) (fix: berth config set docker api_key <value>)`,
    );
    expect(JSON.stringify((error as ConfigInvalidError).toJSON())).not.toContain('hunter2');
  });

  it('keeps the previous version as config.json.prev', async () => {
    await store.setSetting('docker', 'port', 1, schema);
    const first = await configText();
    await store.setSetting('docker', 'port', 2, schema);
    expect(await readFile(`${store.paths.configFile}.prev`, 'utf8')).toBe(first);
  });

  it('sets a group-readable secrets file back to 0600 at load, saying so', async () => {
    const { chmod } = await import('node:fs/promises');
    await store.setSetting('docker', 'api_key', 'sk-x', schema);
    await chmod(store.paths.secretsFile, 0o644);
    const loaded = await new ConfigStore({ configDir: dir, readProject: false }).load();
    expect((await stat(store.paths.secretsFile)).mode & 0o777).toBe(0o600);
    expect(loaded.warnings.map((w) => w.message)).toContain(
      `the secrets file ${store.paths.secretsFile} was readable by others (mode 644); set it to 0600`,
    );
  });

  it('saves enabled state, grants, trusted tier and aliases', async () => {
    await store.setEnabled('docker', false);
    await store.setGrants('docker', [{ permission: 'docker.access' }], '1.0.0');
    await store.setTrusted('docker', true);
    await store.setAlias('docker/ps', 'ps');
    expect(JSON.parse(await configText())).toEqual({
      plugins: { docker: { enabled: false, grants: [{ permission: 'docker.access' }], approvedVersion: '1.0.0', trusted: true } },
      aliases: { 'docker/ps': 'ps' },
    });
    await store.setEnabled('docker', true);
    await store.setTrusted('docker', false);
    await store.setAlias('docker/ps', undefined);
    expect(store.read()).toEqual({
      plugins: { docker: { grants: [{ permission: 'docker.access' }], approvedVersion: '1.0.0' } },
      aliases: {},
    });
  });

  it('update() is a read-modify-write of what is on disk now', async () => {
    const other = new ConfigStore({ configDir: dir, readProject: false });
    await other.load();
    await other.setSetting('docker', 'port', 7, schema);
    await store.update((c) => ({ ...c, pluginDirs: ['/opt/plugins'] }));
    expect(store.read()).toEqual({ plugins: { docker: { settings: { port: 7 } } }, pluginDirs: ['/opt/plugins'] });
  });
});
