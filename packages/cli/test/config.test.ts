import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from './run-berth.js';

const root = ['--plugins-dir', 'packages/cli/test/fixtures/plugins'];
const SECRET = 'sk-very-secret-value-1234';

describe('berth config (round trip through the CLI and context.config)', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => cleanup());
  const berth = (...args: string[]) => runBerth(home, [...root, ...args]);
  const configFile = () => path.join(home, 'config', 'config.json');

  it('shows defaults, sets, gets, unsets; context.config sees the saved values', async () => {
    const list = await berth('config', 'list', 'configurable', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      { key: 'port', value: 8080, source: 'default', secret: false, description: 'The port to use' },
      { key: 'mode', value: 'safe', source: 'default', secret: false, description: 'How to run' },
      { key: 'api_key', source: 'default', secret: true, description: "The service's API key" },
    ]);
    expect((await berth('config', 'set', 'configurable', 'port', '9090')).stdout.trim()).toBe('configurable.port = 9090');
    expect((await berth('config', 'get', 'configurable', 'port')).stdout.trim()).toBe('9090');
    const call = await berth('tools', 'call', 'configurable/settings');
    expect(JSON.parse(call.stdout)).toEqual({ port: 9090, mode: 'safe' });
    expect((await berth('config', 'unset', 'configurable', 'port')).code).toBe(0);
    expect((await berth('config', 'get', 'configurable', 'port')).stdout.trim()).toBe('8080');
  });

  it('refuses an invalid value with the schema error and writes nothing', async () => {
    await berth('config', 'set', 'configurable', 'mode', 'fast');
    const before = await readFile(configFile(), 'utf8');
    const tooBig = await berth('config', 'set', 'configurable', 'port', '70000');
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toMatch(/error BERTH_CONFIG_INVALID: .*'configurable'.*port.*must be <= 65535/);
    const badEnum = await berth('config', 'set', 'configurable', 'mode', 'reckless');
    expect(badEnum.stderr).toMatch(/error BERTH_CONFIG_INVALID: .*mode.*must be equal to one of the allowed values/);
    const unknown = await berth('config', 'set', 'configurable', 'colour', 'red');
    expect(unknown.stderr).toContain("plugin 'configurable' has no setting 'colour' (its settings: port, mode, api_key)");
    expect(await readFile(configFile(), 'utf8')).toBe(before);
  });

  it('keeps a secret in a 0600 file apart from the configuration and shows it as ******** everywhere', async () => {
    const set = await berth('config', 'set', 'configurable', 'api_key', SECRET);
    expect(set.stdout.trim()).toBe('configurable.api_key = ********');
    expect((await berth('config', 'get', 'configurable', 'api_key')).stdout.trim()).toBe('********');
    const list = await berth('config', 'list', 'configurable');
    expect(list.stdout).toMatch(/api_key\s+\*{8}\s+saved/);
    const secrets = path.join(home, 'config', 'secrets.json');
    expect((await stat(secrets)).mode & 0o777).toBe(0o600);
    expect(await readFile(secrets, 'utf8')).toContain(SECRET);
    expect(await readFile(configFile(), 'utf8').catch(() => '')).not.toContain(SECRET);
    // The plugin itself receives its secret.
    const call = await berth('tools', 'call', 'configurable/settings', '--log-level', 'debug');
    expect(JSON.parse(call.stdout)).toMatchObject({ api_key: SECRET });
    for (const run of [set, list, call]) expect(run.stderr).not.toContain(SECRET);
  });

  it('unsetting an unknown setting is an error (exit 3), and a bad number option is a usage error (exit 2)', async () => {
    const unset = await berth('config', 'unset', 'configurable', 'colour');
    expect(unset.code).toBe(3);
    expect(unset.stderr).toContain("plugin 'configurable' has no setting 'colour'");
    const port = await berth('serve', '--port', 'abc');
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("expected a whole number ≥ 0, got 'abc'");
  });
});
