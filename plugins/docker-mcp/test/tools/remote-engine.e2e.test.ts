import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker, startTlsEngine } from '../../../../test/support/docker/index.js';
import type { TlsEngine } from '../../../../test/support/docker/index.js';
import { throughBerthServe } from '../support/berth-serve.js';
import { connect, data, failure } from '../support/client.js';
import type { Connected } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `dmcp-remote-${process.pid}`;
const labels = { 'berth.test.suite': RUN };

/**
 * Docker MCP, unchanged, under `berth serve` with its `docker_host` setting on a second dockerd that speaks mutual
 * TLS on loopback: the host's policy socket forwards there, and enforces the same policy (acceptance 1).
 */
describe.skipIf(!docker.available)('docker-mcp on a remote TLS engine chosen by its docker_host setting', { timeout: 120_000 }, () => {
  let remote: TlsEngine;
  let engine: Docker;
  let mcp: Connected;
  let image: string;

  beforeAll(async () => {
    remote = await startTlsEngine();
    image = await ensureBusyboxImage(undefined, `unix://${remote.socketPath}`);
    engine = new Docker({ socketPath: remote.socketPath });
    mcp = await connect({ docker_host: remote.host, docker_cert_path: remote.certDir, scope: 'all' }, throughBerthServe);
  }, 120_000);

  afterAll(async () => {
    await mcp?.close();
    await remote?.stop();
  }, 60_000);

  it('runs containers on the remote engine, through its own policy socket', async () => {
    const health = data(await mcp.call('system_health'));
    expect(String(health['endpoint'])).toMatch(/^\/.*berth-serve-dmcp-.*docker\.sock$/);
    const info = data(await mcp.call('system_info'));
    expect(JSON.stringify(info)).toContain(join(dirname(remote.socketPath), 'data'));
    expect(data(await mcp.call('container_run', { image, command: 'echo over mutual tls', wait: true, auto_remove: true, network: 'none', labels }))).toMatchObject({ exitCode: 0, stdout: 'over mutual tls\n' });
    const box = String(data(await mcp.call('container_run', { image, command: ['sleep', '120'], network: 'none', labels }))['id']);
    expect((await engine.getContainer(box).inspect()).Config.Labels).toMatchObject({ 'berth.plugin': 'docker-mcp-tools', 'berth.managed': 'true' });
    expect(data(await mcp.call('container_exec', { container: box, command: 'echo $((6*7))' }))).toMatchObject({ exitCode: 0, stdout: '42\n' });
    data(await mcp.call('container_remove', { container: box, force: true }));
    await expect(engine.getContainer(box).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("keeps another plugin's container invisible and untouchable there, even under scope all", async () => {
    const foreign = await engine.createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: { ...labels, 'berth.plugin': 'someone-else' }, HostConfig: { NetworkMode: 'none' } });
    try {
      const listed = data(await mcp.call('container_list', { all: true })) as { containers: { id: string }[] };
      expect(listed.containers.map((c) => c.id)).not.toContain(foreign.id);
      const error = failure(await mcp.call('container_remove', { container: foreign.id, force: true }));
      expect(error.message).toContain(`berth docker.access policy: plugin 'docker-mcp-tools': refused access to container '${foreign.id}': it was not created by plugin 'docker-mcp-tools'`);
      expect((await foreign.inspect()).Id).toBe(foreign.id);
    } finally {
      await foreign.remove({ force: true });
    }
  });

  it('also reaches it standalone (no Berth), with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the Docker CLI reads them', async () => {
    const saved = { verify: process.env['DOCKER_TLS_VERIFY'], path: process.env['DOCKER_CERT_PATH'] };
    Object.assign(process.env, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: remote.certDir });
    let alone: Connected | undefined;
    try {
      alone = await connect({ docker_host: remote.host });
      expect(data(await alone.call('system_health'))).toMatchObject({ reachable: true, endpoint: remote.host });
    } finally {
      await alone?.close();
      for (const [key, value] of [['DOCKER_TLS_VERIFY', saved.verify], ['DOCKER_CERT_PATH', saved.path]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('refuses a privileged container at its policy socket', async () => {
    const socket = String(data(await mcp.call('system_health'))['endpoint']);
    const asPlugin = new Docker({ socketPath: socket });
    await expect(asPlugin.createContainer({ Image: image, Labels: labels, HostConfig: { Privileged: true } })).rejects.toMatchObject({
      statusCode: 403,
      json: { message: "berth docker.access policy: plugin 'docker-mcp-tools': refused a privileged container (HostConfig.Privileged): it would weaken the isolation between the container and the host" },
    });
    expect(await engine.listContainers({ all: true, filters: { label: [`berth.test.suite=${RUN}`] } })).toEqual([]);
  });
});
