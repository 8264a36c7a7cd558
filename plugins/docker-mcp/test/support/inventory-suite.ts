import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, dockerCli, engine, failure, leftovers } from './client.js';
import type { Connected, Harness } from './client.js';

const docker = await skipUnlessDocker();

/** The image, network, volume and system tools end to end, through `harness`. */
export function inventorySuite(title: string, harness: Harness, via: string): void {
const RUN = `inv-${via}-${process.pid}`;
const SUITE = `berth.test.suite=${RUN}`;
const labels = { 'berth.test.suite': RUN };

describe.skipIf(!docker.available)(title, () => {
  let mcp: Connected;
  let root: string;
  let image: string;

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    root = await mkdtemp(join(tmpdir(), 'berth-dmcp-inv-'));
    mcp = await connect({ allowed_roots: [root] }, harness);
  });

  afterAll(async () => {
    await mcp?.close();
    await rm(root, { recursive: true, force: true });
    expect(await leftovers(SUITE)).toEqual({ containers: [], networks: [] });
  });

  it('builds an image from a context inside the allowed roots with progress, tags it and removes it', async () => {
    const context = join(root, 'ctx');
    await mkdir(context);
    await writeFile(join(context, 'Dockerfile'), `FROM ${image}\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n`);
    const tag = `berth-test/built-${RUN}:1`;
    const progress: string[] = [];
    const built = await mcp.client.callTool({ name: harness.toolName('image_build'), arguments: { context, tag, labels } }, undefined, {
      onprogress: (p) => progress.push(p.message ?? ''),
      timeout: 120_000,
    });
    expect(built.isError).not.toBe(true);
    expect(progress, JSON.stringify(progress)).toContainEqual(expect.stringMatching(/Step 2\/\d+ : RUN echo built/));
    const inspected = await engine.getImage(tag).inspect();
    expect(inspected.Config.Labels).toMatchObject({ 'berth.managed': 'true', 'berth.plugin': 'docker-mcp-tools' });
    const run = data(await mcp.call('container_run', { image: tag, wait: true, auto_remove: true, labels }));
    expect(run['stdout']).toBe('built\n');
    const alias = `berth-test/built-${RUN}:alias`;
    data(await mcp.call('image_tag', { image: tag, target: alias }));
    expect(await dockerCli('image', 'inspect', '-f', '{{.Id}}', alias)).toBe(inspected.Id);
    const listed = data(await mcp.call('image_list', { reference: `berth-test/built-${RUN}` })) as { images: { tags: string[] }[] };
    expect(listed.images[0]?.tags.sort()).toEqual([alias, tag].sort());
    expect(data(await mcp.call('image_inspect', { image: alias }))).toMatchObject({ image: { Id: inspected.Id } });
    data(await mcp.call('image_remove', { image: alias }));
    data(await mcp.call('image_remove', { image: tag }));
    await expect(engine.getImage(inspected.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses a build context outside the allowed roots, and an image it did not build', async () => {
    const outside = failure(await mcp.call('image_build', { context: '/etc', tag: 'berth-test/x:1' }));
    expect(outside.code).toBe('BERTH_DOCKER_POLICY_DENIED');
    expect(outside.message).toContain(`is outside the allowed roots (${root}); add its folder to the allowed_roots setting`);
    const takeover = failure(await mcp.call('image_build', { context: root, tag: image }));
    expect(takeover.code).toBe('BERTH_DOCKER_POLICY_DENIED');
    expect(takeover.message).toContain(`refused naming an image '${image}': that name belongs to an image docker-mcp-tools did not build`);
    const foreign = failure(await mcp.call('image_remove', { image }));
    expect(foreign.code).toBe('BERTH_DOCKER_POLICY_DENIED');
    expect(foreign.message).toContain(`refused image '${image}': it was not created by docker-mcp-tools`);
  });

  it('reports a pull that cannot succeed: not present locally, and why the pull failed', async () => {
    const pulled = failure(await mcp.call('image_pull', { image: 'berth-test/never-built:1' }));
    expect(pulled.code).toBe('BERTH_DOCKER_IMAGE_UNAVAILABLE');
    expect(pulled.message).toMatch(/image 'berth-test\/never-built:1' is not present locally, and pulling it failed: /);
  });

  it('creates a network, connects and disconnects a container, and removes it, as docker reports', async () => {
    const name = `berth-net-${RUN}`;
    const created = data(await mcp.call('network_create', { name, labels, internal: true }));
    expect(await dockerCli('network', 'inspect', '-f', '{{.Internal}} {{index .Labels "berth.plugin"}}', name)).toBe('true docker-mcp-tools');
    const box = data(await mcp.call('container_run', { image, command: ['sleep', '300'], labels }));
    data(await mcp.call('network_connect', { network: name, container: String(box['id']), aliases: ['box'] }));
    expect(await dockerCli('inspect', '-f', `{{index .NetworkSettings.Networks "${name}" | printf "%v" | len}}`, String(box['id']))).not.toBe('0');
    const inspected = data(await mcp.call('network_inspect', { network: name })) as { network: { Containers: Record<string, unknown> } };
    expect(Object.keys(inspected.network.Containers)).toContain(String(box['id']));
    data(await mcp.call('network_disconnect', { network: name, container: String(box['id']) }));
    expect(Object.keys((await engine.getNetwork(name).inspect()).Containers ?? {})).toEqual([]);
    const listed = data(await mcp.call('network_list', { name })) as { networks: { id: string }[] };
    expect(listed.networks.map((n) => n.id)).toEqual([created['id']]);
    data(await mcp.call('container_remove', { container: String(box['id']), force: true }));
    data(await mcp.call('network_remove', { network: name }));
    await expect(engine.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('creates, lists, inspects and removes a volume, and mounts one', async () => {
    const name = `berth-vol-${RUN}`;
    data(await mcp.call('volume_create', { name, labels }));
    expect(await dockerCli('volume', 'inspect', '-f', '{{index .Labels "berth.managed"}}', name)).toBe('true');
    const listed = data(await mcp.call('volume_list', { name })) as { volumes: { name: string }[] };
    expect(listed.volumes.map((v) => v.name)).toEqual([name]);
    expect(data(await mcp.call('volume_inspect', { volume: name }))).toMatchObject({ volume: { Name: name } });
    const run = data(await mcp.call('container_run', { image, command: 'echo kept > /data/f; cat /data/f', mounts: [{ type: 'volume', source: name, target: '/data' }], wait: true, auto_remove: true, labels }));
    expect(run['stdout']).toBe('kept\n');
    data(await mcp.call('volume_remove', { volume: name }));
    await expect(engine.getVolume(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('answers system info, version, disk usage, health, and prunes only its own stopped containers', async () => {
    const version = await engine.version();
    expect(data(await mcp.call('system_version'))).toMatchObject({ version: { Version: version.Version } });
    expect(data(await mcp.call('system_info'))).toMatchObject({ info: { ServerVersion: version.Version } });
    expect(data(await mcp.call('system_disk_usage'))).toHaveProperty('images.count');
    expect(data(await mcp.call('system_health'))).toMatchObject({ reachable: true, endpoint: expect.stringMatching(/docker\.sock$/) });
    const mine = data(await mcp.call('container_create', { image, command: ['true'], labels }));
    const foreign = await engine.createContainer({ Image: image, Cmd: ['true'], Labels: { 'berth.test.suite': RUN } });
    try {
      const pruned = data(await mcp.call('system_prune', {})) as { containers: { ContainersDeleted?: string[] } };
      expect(pruned.containers.ContainersDeleted).toContain(mine['id']);
      expect((await foreign.inspect()).Id).toBe(foreign.id);
    } finally {
      await foreign.remove({ force: true });
    }
  });
});
}
