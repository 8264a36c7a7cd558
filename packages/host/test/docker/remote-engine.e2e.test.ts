import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { openEngine, probeEngine, startDockerPolicyProxy, tlsFilesIn } from '@berth/host';
import type { DockerPolicyProxy } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker, startTlsEngine } from '../../../../test/support/docker/index.js';
import type { TlsEngine } from '../../../../test/support/docker/index.js';

const docker = await skipUnlessDocker();
const RUN = `remote-${process.pid}`;
const labels = { 'berth.test.suite': RUN };
const DOOMED = fileURLToPath(new URL('./fixtures/doomed-host.mjs', import.meta.url));

/** A plugin's view: a dockerode client on its policy socket. */
const client = (proxy: DockerPolicyProxy): Docker => new Docker({ socketPath: proxy.socketPath });

/** The `message` of a failed dockerode call. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { statusCode?: number; json?: { message?: string } | null; message: string };
    return { status: e.statusCode ?? 0, message: e.json?.message ?? e.message };
  }
  throw new Error('expected a refusal');
}

/**
 * Acceptance 1 and 2 of remote engines at the policy socket: a second dockerd on a loopback TCP port speaking mutual
 * TLS with certificates made for this run; the same policy as on the local socket, binds refused unless mapped,
 * and a wrong CA or a missing client certificate answered with the engine's name and the fix.
 */
describe.skipIf(!docker.available)('the policy socket in front of a remote engine (tcp:// with mutual TLS)', () => {
  let remote: TlsEngine;
  let dir: string;
  let root: string;
  let mapped: string;
  let proxy: DockerPolicyProxy;
  let other: DockerPolicyProxy;
  let engine: Docker;
  let image: string;

  beforeAll(async () => {
    remote = await startTlsEngine();
    image = await ensureBusyboxImage(undefined, `unix://${remote.socketPath}`);
    engine = new Docker({ socketPath: remote.socketPath });
    dir = await mkdtemp(join(tmpdir(), 'berth-remote-'));
    root = await mkdtemp(join(tmpdir(), 'berth-remote-root-'));
    mapped = await mkdtemp(join(tmpdir(), 'berth-remote-mapped-'));
    await chmod(mapped, 0o755);
    const address = { host: remote.host, source: 'the test', tls: tlsFilesIn(remote.certDir), pathMap: { [root]: mapped } };
    proxy = await startDockerPolicyProxy({ plugin: 'remote-p', engine: openEngine(address), socketPath: join(dir, 'p.sock'), allowedRoots: [root] });
    other = await startDockerPolicyProxy({ plugin: 'remote-other', engine: openEngine(address), socketPath: join(dir, 'o.sock') });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await other?.close();
    await remote?.stop();
    for (const folder of [dir, root, mapped]) if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('runs a container there through TLS, with the plugin labels forced and the run recorded', async () => {
    expect(proxy.engine).toMatchObject({ transport: 'tcp', local: false, name: `${remote.host} (TLS)` });
    const box = await client(proxy).createContainer({ Image: image, Cmd: ['echo', 'over tls'], Labels: { ...labels, 'berth.plugin': 'forged' }, HostConfig: { NetworkMode: 'none' } });
    await box.start();
    await box.wait();
    const seen = await engine.getContainer(box.id).inspect();
    expect(seen.Config.Labels).toMatchObject({ 'berth.plugin': 'remote-p', 'berth.managed': 'true', 'berth.host.pid': String(process.pid) });
    expect(seen.Config.Labels['berth.host.machine']).toMatch(/^[0-9a-f]{16}$/);
    const logs = (await box.logs({ stdout: true })).toString('utf8');
    expect(logs).toContain('over tls');
    await box.remove();
  });

  it('refuses a privileged container, as on a local engine', async () => {
    const answer = await refusal(client(proxy).createContainer({ Image: image, Labels: labels, HostConfig: { Privileged: true } }));
    expect(answer).toEqual({ status: 403, message: "berth docker.access policy: plugin 'remote-p': refused a privileged container (HostConfig.Privileged): it would weaken the isolation between the container and the host" });
  });

  it("keeps another plugin's container invisible and untouchable", async () => {
    const theirs = await client(other).createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
    try {
      const listed = await client(proxy).listContainers({ all: true });
      expect(listed.map((c) => c.Id)).not.toContain(theirs.id);
      expect((await client(other).listContainers({ all: true })).map((c) => c.Id)).toContain(theirs.id);
      const answer = await refusal(client(proxy).getContainer(theirs.id).inspect());
      expect(answer.status).toBe(403);
      expect(answer.message).toContain(`refused access to container '${theirs.id}': it was not created by plugin 'remote-p'`);
    } finally {
      await client(other).getContainer(theirs.id).remove({ force: true });
    }
  });

  it('refuses a bind of an unmapped host folder, and rewrites a mapped one to its path on the engine’s machine', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'berth-remote-unmapped-'));
    try {
      const unmapped = await startDockerPolicyProxy({ plugin: 'remote-p', engine: openEngine({ host: remote.host, source: 'the test', tls: tlsFilesIn(remote.certDir) }), socketPath: join(dir, 'u.sock'), allowedRoots: [root, outside], reap: false });
      try {
        const answer = await refusal(client(unmapped).createContainer({ Image: image, Labels: labels, HostConfig: { Binds: [`${outside}:/data:ro`] } }));
        expect(answer.status).toBe(403);
        expect(answer.message).toContain(`refused the bind mount of '${outside}' (HostConfig.Binds[0]): the engine ${remote.host} (TLS) is remote and does not see this host's folders; map the folder to its path on the engine's machine in the plugin's docker_path_map setting`);
      } finally {
        await unmapped.close();
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
    await mkdir(join(root, 'src'));
    await mkdir(join(mapped, 'src'));
    await writeFile(join(mapped, 'src', 'seen.txt'), 'the remote side\n');
    const box = await client(proxy).createContainer({
      Image: image,
      Cmd: ['cat', '/data/seen.txt', '/more/seen.txt'],
      Labels: labels,
      HostConfig: { NetworkMode: 'none', Binds: [`${join(root, 'src')}:/data:ro`], Mounts: [{ Type: 'bind', Source: join(root, 'src'), Target: '/more', ReadOnly: true }] },
    });
    try {
      const seen = await engine.getContainer(box.id).inspect();
      expect(seen.HostConfig.Binds).toEqual([`${join(mapped, 'src')}:/data:ro`]);
      expect(seen.HostConfig.Mounts?.[0]?.Source).toBe(join(mapped, 'src'));
      await box.start();
      await box.wait();
      expect((await box.logs({ stdout: true })).toString('utf8')).toContain('the remote side');
    } finally {
      await box.remove({ force: true });
    }
  });

  it("reaps there, at start, what a killed host's run left, and leaves a live run's alone", async () => {
    const kept = await client(proxy).createContainer({ Image: image, Cmd: ['true'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
    const child = spawn(process.execPath, [DOOMED, join(dir, 'doomed.sock'), 'remote-p', image, RUN, remote.host, remote.certDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const left = (JSON.parse(line) as { container: string }).container;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect((await engine.getContainer(left).inspect()).Config.Labels).toMatchObject({ 'berth.plugin': 'remote-p' });
    const next = await startDockerPolicyProxy({ plugin: 'remote-p', engine: openEngine({ host: remote.host, source: 'the test', tls: tlsFilesIn(remote.certDir) }), socketPath: join(dir, 'next.sock') });
    try {
      await expect(engine.getContainer(left).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await engine.getContainer(kept.id).inspect()).Id).toBe(kept.id);
    } finally {
      await next.close();
      await kept.remove({ force: true });
    }
  });

  it('answers a wrong CA with the engine, the CA file and the fix', async () => {
    const wrong = openEngine({ host: remote.host, source: 'setting docker_host', tls: tlsFilesIn(remote.wrongCaDir) });
    const probe = await probeEngine(wrong);
    expect(probe).toMatchObject({ reachable: false, failure: { kind: 'tls' } });
    expect(probe.failure?.reason).toContain(`the engine's TLS certificate is not signed by the CA in ${remote.wrongCaDir}/ca.pem`);
    const bad = await startDockerPolicyProxy({ plugin: 'remote-p', engine: wrong, socketPath: join(dir, 'bad.sock'), reap: false });
    try {
      const answer = await refusal(client(bad).ping());
      expect(answer.status).toBe(502);
      expect(answer.message).toContain(`Docker is not reachable at ${remote.host} (TLS) (from setting docker_host): the engine's TLS certificate is not signed by the CA in ${remote.wrongCaDir}/ca.pem`);
      expect(answer.message).toContain("Fix: put the CA that signed the engine's certificate in");
    } finally {
      await bad.close();
    }
  });

  it('answers a missing client certificate with the engine, the folder and the fix', async () => {
    const anonymous = openEngine({ host: remote.host, source: 'setting docker_host', tls: tlsFilesIn(remote.noClientCertDir) });
    const probe = await probeEngine(anonymous);
    expect(probe).toMatchObject({ reachable: false, failure: { kind: 'tls' } });
    expect(probe.failure?.reason).toContain(`the engine refused the TLS handshake: no client certificate was presented (none in ${remote.noClientCertDir})`);
    expect(probe.failure?.fix).toContain(`${remote.noClientCertDir}/cert.pem`);
  });
});
