import { mkdir, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnlessDocker, startTlsEngine } from '../../../test/support/docker/index.js';
import type { TlsEngine } from '../../../test/support/docker/index.js';
import { runBerth, tempHome } from './run-berth.js';

const docker = await skipUnlessDocker();

/** A plugin granted docker.access that only declares the engine settings. */
async function dockerPlugin(root: string, name: string): Promise<void> {
  await mkdir(path.join(root, name), { recursive: true });
  const configuration = { docker_socket: { type: 'string', default: '/var/run/docker.sock' }, docker_host: { type: 'string' }, docker_cert_path: { type: 'string' } };
  await writeFile(path.join(root, name, 'plugin.json'), JSON.stringify({ name, version: '1.0.0', type: 'tool', main: 'index.js', permissions: ['docker.access'], configuration }));
  await writeFile(path.join(root, name, 'index.js'), 'export default { initialize() {} };\n');
}

/** `berth doctor` names the Docker engine each plugin uses, and why one cannot be used. */
describe.skipIf(!docker.available)('berth doctor and Docker engines', { timeout: 180_000 }, () => {
  let remote: TlsEngine;
  let home: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    remote = await startTlsEngine();
    ({ home, cleanup } = await tempHome());
    const root = path.join(home, 'mine');
    for (const name of ['on-remote', 'on-local', 'on-wrong-ca', 'on-plain-tcp']) await dockerPlugin(root, name);
    const grant = (settings: Record<string, string>): Record<string, unknown> => ({ grants: [{ permission: 'docker.access' }], approvedVersion: '1.0.0', settings, trusted: true });
    await mkdir(path.join(home, 'config'), { recursive: true });
    await writeFile(path.join(home, 'config', 'config.json'), JSON.stringify({
      plugins: {
        'on-remote': grant({ docker_host: remote.host, docker_cert_path: remote.certDir }),
        'on-local': grant({}),
        'on-wrong-ca': grant({ docker_host: remote.host, docker_cert_path: remote.wrongCaDir }),
        'on-plain-tcp': grant({ docker_host: plainTcp() }),
      },
    }));
  }, 120_000);

  /** Plain TCP to this machine's own outward address (not loopback), where nothing listens: refused at once. */
  const plainTcp = (): string => {
    const outward = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
    if (outward === undefined) throw new Error('this test needs a network interface besides loopback');
    return `tcp://${outward}:2375`;
  };

  afterAll(async () => {
    await cleanup?.();
    await remote?.stop();
  }, 60_000);

  it('prints, for each plugin, its engine and where the address came from (text and JSON)', async () => {
    const text = await runBerth(home, ['--plugins-dir', path.join(home, 'mine'), 'doctor']);
    expect(text.stdout).toMatch(new RegExp(`on-remote\\s+\\S+.*\\n\\s+docker engine ${remote.host.replace(/\./g, '\\.')} \\(TLS\\) \\(from setting docker_host\\)`));
    expect(text.stdout).toMatch(/on-local\s+\S+.*\n\s+docker engine unix:\/\/\/var\/run\/docker\.sock \(from the default\)/);
    expect(text.stdout).toMatch(/on-wrong-ca\s+\S+.*\n\s+docker engine: plugin 'on-wrong-ca': Docker engine .* \(TLS\) \(from setting docker_host\): the engine's TLS certificate is not signed by the CA in .*Fix: /);
    const plain = plainTcp().replace(/\./g, '\\.');
    expect(text.stdout).toMatch(new RegExp(`on-plain-tcp\\s+\\S+.*\\n\\s+docker engine ${plain} \\(from setting docker_host\\).*\\n\\s+warning: ${plain} is plain TCP without TLS: anyone who can reach that port controls the engine .* Fix: turn TLS on`));
    expect(text.stdout).not.toMatch(/on-remote\s+\S+.*\n.*\n\s+warning:/);
    const json = await runBerth(home, ['--plugins-dir', path.join(home, 'mine'), 'doctor', '--json']);
    const plugins = (JSON.parse(json.stdout) as { plugins: { name: string; docker?: { engine: string; source: string; local: boolean }[] }[] }).plugins;
    expect(plugins.find((p) => p.name === 'on-remote')?.docker).toMatchObject([{ engine: `${remote.host} (TLS)`, source: 'setting docker_host', local: false }]);
    expect(plugins.find((p) => p.name === 'on-local')?.docker).toMatchObject([{ engine: 'unix:///var/run/docker.sock', local: true }]);
    expect(plugins.find((p) => p.name === 'on-plain-tcp')?.docker?.[0]).toMatchObject({ engine: plainTcp(), warning: expect.stringContaining('plain TCP without TLS') });
    expect(plugins.find((p) => p.name === 'on-remote')?.docker?.[0]).not.toHaveProperty('warning');
  });
});
