import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerPolicyProxy } from '@berth/host';
import type { DockerPolicyDecision, DockerPolicyProxy } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, engine, failure, leftovers } from '../support/client.js';
import type { Connected } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `thru-${process.pid}`;
const labels = { 'berth.test.suite': RUN };

/**
 * The plugin as Berth runs it: its docker_socket is the host's policy socket for 'docker-mcp-tools', never the
 * raw engine socket. Everything works through it, and the socket refuses what the plugin's own checks would let by.
 */
describe.skipIf(!docker.available)('docker-mcp through the host policy socket', () => {
  let dir: string;
  let root: string;
  let proxy: DockerPolicyProxy;
  let mcp: Connected;
  let image: string;
  const refusals: DockerPolicyDecision[] = [];

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    dir = await mkdtemp(join(tmpdir(), 'berth-thru-'));
    root = await mkdtemp(join(tmpdir(), 'berth-thru-root-'));
    proxy = await startDockerPolicyProxy({
      plugin: 'docker-mcp-tools',
      upstreamSocket: '/var/run/docker.sock',
      socketPath: join(dir, 'docker.sock'),
      allowedRoots: [root],
      onDecision: (d) => void (d.allowed ? undefined : refusals.push(d)),
    });
    mcp = await connect({ docker_socket: proxy.socketPath, allowed_roots: [root] });
  });

  afterAll(async () => {
    await mcp?.close();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
    expect(await leftovers(`berth.test.suite=${RUN}`)).toEqual({ containers: [], networks: [] });
  });

  it('runs, execs, copies, reads logs and stats, builds and removes through the socket', async () => {
    const ran = data(await mcp.call('container_run', { image, command: 'echo via policy', wait: true, auto_remove: true, labels }));
    expect(ran).toMatchObject({ exitCode: 0, stdout: 'via policy\n' });
    const box = String(data(await mcp.call('container_run', { image, command: ['sleep', '120'], labels }))['id']);
    expect(data(await mcp.call('container_exec', { container: box, command: 'echo $((6*7))' }))).toMatchObject({ exitCode: 0, stdout: '42\n' });
    await writeFile(join(root, 'in.txt'), 'copied\n');
    data(await mcp.call('container_copy_in', { container: box, path: '/tmp', source: join(root, 'in.txt') }));
    const out = data(await mcp.call('container_read_files', { container: box, path: '/tmp/in.txt' })) as { files: { content: string }[] };
    expect(out.files[0]?.content).toBe('copied\n');
    data(await mcp.call('container_copy_out', { container: box, path: '/tmp/in.txt', destination: join(root, 'back') }));
    expect(await readFile(join(root, 'back', 'in.txt'), 'utf8')).toBe('copied\n');
    expect(data(await mcp.call('container_stats', { container: box }))['pids']).toBeGreaterThanOrEqual(1);
    expect(data(await mcp.call('container_logs', { container: box }))).toMatchObject({ stdout: '' });
    await mkdir(join(root, 'ctx'));
    await writeFile(join(root, 'ctx', 'Dockerfile'), `FROM ${image}\nCMD ["echo", "built via policy"]\n`);
    const tag = `berth-test/thru-${RUN}:1`;
    data(await mcp.call('image_build', { context: join(root, 'ctx'), tag }));
    expect((await engine.getImage(tag).inspect()).Config.Labels).toMatchObject({ 'berth.plugin': 'docker-mcp-tools' });
    data(await mcp.call('image_remove', { image: tag }));
    data(await mcp.call('container_remove', { container: box, force: true }));
    expect(refusals).toEqual([]);
  });

  it('refuses, at the socket, a foreign container even when the plugin is set to scope all', async () => {
    const wide = await connect({ docker_socket: proxy.socketPath, scope: 'all' });
    const foreign = await engine.createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: labels });
    try {
      const error = failure(await wide.call('container_remove', { container: foreign.id, force: true }));
      expect(error.code).toBe('BERTH_DOCKER_REQUEST_FAILED');
      expect(error.message).toContain(
        `berth docker.access policy: plugin 'docker-mcp-tools': refused access to container '${foreign.id}': it was not created by plugin 'docker-mcp-tools'`,
      );
      expect((await foreign.inspect()).Id).toBe(foreign.id);
      expect(refusals.at(-1)).toMatchObject({ allowed: false, target: `GET /containers/${foreign.id}/json` });
    } finally {
      await wide.close();
      await foreign.remove({ force: true });
    }
  });
});
