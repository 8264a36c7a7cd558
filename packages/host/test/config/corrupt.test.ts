import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigCorruptError, ErrorCodes } from '@berth/sdk';
import { ConfigStore, SettingsSchema } from '@berth/host';
import { tempDir } from './helpers.js';

const schema = SettingsSchema.for('docker', '1.0.0', { port: { type: 'integer', default: 2375 }, key: { type: 'string', secret: true } });
const CORRUPT = '{\n  "plugins": {\n    "docker": { "settings": { "port": 1 }, }\n  }\n}\n';

describe('a corrupt configuration file at start (issue 5, point 4)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('berth-corrupt-')));
  afterEach(() => cleanup());

  const open = async (): Promise<ConfigStore> => {
    const store = new ConfigStore({ configDir: dir, readProject: false });
    await store.load();
    return store;
  };
  const asideFiles = async (name = 'config.json'): Promise<string[]> =>
    (await readdir(dir)).filter((f) => f.startsWith(`${name}.corrupt-`)).sort();

  it('keeps the corrupt file aside, starts from the last good version and says so (file, line, column)', async () => {
    const store = await open();
    await store.setSetting('docker', 'port', 7, schema);
    await store.setSetting('docker', 'port', 8, schema);
    const lastGood = await readFile(`${store.paths.configFile}.prev`, 'utf8');
    await writeFile(store.paths.configFile, CORRUPT);

    const reopened = new ConfigStore({ configDir: dir, readProject: false });
    const loaded = await reopened.load();
    const [aside] = await asideFiles();
    expect(aside).toMatch(/^config\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/u);
    const asidePath = `${dir}/${aside}`;
    expect(await readFile(asidePath, 'utf8')).toBe(CORRUPT);

    expect(loaded.warnings).toHaveLength(1);
    const error = loaded.warnings[0]?.error as ConfigCorruptError;
    expect(error).toBeInstanceOf(ConfigCorruptError);
    expect(error.code).toBe(ErrorCodes.CONFIG_CORRUPT);
    expect(error.details).toMatchObject({ file: reopened.paths.configFile, line: 3, column: 44 });
    expect(error.message).toBe(
      `configuration file ${reopened.paths.configFile} is corrupt at line 3, column 44: ` +
        `expected a double-quoted property name; the corrupt file was kept as ${asidePath}; ` +
        `started from the last good version ${reopened.paths.configFile}.prev (fix: inspect ${asidePath} and copy back what you need)`,
    );
    expect(reopened.getPluginSettings('docker', schema)).toEqual({ port: 7 });
    expect(await readFile(reopened.paths.configFile, 'utf8')).toBe(lastGood);
  });

  it('starts from the defaults when there is no good previous version', async () => {
    await writeFile(`${dir}/config.json`, '[1, 2');
    const store = new ConfigStore({ configDir: dir, readProject: false });
    const loaded = await store.load();
    const error = loaded.warnings[0]?.error;
    expect(error?.code).toBe('BERTH_CONFIG_CORRUPT');
    expect(error?.message).toMatch(
      /is corrupt at line 1, column 6: unexpected end of file \(expected ',' or '\]'\); the corrupt file was kept as .*; started from the defaults \(fix: inspect /u,
    );
    expect(store.getPluginSettings('docker', schema)).toEqual({ port: 2375 });
    expect(await asideFiles()).toHaveLength(1);
  });

  it('treats valid JSON of the wrong shape as corrupt, pointing at the field', async () => {
    await writeFile(`${dir}/config.json`, '{\n  "plugins": {\n    "docker": { "enabled": "yes" }\n  }\n}\n');
    const loaded = await new ConfigStore({ configDir: dir, readProject: false }).load();
    const error = loaded.warnings[0]?.error;
    expect(error?.code).toBe('BERTH_CONFIG_CORRUPT');
    expect(error?.message).toContain('is corrupt at line 3, column 17: /plugins/docker/enabled: Invalid input: expected boolean, received string');
  });

  it('never overwrites an earlier corrupt copy: each corruption is kept', async () => {
    await writeFile(`${dir}/config.json`, '{');
    await new ConfigStore({ configDir: dir, readProject: false }).load();
    await writeFile(`${dir}/config.json`, '}');
    await new ConfigStore({ configDir: dir, readProject: false }).load();
    const kept = await Promise.all((await asideFiles()).map((f) => readFile(`${dir}/${f}`, 'utf8')));
    expect(kept.sort()).toEqual(['{', '}']);
  });

  it('handles a corrupt secrets file the same way and keeps its copy 0600', async () => {
    const store = await open();
    await store.setSetting('docker', 'key', 'sk-first', schema);
    await store.setSetting('docker', 'key', 'sk-second', schema);
    await writeFile(store.paths.secretsFile, '{"plugins": ', { mode: 0o600 });
    const reopened = new ConfigStore({ configDir: dir, readProject: false });
    const loaded = await reopened.load();
    expect(loaded.warnings[0]?.error?.code).toBe('BERTH_CONFIG_CORRUPT');
    expect(reopened.getPluginSettings('docker', schema)['key']).toBe('sk-first');
    const [aside] = await asideFiles('secrets.json');
    expect((await stat(`${dir}/${aside}`)).mode & 0o777).toBe(0o600);
    expect(loaded.warnings[0]?.message).not.toContain('sk-');
  });

  it('never quotes the corrupt text in the error (it may hold a secret)', async () => {
    await writeFile(`${dir}/secrets.json`, '{"plugins": {"docker": {"key": sk-unquoted-secret}}}', { mode: 0o600 });
    const loaded = await new ConfigStore({ configDir: dir, readProject: false }).load();
    const error = loaded.warnings[0]?.error;
    expect(error?.message).toMatch(/secrets\.json is corrupt at line 1, column 32: unexpected character where a value should be; /u);
    expect(JSON.stringify(error?.toJSON())).not.toContain('unquoted');
  });

  it('refuses to write over a file that became corrupt after start, and leaves it as it is', async () => {
    const store = await open();
    await writeFile(store.paths.configFile, CORRUPT);
    const error = await store.setSetting('docker', 'port', 9, schema).catch((e: unknown) => e);
    expect((error as ConfigCorruptError).code).toBe('BERTH_CONFIG_CORRUPT');
    expect((error as Error).message).toContain(`configuration file ${store.paths.configFile} is corrupt at line 3, column 44`);
    expect(await readFile(store.paths.configFile, 'utf8')).toBe(CORRUPT);
  });
});
