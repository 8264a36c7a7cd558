import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import envPaths from 'env-paths';
import { ConfigStore, berthPaths, pluginDataDir } from '@berth/host';

describe('paths: where the configuration and plugin data live', () => {
  it('defaults to the platform directories from env-paths', () => {
    const platform = envPaths('berth', { suffix: '' });
    const paths = berthPaths({ env: {}, cwd: '/work/p' });
    expect(paths.configFile).toBe(join(platform.config, 'config.json'));
    expect(paths.secretsFile).toBe(join(platform.config, 'secrets.json'));
    expect(paths.dataDir).toBe(platform.data);
    expect(paths.projectFile).toBe('/work/p/.berth/config.json');
  });

  it('takes BERTH_HOME, explicit directories and an explicit --config file', () => {
    expect(berthPaths({ env: { BERTH_HOME: '/tmp/bh' } })).toMatchObject({
      configFile: '/tmp/bh/config/config.json',
      dataDir: '/tmp/bh/data',
    });
    const explicit = berthPaths({ configDir: '/c', dataDir: '/d', configFile: '/etc/berth/team.json', env: {} });
    expect(explicit).toMatchObject({ configFile: '/etc/berth/team.json', secretsFile: '/etc/berth/secrets.json', lockFile: '/etc/berth/team.json.lock', dataDir: '/d' });
    expect(new ConfigStore({ configDir: '/c', dataDir: '/d' }).pluginDataDir('docker')).toBe('/d/plugin-data/docker');
  });

  it.each(['..', '.', '../../etc', 'a/../../b', '..\\..\\x', '.hidden', '@scope/name'])(
    'keeps the data folder of a plugin named %j inside <dataDir>/plugin-data (hostile names)',
    (name) => {
      const dir = pluginDataDir(name, { dataDir: '/d' });
      const root = resolve('/d/plugin-data') + sep;
      expect(resolve(dir).startsWith(root)).toBe(true);
      expect(dir.slice(root.length)).not.toContain(sep);
      expect(dir.slice(root.length).startsWith('.')).toBe(false);
    },
  );

  it('refuses an empty plugin name', () => {
    expect(() => pluginDataDir('', { dataDir: '/d' })).toThrow(expect.objectContaining({ code: 'BERTH_CONFIG_INVALID' }));
  });
});
