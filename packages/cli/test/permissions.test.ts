import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from './run-berth.js';

interface Saved {
  plugins?: Record<string, { enabled?: boolean; grants?: { permission: string; scope?: string[] }[]; approvedVersion?: string }>;
}

/** A plugin folder `weather@version` requesting `permissions`. */
async function weather(dir: string, version: string, permissions: unknown[]): Promise<string> {
  const folder = path.join(dir, `weather-${version}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'plugin.json'), JSON.stringify({ name: 'weather', version, type: 'tool', main: 'index.js', permissions }));
  await writeFile(path.join(folder, 'index.js'), 'export default { initialize() {} };\n');
  return folder;
}

describe('install, approve, upgrade with more permissions, revoke (through the CLI)', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => cleanup());
  const saved = async (): Promise<Saved> => JSON.parse(await readFile(path.join(home, 'config', 'config.json'), 'utf8')) as Saved;
  const state = async (): Promise<{ state: string; missingPermissions?: unknown }> => {
    const run = await runBerth(home, ['plugins', 'list', '--json', '--static']);
    return (JSON.parse(run.stdout) as { name: string; state: string }[]).find((p) => p.name === 'weather') as { state: string };
  };

  it('shows each requested permission with its description and risk, and saves the approval with --yes', async () => {
    const v1 = await weather(home, '1.0.0', [{ permission: 'network', hosts: ['api.weather.example'] }]);
    const run = await runBerth(home, ['plugins', 'install', v1, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('network (api.weather.example) [risk: medium]');
    expect(run.stderr).toContain('Every port of: api.weather.example.');
    expect(run.stdout).toContain('installed weather 1.0.0 with its permissions approved');
    // Bound to the installed copy (its install identity): a plugin of the same name in another folder (a trusted
    // project's root, which wins over the user's) does not inherit them.
    const installed = await realpath(path.join(home, 'data', 'plugins', 'weather'));
    expect((await saved()).plugins?.['weather']).toEqual({
      grants: [{ permission: 'network', scope: ['api.weather.example'] }],
      approvedVersion: '1.0.0',
      identity: `folder:${installed}`,
    });
    expect((await state()).state).toBe('resolved');
  });

  it('installs disabled when the user does not approve (no terminal, no --yes)', async () => {
    const v1 = await weather(home, '1.0.0', ['process.spawn']);
    const run = await runBerth(home, ['plugins', 'install', v1]);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('installed weather 1.0.0 disabled, permissions not approved');
    expect((await saved()).plugins?.['weather']).toEqual({ enabled: false });
    expect((await state()).state).toBe('disabled');
  });

  it('an upgrade asking for more goes to needs-approval showing the difference; the old grant stays; grant approves', async () => {
    await runBerth(home, ['plugins', 'install', await weather(home, '1.0.0', ['network']), '--yes']);
    const v2 = await weather(home, '2.0.0', ['network', { permission: 'env', names: ['WEATHER_KEY'] }]);
    const run = await runBerth(home, ['plugins', 'install', v2]);
    expect(run.stderr).toContain("'weather' 2.0.0 asks for more than was granted:");
    expect(run.stderr).toContain('env (WEATHER_KEY)');
    expect(run.stderr).not.toMatch(/^ {2}- network/m);
    expect((await saved()).plugins?.['weather']?.grants).toEqual([{ permission: 'network' }]);
    expect(await state()).toMatchObject({ state: 'needs-approval', missingPermissions: [{ permission: 'env', scope: ['WEATHER_KEY'] }] });
    await runBerth(home, ['permissions', 'grant', 'weather']);
    expect((await saved()).plugins?.['weather']).toMatchObject({
      grants: [{ permission: 'network' }, { permission: 'env', scope: ['WEATHER_KEY'] }],
      approvedVersion: '2.0.0',
    });
    expect((await state()).state).toBe('resolved');
  });

  it('revoke removes the grant (the plugin then waits for approval) and permissions list shows both sides', async () => {
    await runBerth(home, ['plugins', 'install', await weather(home, '1.0.0', ['network', 'process.spawn']), '--yes']);
    await runBerth(home, ['permissions', 'revoke', 'weather', 'process.spawn']);
    expect((await saved()).plugins?.['weather']?.grants).toEqual([{ permission: 'network' }]);
    const list = await runBerth(home, ['permissions', 'list', 'weather']);
    expect(list.stdout).toMatch(/weather\s+network\s+process\.spawn/);
    expect((await state()).state).toBe('needs-approval');
  });

  it('refuses to grant a permission the plugin does not request (exit 4), and to revoke one it does not hold (exit 3)', async () => {
    await runBerth(home, ['plugins', 'install', await weather(home, '1.0.0', ['network']), '--yes']);
    const grant = await runBerth(home, ['permissions', 'grant', 'weather', 'docker.access']);
    expect(grant.code).toBe(4);
    expect(grant.stderr).toContain("plugin 'weather' does not request 'docker.access' (it requests: network); nothing granted");
    const revoke = await runBerth(home, ['permissions', 'revoke', 'weather', 'process.spawn']);
    expect(revoke.code).toBe(3);
    expect((await saved()).plugins?.['weather']?.grants).toEqual([{ permission: 'network' }]);
  });
});
