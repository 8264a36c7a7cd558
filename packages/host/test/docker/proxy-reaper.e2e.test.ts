import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { startDockerPolicyProxy } from '@berth/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';

const docker = await skipUnlessDocker();
const DOOMED = fileURLToPath(new URL('./fixtures/doomed-host.mjs', import.meta.url));
const RUN = `preap-${process.pid}`;
const engine = new Docker({ socketPath: '/var/run/docker.sock' });
const exists = (kind: 'container' | 'network', id: string): Promise<boolean> =>
  (kind === 'container' ? engine.getContainer(id).inspect() : engine.getNetwork(id).inspect()).then(() => true, () => false);

describe.skipIf(!docker.available)('the policy socket reaps what its plugin leaves behind', () => {
  let dir: string;
  let image: string;

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    dir = await mkdtemp(join(tmpdir(), 'berth-preap-'));
  });

  afterAll(async () => {
    const left = await engine.listContainers({ all: true, filters: { label: [`berth.test.suite=${RUN}`] } });
    for (const c of left) await engine.getContainer(c.Id).remove({ force: true });
    const nets = await engine.listNetworks({ filters: { label: [`berth.test.suite=${RUN}`] } });
    for (const n of nets) await engine.getNetwork(n.Id).remove();
    await rm(dir, { recursive: true, force: true });
    expect(left.map((c) => c.Id)).toEqual([]);
    expect(nets.map((n) => n.Id)).toEqual([]);
  });

  it('removes, on close, the containers and networks created through it, and nothing else', async () => {
    const proxy = await startDockerPolicyProxy({ plugin: 'reaped', upstreamSocket: '/var/run/docker.sock', socketPath: join(dir, 'a.sock') });
    const client = new Docker({ socketPath: proxy.socketPath });
    const box = await client.createContainer({ Image: image, Cmd: ['sleep', '300'], Labels: { 'berth.test.suite': RUN } });
    await box.start();
    const net = await client.createNetwork({ Name: `reaped-${RUN}`, Labels: { 'berth.test.suite': RUN } });
    expect((await engine.getContainer(box.id).inspect()).Config.Labels).toMatchObject({ 'berth.host.pid': String(process.pid) });
    const bystander = await engine.createContainer({ Image: image, Cmd: ['true'], Labels: { 'berth.plugin': 'reaped', 'berth.test.suite': RUN } });
    await proxy.close();
    expect(await exists('container', box.id)).toBe(false);
    expect(await exists('network', net.id)).toBe(false);
    expect(await exists('container', bystander.id)).toBe(true);
    await bystander.remove({ force: true });
  });

  it("at start, removes what a killed host's run left, and leaves a live run's alone", async () => {
    const live = await startDockerPolicyProxy({ plugin: 'reaped', upstreamSocket: '/var/run/docker.sock', socketPath: join(dir, 'live.sock') });
    const kept = await new Docker({ socketPath: live.socketPath }).createContainer({ Image: image, Cmd: ['true'], Labels: { 'berth.test.suite': RUN } });
    const child = spawn(process.execPath, [DOOMED, join(dir, 'doomed.sock'), 'reaped', image, RUN], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const left = JSON.parse(line) as { container: string; network: string };
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await exists('container', left.container)).toBe(true);
    const next = await startDockerPolicyProxy({ plugin: 'reaped', upstreamSocket: '/var/run/docker.sock', socketPath: join(dir, 'next.sock') });
    try {
      expect(await exists('container', left.container)).toBe(false);
      expect(await exists('network', left.network)).toBe(false);
      expect(await exists('container', kept.id)).toBe(true);
    } finally {
      await next.close();
      await live.close();
    }
    expect(await exists('container', kept.id)).toBe(false);
  });
});
