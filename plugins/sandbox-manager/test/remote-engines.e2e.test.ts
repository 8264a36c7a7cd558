import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import type { JsonValue } from '@berth/sdk';
import { openEngine, startDockerPolicyProxy, tlsFilesIn } from '@berth/host';
import type { DockerPolicyProxy } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeImage, NODE_IMAGE } from '../../../test/support/docker/node-image.js';
import { skipUnlessDocker } from '../../../test/support/docker/skip-unless-docker.js';
import { startTlsEngine } from '../../../test/support/docker/tls-engine.js';
import type { TlsEngine } from '../../../test/support/docker/tls-engine.js';
import { labelledContainers } from './support/backends.js';
import { serveSandboxManager } from './support/berth-serve.js';
import { startPlugin } from './support/harness.js';

const run = promisify(execFile);
const docker = await skipUnlessDocker();
const SCRIPT = "require('fs').writeFileSync('result.txt', 'answer=' + 6 * 7)";

/** The sandbox ids of the Sandbox Manager's containers on the engine at `socket`. */
async function sandboxesOn(socket: string): Promise<string[]> {
  const { stdout } = await run('docker', ['-H', `unix://${socket}`, 'ps', '-a', '--filter', 'label=berth.plugin=sandbox-manager', '--format', '{{.Label "berth.sandbox"}}']);
  return stdout.split('\n').filter((l) => l !== '');
}

/**
 * The Sandbox Manager's Docker backend, unchanged, against a second dockerd speaking mutual TLS on loopback:
 * through the host's policy socket for one engine (acceptance 1), and spread over the local and the TLS engine by
 * `docker_engines`, surviving a killed host (acceptance 3).
 */
describe.skipIf(!docker.available)('the Sandbox Manager on a remote TLS engine', { timeout: 180_000 }, () => {
  let remote: TlsEngine;
  let dir: string;
  let root: string;
  let proxy: DockerPolicyProxy;
  let other: DockerPolicyProxy;

  beforeAll(async () => {
    remote = await startTlsEngine();
    await ensureNodeImage(undefined, `unix://${remote.socketPath}`);
    await ensureNodeImage();
    dir = await mkdtemp(join(tmpdir(), 'berth-sbm-remote-'));
    root = await mkdtemp(join(tmpdir(), 'berth-sbm-remote-root-'));
    const engine = (): ReturnType<typeof openEngine> => openEngine({ host: remote.host, source: 'the test', tls: tlsFilesIn(remote.certDir) });
    proxy = await startDockerPolicyProxy({ plugin: 'sandbox-manager', engine: engine(), socketPath: join(dir, 'sbm.sock'), allowedRoots: [root] });
    other = await startDockerPolicyProxy({ plugin: 'docker-mcp-tools', engine: engine(), socketPath: join(dir, 'other.sock') });
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await other?.close();
    await remote?.stop();
    for (const folder of [dir, root]) if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('runs a script in a sandbox on the remote engine through its policy socket', async () => {
    const plugin = await startPlugin({ backend: 'docker', default_image: NODE_IMAGE, docker_socket: proxy.socketPath, allowed_roots: [root] });
    try {
      const created = await plugin.call('create', {});
      const id = String(created['id']);
      expect(created).toMatchObject({ backend: 'docker', engine: 'default' });
      expect(await sandboxesOn(remote.socketPath)).toContain(id);
      expect(await labelledContainers()).not.toContain(id);
      await plugin.call('write_file', { sandbox: id, path: 'job.js', content: SCRIPT });
      expect(await plugin.call('exec', { sandbox: id, command: ['node', 'job.js'] })).toMatchObject({ exit_code: 0 });
      expect(await plugin.call('read_file', { sandbox: id, path: 'result.txt' })).toMatchObject({ content: 'answer=42' });
      const info = await new Docker({ socketPath: remote.socketPath }).getContainer(`berth-sandbox-${id}`).inspect();
      expect(info.Config.Labels).toMatchObject({ 'berth.plugin': 'sandbox-manager', 'berth.host.pid': String(process.pid) });
      expect(info.HostConfig.Privileged).toBe(false);
      await plugin.call('destroy', { sandbox: id });
      expect(await sandboxesOn(remote.socketPath)).not.toContain(id);
    } finally {
      await plugin.stop();
    }
  });

  it('refuses there what it refuses locally: a privileged container, another plugin’s container, an unmapped host folder', async () => {
    const client = new Docker({ socketPath: proxy.socketPath });
    await expect(client.createContainer({ Image: NODE_IMAGE, HostConfig: { Privileged: true } })).rejects.toMatchObject({ statusCode: 403 });
    const theirs = await new Docker({ socketPath: other.socketPath }).createContainer({ Image: NODE_IMAGE, Cmd: ['sleep', '60'], HostConfig: { NetworkMode: 'none' } });
    const plugin = await startPlugin({ backend: 'docker', default_image: NODE_IMAGE, docker_socket: proxy.socketPath, allowed_roots: [root], on_start_leftovers: 'remove' });
    try {
      expect((await client.listContainers({ all: true })).map((c) => c.Id)).not.toContain(theirs.id);
      await expect(client.getContainer(theirs.id).inspect()).rejects.toMatchObject({ statusCode: 403 });
      expect(((await plugin.call('list', {}))['sandboxes'] as unknown[]).length).toBe(0);
      await expect(plugin.call('create', { workspace: { path: root, mode: 'ro' } })).rejects.toThrow(/is remote and does not see this host's folders; map the folder to its path on the engine's machine in the plugin's docker_path_map setting/);
      expect((await theirs.inspect()).State.Running).toBe(false);
    } finally {
      await plugin.stop();
      await new Docker({ socketPath: other.socketPath }).getContainer(theirs.id).remove({ force: true });
    }
  });

  it('skips an engine that does not answer behind its policy socket, and says why when none does', async () => {
    const down = await startDockerPolicyProxy({ plugin: 'sandbox-manager', engine: openEngine({ host: 'tcp://127.0.0.1:1', source: 'the test' }), socketPath: join(dir, 'down.sock') });
    const engines = [{ name: 'down', docker_socket: down.socketPath }, { name: 'tls', docker_socket: proxy.socketPath }];
    const plugin = await startPlugin({ backend: 'docker', default_image: NODE_IMAGE, docker_engines: engines });
    try {
      const created = await plugin.call('create', {});
      expect(created['engine']).toBe('tls');
      await plugin.call('destroy', { sandbox: String(created['id']) });
      const alone = await startPlugin({ backend: 'docker', default_image: NODE_IMAGE, docker_engines: [engines[0] ?? {}] });
      try {
        await expect(alone.call('create', {})).rejects.toThrow(/no engine of docker_engines answers \(down: .*Docker is not reachable at tcp:\/\/127\.0\.0\.1:1 \(from the test\): nothing answers/);
      } finally {
        await alone.stop();
      }
    } finally {
      await plugin.stop();
      await down.close();
    }
  });

  it('places sandboxes on the first engine with room, lists each with its engine, and a killed host leaves none on either', async () => {
    const settings: Record<string, JsonValue> = {
      backend: 'docker',
      default_image: NODE_IMAGE,
      docker_engines: [
        { name: 'local', max_sandboxes: 1 },
        { name: 'tls', docker_host: remote.host, docker_cert_path: remote.certDir, max_sandboxes: 2 },
      ],
    };
    const first = await serveSandboxManager(settings);
    const ids: string[] = [];
    try {
      for (let i = 0; i < 3; i += 1) ids.push(String((await first.call('create', {}))['id']));
      await expect(first.call('create', {})).rejects.toThrow(/docker_engines\[\]\.max_sandboxes/);
      const listed = ((await first.call('list', {}))['sandboxes'] as { id: string; engine: string }[]).map((s) => [s.id, s.engine]);
      expect(listed).toEqual([[ids[0], 'local'], [ids[1], 'tls'], [ids[2], 'tls']]);
      expect(await labelledContainers()).toContain(ids[0]);
      expect((await sandboxesOn(remote.socketPath)).sort()).toEqual([ids[1], ids[2]].sort());
      await first.call('exec', { sandbox: ids[1] ?? '', command: 'sleep 300', background: true });
    } finally {
      process.kill(first.pid ?? 0, 'SIGKILL');
      await first.close().catch(() => undefined);
    }
    expect(await labelledContainers()).toContain(ids[0]);
    expect((await sandboxesOn(remote.socketPath)).sort()).toEqual([ids[1], ids[2]].sort());
    const second = await serveSandboxManager(settings, false, first.home);
    try {
      expect((await second.call('list', {}))['sandboxes']).toEqual([]);
      expect((await labelledContainers()).filter((id) => ids.includes(id))).toEqual([]);
      expect(await sandboxesOn(remote.socketPath)).toEqual([]);
    } finally {
      await second.close();
    }
    expect(await sandboxesOn(remote.socketPath)).toEqual([]);
  });
});
