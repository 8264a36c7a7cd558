import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packFixture, type FixturePackage } from '../../../host/test/sources/fixture-packages.js';
import { runBerth, tempHome } from '../run-berth.js';

// Issue 12, acceptance 4 (and `plugins install ./x.tgz` for packages shipping their own plugin.json): an update
// asking for more shows the version change and the permission diff and changes nothing until approved; rollback
// returns to the previous locked version and its grants. Local tarballs made with `npm pack`: no registry.

function weather(version: string, permissions: unknown[]): FixturePackage {
  return {
    name: 'berth-fixture-weather',
    version,
    files: {
      'plugin.json': JSON.stringify({ name: 'weather', version, type: 'tool', main: 'index.js', permissions }),
      'index.js': 'export default { initialize() {} };\n',
    },
  };
}

interface Lock {
  plugins: Record<string, { version: string; grants: unknown[]; previous?: { version: string } }>;
}

describe('berth plugins update / rollback with a permission diff', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let v1: string;
  let v2: string;
  const lock = (): Lock => JSON.parse(readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8')) as Lock;
  const saved = (): { grants?: unknown[]; approvedVersion?: string; identity?: string } =>
    (JSON.parse(readFileSync(path.join(home, 'config', 'config.json'), 'utf8')) as { plugins: Record<string, never> }).plugins['weather'] ?? {};
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    v1 = (await packFixture(weather('1.0.0', [{ permission: 'network', hosts: ['api.weather.example:443'] }]), path.join(home, 'src'))).tarball;
    v2 = (await packFixture(weather('2.0.0', [{ permission: 'network', hosts: ['api.weather.example:443'] }, { permission: 'env', names: ['WEATHER_KEY'] }]), path.join(home, 'src'))).tarball;
  });
  afterAll(async () => cleanup());

  it('installs a package shipping its plugin.json from a tarball, under the name its plugin.json gives', async () => {
    const refused = await runBerth(home, ['plugins', 'install', v1]);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toContain('not approved: nothing was installed or changed');
    expect(existsSync(path.join(home, 'data', 'plugins', 'weather'))).toBe(false);
    const run = await runBerth(home, ['plugins', 'install', v1, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('connect to api.weather.example:443 only (no other host or port)');
    expect(lock().plugins['weather']?.version).toBe('1.0.0');
    expect(saved()).toMatchObject({ grants: [{ permission: 'network', scope: ['api.weather.example:443'] }], approvedVersion: '1.0.0' });
  });

  it('an update asking for more shows the version change and the diff, and changes nothing until approved', async () => {
    const before = { lock: lock(), saved: saved() };
    const run = await runBerth(home, ['plugins', 'update', 'weather', v2]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('weather: 1.0.0 → 2.0.0');
    expect(run.stderr).toContain('  + env (WEATHER_KEY)');
    expect(run.stderr).not.toContain('  + network');
    expect(run.stdout).toContain('not approved: weather stays at 1.0.0 with its grants; nothing changed');
    expect(lock()).toEqual(before.lock);
    expect(saved()).toEqual(before.saved);
    const listed = JSON.parse((await runBerth(home, ['plugins', 'list', '--json', '--static'])).stdout) as { name: string; version: string; state: string }[];
    expect(listed.find((p) => p.name === 'weather')).toMatchObject({ version: '1.0.0', state: 'resolved' });
  });

  it('approved, the new version is in force with its grants; rollback restores the old version and the old grants', async () => {
    const identityV1 = saved().identity;
    const run = await runBerth(home, ['plugins', 'update', 'weather', v2, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('updated weather 1.0.0 → 2.0.0');
    expect(lock().plugins['weather']).toMatchObject({ version: '2.0.0', previous: { version: '1.0.0' } });
    expect(saved()).toMatchObject({ approvedVersion: '2.0.0', grants: [{ permission: 'network', scope: ['api.weather.example:443'] }, { permission: 'env', scope: ['WEATHER_KEY'] }] });
    expect(saved().identity).not.toBe(identityV1);
    const back = await runBerth(home, ['plugins', 'rollback', 'weather']);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('rolled back weather 2.0.0 → 1.0.0');
    expect(lock().plugins['weather']).toMatchObject({ version: '1.0.0', previous: { version: '2.0.0' } });
    expect(saved()).toMatchObject({ approvedVersion: '1.0.0', grants: [{ permission: 'network', scope: ['api.weather.example:443'] }], identity: identityV1 });
    const listed = JSON.parse((await runBerth(home, ['plugins', 'list', '--json', '--static'])).stdout) as { name: string; version: string; state: string }[];
    expect(listed.find((p) => p.name === 'weather')).toMatchObject({ version: '1.0.0', state: 'resolved' });
  });

  it('rollback of a plugin the lock file does not know is a clear error (exit 3)', async () => {
    await rm(path.join(home, 'config', 'plugins.lock.json'));
    const run = await runBerth(home, ['plugins', 'rollback', 'weather']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('BERTH_INSTALL_NOT_FOUND');
  });
});
