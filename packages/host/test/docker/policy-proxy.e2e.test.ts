import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { startDockerPolicyProxy } from '@berth/host';
import type { DockerPolicyDecision, DockerPolicyProxy } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker, startLocalRegistry } from '../../../../test/support/docker/index.js';

const run = promisify(execFile);
const docker = await skipUnlessDocker();
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile-plugin.mjs', import.meta.url));
const PLUGIN = 'hostile-plugin';
const RUN = `proxy-${process.pid}`;
const engine = new Docker({ socketPath: '/var/run/docker.sock' });

describe.skipIf(!docker.available)('the docker.access policy socket, against a hostile plugin', () => {
  let dir: string;
  let root: string;
  let proxy: DockerPolicyProxy;
  let image: string;
  let foreign: Docker.Container;
  let viaProxy: Docker;
  const decisions: DockerPolicyDecision[] = [];

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    dir = await mkdtemp(join(tmpdir(), 'berth-proxy-'));
    root = await mkdtemp(join(tmpdir(), 'berth-proxy-root-'));
    proxy = await startDockerPolicyProxy({
      plugin: PLUGIN,
      upstreamSocket: '/var/run/docker.sock',
      socketPath: join(dir, 'run', 'docker.sock'),
      allowedRoots: [root, '/'],
      onDecision: (d) => decisions.push(d),
    });
    foreign = await engine.createContainer({ Image: image, Cmd: ['sleep', '120'], Labels: { 'berth.test.suite': RUN } });
    await foreign.start();
    viaProxy = new Docker({ socketPath: proxy.socketPath });
  });

  afterAll(async () => {
    await foreign?.remove({ force: true });
    const leftovers = await engine.listContainers({ all: true, filters: { label: [`berth.plugin=${PLUGIN}`] } });
    for (const c of leftovers) await engine.getContainer(c.Id).remove({ force: true });
    const networks = await engine.listNetworks({ filters: { label: [`berth.plugin=${PLUGIN}`] } });
    for (const n of networks) await engine.getNetwork(n.Id).remove();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
    expect(leftovers.filter((c) => c.Labels['berth.test.suite'] === RUN)).toEqual([]);
  });

  /** Runs the hostile script with `attacks`; returns its answers by name. */
  async function attack(attacks: object[]): Promise<Record<string, { status: number; message: string }>> {
    const file = join(dir, `attacks-${Math.random()}.json`);
    await writeFile(file, JSON.stringify(attacks));
    const { stdout } = await run(process.execPath, [HOSTILE, proxy.socketPath, file]);
    return Object.fromEntries(stdout.trim().split('\n').map((line) => {
      const { name, ...rest } = JSON.parse(line) as { name: string; status: number; message: string };
      return [name, rest];
    }));
  }

  const create = (name: string, HostConfig: object, extra: object = {}): object => ({
    name,
    method: 'POST',
    path: '/v1.41/containers/create',
    body: { Image: image, Cmd: ['true'], Labels: { 'berth.test.suite': RUN }, HostConfig, ...extra },
  });

  it('refuses privileged, capabilities, devices, host namespaces, loosened security and socket or root mounts', async () => {
    const answers = await attack([
      create('privileged', { Privileged: true }),
      create('cap-add', { CapAdd: ['SYS_ADMIN'] }),
      create('devices', { Devices: [{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'rwm' }] }),
      create('pid-host', { PidMode: 'host' }),
      create('net-host', { NetworkMode: 'host' }),
      create('ipc-container', { IpcMode: `container:${foreign.id}` }),
      create('apparmor', { SecurityOpt: ['apparmor=unconfined'] }),
      create('cgroup-parent', { CgroupParent: '/' }),
      create('volumes-from', { VolumesFrom: [foreign.id] }),
      create('unmask-proc', { MaskedPaths: [] }),
      create('bind-root', { Binds: ['/:/host'] }),
      create('mount-root', { Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] }),
      create('bind-socket', { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] }),
      create('mount-socket-dir', { Mounts: [{ Type: 'bind', Source: '/run', Target: '/r' }] }),
      create('join-network', {}, { NetworkingConfig: { EndpointsConfig: { host: {} } } }),
      { name: 'lowercase', method: 'POST', path: '/v1.41/containers/create', body: { Image: image, Cmd: ['true'], hostconfig: { privileged: true } } },
      create('long-s', { 'ſecurityOpt': ['label=disable'] }),
      create('kelvin-links', { ['Lin\u212as']: ['x:y'] }),
      { name: 'two-spellings', method: 'POST', path: '/v1.41/containers/create', body: { Image: image, HostConfig: { Privileged: false, PRIVILEGED: true } } },
      create('mount-lower', { mounts: [{ type: 'bind', source: '/', target: '/h' }] }),
      { name: 'top-level', method: 'POST', path: '/v1.41/containers/create', body: { Image: image, Cmd: ['true'], Privileged: true, Binds: ['/:/host'] } },
      create('oom-shield', { OomScoreAdj: -1000 }),
      create('realtime', { CpuRealtimeRuntime: 950000 }),
      { name: 'semicolon', method: 'GET', path: '/v1.41/containers/json?all=1;filters=%7B%7D' },
    ]);
    const expectRefused = (name: string, text: string): void => {
      expect(answers[name]?.status, name).toBe(403);
      expect(answers[name]?.message, name).toContain(`berth docker.access policy: plugin '${PLUGIN}': refused ${text}`);
    };
    expectRefused('privileged', 'a privileged container (HostConfig.Privileged): it would weaken the isolation');
    expectRefused('cap-add', 'added capabilities (HostConfig.CapAdd)');
    expectRefused('devices', 'device mappings (HostConfig.Devices)');
    expectRefused('pid-host', "PidMode=host (HostConfig.PidMode): joining the host's or another container's namespaces is never allowed");
    expectRefused('net-host', "network mode 'host' (HostConfig.NetworkMode)");
    expectRefused('ipc-container', `IpcMode=container:${foreign.id}`);
    expectRefused('apparmor', "the security option 'apparmor=unconfined' (HostConfig.SecurityOpt): only no-new-privileges is allowed");
    expectRefused('cgroup-parent', 'a custom cgroup parent (HostConfig.CgroupParent)');
    expectRefused('volumes-from', "another container's volumes (HostConfig.VolumesFrom)");
    expectRefused('unmask-proc', 'changing the masked /proc paths');
    expectRefused('bind-root', "the bind mount of '/' (HostConfig.Binds[0]): mounting the host's root folder '/' is never allowed");
    expectRefused('mount-root', "the bind mount of '/' (HostConfig.Mounts[0].Source): mounting the host's root folder '/' is never allowed");
    expectRefused('bind-socket', "the bind mount of '/var/run/docker.sock' (HostConfig.Binds[0]): mounting a UNIX socket");
    expectRefused('mount-socket-dir', "the bind mount of '/run' (HostConfig.Mounts[0].Source): it holds the Docker socket");
    expectRefused('join-network', "network mode 'host' (NetworkingConfig.EndpointsConfig)");
    // The engine reads JSON keys case-insensitively (and folds ſ to s, K to k): so does the policy.
    expectRefused('lowercase', 'a privileged container (HostConfig.Privileged)');
    expectRefused('long-s', "the security option 'label=disable' (HostConfig.SecurityOpt)");
    expectRefused('kelvin-links', 'links to other containers (HostConfig.Links)');
    expectRefused('mount-lower', "the bind mount of '/' (HostConfig.Mounts[0].Source)");
    expect(answers['two-spellings']).toMatchObject({ status: 400, message: expect.stringContaining("it sets 'Privileged' twice under different spellings") });
    expectRefused('top-level', "the top-level field 'Privileged': host settings belong in HostConfig");
    expectRefused('oom-shield', 'a negative OOM score (HostConfig.OomScoreAdj=-1000)');
    expectRefused('realtime', 'realtime CPU scheduling (HostConfig.CpuRealtimeRuntime)');
    expect(answers['semicolon']).toMatchObject({ status: 400, message: expect.stringContaining("a query holding ';'") });
    const narrow = await startDockerPolicyProxy({ plugin: PLUGIN, upstreamSocket: '/var/run/docker.sock', socketPath: join(dir, 'narrow.sock'), allowedRoots: [root] });
    try {
      await symlink('/var/run', join(root, 'innocent-looking'));
      const escape = await new Docker({ socketPath: narrow.socketPath })
        .createContainer({ Image: image, HostConfig: { Mounts: [{ Type: 'bind', Source: join(root, 'innocent-looking'), Target: '/x' }] } })
        .catch((e: { statusCode: number; json: { message: string } }) => e);
      expect(escape).toMatchObject({ statusCode: 403, json: { message: expect.stringContaining(`refused the bind mount of '${join(root, 'innocent-looking')}' (HostConfig.Mounts[0].Source): it holds the Docker socket`) } });
      const error = await new Docker({ socketPath: narrow.socketPath }).createContainer({ Image: image, HostConfig: { Binds: ['/etc:/e'] } }).catch((e: { statusCode: number; json: { message: string } }) => e);
      expect(error).toMatchObject({ statusCode: 403 });
      expect((error as { json: { message: string } }).json.message).toBe(
        `berth docker.access policy: plugin '${PLUGIN}': refused the bind mount of '/etc' (HostConfig.Binds[0]): it is outside the plugin's allowed roots (${root}); add the folder to the plugin's allowed_roots`,
      );
    } finally {
      await narrow.close();
    }
    const leaked = await engine.listContainers({ all: true, filters: { label: [`berth.plugin=${PLUGIN}`] } });
    expect(leaked).toEqual([]);
    expect(decisions.filter((d) => !d.allowed).length).toBeGreaterThanOrEqual(15);
    expect(decisions.find((d) => d.reason?.includes('privileged'))).toMatchObject({ plugin: PLUGIN, permission: 'docker.access', target: 'POST /containers/create', allowed: false });
  });

  it("refuses to touch a container the plugin did not create, and hides it from listings", async () => {
    const id = foreign.id;
    const answers = await attack([
      { name: 'inspect', method: 'GET', path: `/v1.41/containers/${id}/json` },
      { name: 'stop', method: 'POST', path: `/containers/${id}/stop` },
      { name: 'kill', method: 'POST', path: `/v1.41/containers/${id}/kill` },
      { name: 'remove', method: 'DELETE', path: `/v1.41/containers/${id}?force=1` },
      { name: 'exec', method: 'POST', path: `/v1.41/containers/${id}/exec`, body: { Cmd: ['id'] } },
      { name: 'archive', method: 'GET', path: `/v1.41/containers/${id}/archive?path=/etc` },
      { name: 'logs', method: 'GET', path: `/v1.41/containers/${id}/logs?stdout=1` },
      { name: 'list', method: 'GET', path: '/v1.41/containers/json?all=1' },
    ]);
    for (const name of ['inspect', 'stop', 'kill', 'remove', 'exec', 'archive', 'logs']) {
      expect(answers[name]?.status, name).toBe(403);
      expect(answers[name]?.message, name).toBe(
        `berth docker.access policy: plugin '${PLUGIN}': refused access to container '${id}': it was not created by plugin '${PLUGIN}' (it lacks the label berth.plugin=${PLUGIN}); a plugin may only touch what it created`,
      );
    }
    expect(answers['list']?.status).toBe(200);
    expect(answers['list']?.message).not.toContain(id);
    expect((await foreign.inspect()).State.Running).toBe(true);
  });

  it('refuses endpoints off the allow-list, path tricks, form bodies, remote builds and volume driver options', async () => {
    const answers = await attack([
      { name: 'swarm', method: 'POST', path: '/v1.41/swarm/init', body: {} },
      { name: 'plugins', method: 'POST', path: '/v1.41/plugins/pull?remote=evil', body: [] },
      { name: 'update', method: 'POST', path: `/v1.41/containers/${foreign.id}/update`, body: { Memory: 0 } },
      { name: 'commit', method: 'POST', path: `/v1.41/commit?container=${foreign.id}` },
      { name: 'events', method: 'GET', path: '/v1.41/events' },
      { name: 'dot-dot', method: 'POST', path: '/v1.41/containers/x/../../swarm/init' },
      { name: 'encoded', method: 'GET', path: `/v1.41/containers/abc%2F..%2F${foreign.id}/json` },
      { name: 'form-prune', method: 'POST', path: '/v1.41/containers/prune', body: 'filters=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { name: 'remote-build', method: 'POST', path: '/v1.41/build?remote=https://example.com/x.tar&t=evil' },
      { name: 'import', method: 'POST', path: '/v1.41/images/create?fromSrc=https://example.com/rootfs.tar' },
      { name: 'macvlan', method: 'POST', path: '/v1.41/networks/create', body: { Name: `mv-${RUN}`, Driver: 'macvlan', Options: { parent: 'eth0' } } },
      { name: 'bridge-name', method: 'POST', path: '/v1.41/networks/create', body: { Name: `br-${RUN}`, options: { 'com.docker.network.bridge.name': 'docker0' } } },
      { name: 'build-over', method: 'POST', path: `/v1.41/build?t=${encodeURIComponent(image)}` },
      { name: 'build-cgroup', method: 'POST', path: `/v1.41/build?t=x-${RUN}:1&cgroupparent=/` },
      { name: 'log-out', method: 'POST', path: '/v1.41/containers/create', body: { Image: image, HostConfig: { LogConfig: { Type: 'gelf', Config: { 'gelf-address': 'udp://203.0.113.1:12201' } } } } },
      { name: 'volume-bind', method: 'POST', path: '/v1.41/volumes/create', body: { Name: `evil-${RUN}`, DriverOpts: { type: 'none', o: 'bind', device: '/' } } },
    ]);
    for (const name of ['swarm', 'plugins', 'update', 'commit', 'events']) {
      expect(answers[name]?.status, name).toBe(403);
      expect(answers[name]?.message, name).toMatch(/refused (POST|GET) \/.+: this Docker API endpoint is not on the allow-list of the docker.access policy$/);
    }
    expect(answers['dot-dot']).toMatchObject({ status: 400, message: expect.stringContaining('dot segments, doubled or encoded slashes') });
    expect(answers['encoded']).toMatchObject({ status: 400 });
    expect(answers['form-prune']).toMatchObject({ status: 400, message: expect.stringContaining('a form-encoded body') });
    expect(answers['remote-build']).toMatchObject({ status: 403, message: expect.stringContaining('a build from a remote context (remote)') });
    expect(answers['import']).toMatchObject({ status: 403, message: expect.stringContaining('importing an image (fromSrc)') });
    expect(answers['macvlan']).toMatchObject({ status: 403, message: expect.stringContaining("refused a network with driver 'macvlan' (Driver): only bridge networks are allowed") });
    expect(answers['bridge-name']).toMatchObject({ status: 403, message: expect.stringContaining('choosing the bridge interface') });
    expect(answers['build-over']).toMatchObject({ status: 403, message: expect.stringContaining(`refused naming an image '${image}': that name belongs to an image plugin '${PLUGIN}' did not build`) });
    expect(answers['build-cgroup']).toMatchObject({ status: 403, message: expect.stringContaining('a build with a cgroup parent (cgroupparent)') });
    expect(answers['log-out']).toMatchObject({ status: 403, message: expect.stringContaining("the log driver 'gelf' (HostConfig.LogConfig.Type)") });
    expect(answers['volume-bind']).toMatchObject({ status: 403, message: expect.stringContaining('volume driver options (DriverOpts)') });
    await expect(engine.getVolume(`evil-${RUN}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses legacy API versions and drops bodies the route does not take (HostConfig on start)', async () => {
    const own = await viaProxy.createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: { 'berth.test.suite': RUN } });
    try {
      const legacy = { Privileged: true, Binds: ['/:/host'] };
      const answers = await attack([
        { name: 'v1.23-start', method: 'POST', path: `/v1.23/containers/${own.id}/start`, body: legacy },
        { name: 'start-with-body', method: 'POST', path: `/containers/${own.id}/start`, body: legacy },
      ]);
      expect(answers['v1.23-start']).toMatchObject({ status: 400, message: expect.stringContaining('refused API version v1.23: versions older than 1.24') });
      expect(answers['start-with-body']?.status).toBe(204);
      const info = await engine.getContainer(own.id).inspect();
      expect(info.HostConfig.Privileged).toBe(false);
      expect(info.HostConfig.Binds ?? []).toEqual([]);
    } finally {
      await own.remove({ force: true });
    }
  });

  it('never lets a request hidden behind an upgrade reach the engine', async () => {
    const SMUGGLER = fileURLToPath(new URL('./fixtures/smuggler.mjs', import.meta.url));
    const own = await viaProxy.createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: { 'berth.test.suite': RUN } });
    await own.start();
    const exec = await own.exec({ Cmd: ['true'] });
    const tries: [string, string][] = [
      ['/v1.41/exec/0000000000000000000000000000000000000000000000000000000000000000/start', '{"Detach":false}'],
      [`/v1.41/exec/${exec.id}/start`, '{"Detach":true}'],
      ['/v1.41/containers/no-such-container/attach?stream=1&stdout=1', ''],
    ];
    for (const [path, body] of tries) {
      const { stdout } = await run(process.execPath, [SMUGGLER, proxy.socketPath, path, body, image, RUN]);
      const answered = JSON.parse(stdout) as string;
      expect(answered.match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0, `${path}: ${answered}`).toBeLessThanOrEqual(1);
      expect(answered).not.toContain('201 Created');
    }
    const hidden = await engine.listContainers({ all: true, filters: { label: [`berth.test.suite=${RUN}`] } });
    await own.remove({ force: true });
    expect(hidden.map((c) => c.Id).filter((id) => id !== own.id && id !== foreign.id)).toEqual([]);
  });

  it('forwards what is allowed: labels forced on create, exec over a hijacked stream, logs, archive, removal', async () => {
    const box = await viaProxy.createContainer({ Image: image, Cmd: ['sleep', '120'], Labels: { 'berth.plugin': 'someone-else', 'berth.test.suite': RUN } });
    const info = await engine.getContainer(box.id).inspect();
    expect(info.Config.Labels).toMatchObject({ 'berth.plugin': PLUGIN, 'berth.managed': 'true', 'berth.test.suite': RUN });
    await box.start();
    const exec = await box.exec({ Cmd: ['sh', '-c', 'echo out; echo err >&2'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve) => {
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', resolve);
    });
    const output = Buffer.concat(chunks).toString('latin1');
    expect(output).toContain('out\n');
    expect(output).toContain('err\n');
    expect((await exec.inspect()).ExitCode).toBe(0);
    const listed = await viaProxy.listContainers({ all: true });
    expect(listed.map((c) => c.Id)).toContain(box.id);
    expect(listed.map((c) => c.Id)).not.toContain(foreign.id);
    expect(listed.every((c) => c.Labels['berth.plugin'] === PLUGIN)).toBe(true);
    await box.remove({ force: true });
    expect(decisions.some((d) => d.allowed && d.target === 'POST /containers/create')).toBe(true);
  });

  it('streams: logs with follow as they come, and pull progress from a registry', async () => {
    const ticker = await viaProxy.createContainer({ Image: image, Cmd: ['sh', '-c', 'while true; do echo tick; sleep 0.2; done'], Labels: { 'berth.test.suite': RUN } });
    await ticker.start();
    try {
      const stream = (await ticker.logs({ follow: true, stdout: true })) as NodeJS.ReadableStream & { destroy(): void };
      const ticks = await new Promise<number>((resolve) => {
        let seen = 0;
        stream.on('data', (chunk: Buffer) => {
          seen += chunk.toString('latin1').split('tick').length - 1;
          if (seen >= 3) resolve(seen);
        });
      });
      stream.destroy();
      expect(ticks).toBeGreaterThanOrEqual(3);
    } finally {
      await ticker.remove({ force: true });
    }
    const registry = await startLocalRegistry({ [image]: `berth-test/proxied-${process.pid}:1` });
    const name = `${registry.host}/berth-test/proxied-${process.pid}:1`;
    try {
      const events: { status?: string }[] = [];
      const stream = await viaProxy.pull(name);
      await new Promise((resolve, reject) => viaProxy.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve(undefined)), (ev: { status?: string }) => events.push(ev)));
      expect(events.map((e) => e.status)).toContain(`Status: Downloaded newer image for ${name}`);
    } finally {
      await registry.close();
      await engine.getImage(name).remove({ force: true }).catch(() => undefined);
    }
  });

  it('serves the docker CLI (attach over Upgrade, wait, --rm) and refuses its --privileged', async () => {
    const host = `unix://${proxy.socketPath}`;
    const { stdout } = await run('docker', ['-H', host, 'run', '--rm', '--label', `berth.test.suite=${RUN}`, image, 'echo', 'through the proxy']);
    expect(stdout).toBe('through the proxy\n');
    const refused = await run('docker', ['-H', host, 'run', '--rm', '--privileged', image, 'true']).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain(`berth docker.access policy: plugin '${PLUGIN}': refused a privileged container (HostConfig.Privileged)`);
  });
});
