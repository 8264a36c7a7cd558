import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnlessDocker, startTlsEngine } from '../../../../test/support/docker/index.js';
import type { TlsEngine } from '../../../../test/support/docker/index.js';
import { tempHost } from '../support/temp-host.js';

const docker = await skipUnlessDocker();

/** A tool plugin granted docker.access whose `info` tool asks its docker_socket for GET /info. */
const PROBE = `import http from 'node:http';
export default {
  initialize(context) {
    context.tools.register({
      name: 'info', description: 'GET /info on docker_socket', inputSchema: { type: 'object' },
      handler: () => new Promise((resolve) => {
        const req = http.request({ socketPath: context.config.get('docker_socket'), path: '/info' }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode, text }));
        });
        req.on('error', (error) => resolve({ error: error.code ?? error.message }));
        req.end();
      }),
    });
  },
};
`;

/** The engine settings such a plugin declares. */
const CONFIGURATION = {
  docker_socket: { type: 'string', default: '/var/run/docker.sock' },
  docker_host: { type: 'string' },
  docker_cert_path: { type: 'string' },
};

/** Writes plugin `name` into `root`. */
async function probePlugin(root: string, name: string): Promise<void> {
  await mkdir(path.join(root, name));
  await writeFile(path.join(root, name, 'plugin.json'), JSON.stringify({ name, version: '1.0.0', type: 'tool', main: 'index.js', permissions: ['docker.access'], configuration: CONFIGURATION }));
  await writeFile(path.join(root, name, 'index.js'), PROBE);
}

/** Acceptance 2: a wrong CA or no client certificate fails that plugin with the engine and the fix; the others run. */
describe.skipIf(!docker.available)('plugins on a remote TLS engine, one set up wrong', { timeout: 120_000 }, () => {
  let remote: TlsEngine;
  let root: string;

  beforeAll(async () => {
    remote = await startTlsEngine();
    root = await mkdtemp(path.join(os.tmpdir(), 'berth-remote-plugins-'));
    for (const name of ['on-wrong-ca', 'without-client-cert', 'on-tls', 'on-local']) await probePlugin(root, name);
  }, 120_000);

  afterAll(async () => {
    await remote?.stop();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  }, 60_000);

  it('fails only the plugins set up wrong, each naming the engine and the fix, and runs the others on their engines', async () => {
    const made = await tempHost([{ kind: 'extra', dir: root }], { sandboxMode: 'nobwrap' });
    try {
      const grant = (settings: Record<string, string>): Record<string, unknown> => ({ grants: [{ permission: 'docker.access' }], approvedVersion: '1.0.0', settings });
      await mkdir(path.join(made.home, 'config'), { recursive: true });
      await writeFile(path.join(made.home, 'config', 'config.json'), JSON.stringify({
        plugins: {
          'on-wrong-ca': grant({ docker_host: remote.host, docker_cert_path: remote.wrongCaDir }),
          'without-client-cert': grant({ docker_host: remote.host, docker_cert_path: remote.noClientCertDir }),
          'on-tls': grant({ docker_host: remote.host, docker_cert_path: remote.certDir }),
          'on-local': grant({}),
        },
      }));
      await made.host.start();
      const wrongCa = made.host.get('on-wrong-ca');
      expect(wrongCa?.state).toBe('failed');
      expect(wrongCa?.reason?.code).toBe('BERTH_DOCKER_ENGINE_INVALID');
      expect(wrongCa?.reason?.message).toContain(`plugin 'on-wrong-ca': Docker engine ${remote.host} (TLS) (from setting docker_host): the engine's TLS certificate is not signed by the CA in ${remote.wrongCaDir}/ca.pem`);
      expect(wrongCa?.reason?.message).toContain("Fix: put the CA that signed the engine's certificate in");
      const noCert = made.host.get('without-client-cert');
      expect(noCert?.state).toBe('failed');
      expect(noCert?.reason?.message).toContain(`plugin 'without-client-cert': Docker engine ${remote.host} (TLS) (from setting docker_host): the engine refused the TLS handshake: no client certificate was presented (none in ${remote.noClientCertDir})`);
      expect(noCert?.reason?.message).toContain(`Fix: put a client certificate signed by the engine's CA in ${remote.noClientCertDir}/cert.pem`);

      expect(made.host.get('on-tls')?.state).toBe('active');
      expect(made.host.get('on-local')?.state).toBe('active');
      expect(made.host.dockerEngines('on-tls')).toMatchObject([{ name: 'default', engine: `${remote.host} (TLS)`, source: 'setting docker_host', local: false }]);
      expect(made.host.dockerEngines('on-local')).toMatchObject([{ name: 'default', engine: 'unix:///var/run/docker.sock', local: true }]);
      const rootDir = async (plugin: string): Promise<string> => {
        const answer = (await made.host.api.tools.call(`${plugin}/info`, {})).structuredContent as { status?: number; text?: string };
        expect(answer.status, plugin).toBe(200);
        return String((JSON.parse(answer.text ?? '{}') as { DockerRootDir?: string }).DockerRootDir);
      };
      // Each reached its own engine through its policy socket: the second engine's data root is in its temp folder.
      expect(await rootDir('on-tls')).toBe(path.join(path.dirname(remote.socketPath), 'data'));
      expect(await rootDir('on-local')).not.toContain(path.dirname(remote.socketPath));
    } finally {
      await made.cleanup();
    }
  });
});
