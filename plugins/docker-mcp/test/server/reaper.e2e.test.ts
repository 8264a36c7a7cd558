import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, engine, eventually, leftovers } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `reap-${process.pid}`;
const SUITE = `berth.test.suite=${RUN}`;
const labels = { 'berth.test.suite': RUN };

/** True when the container no longer exists. */
async function gone(id: string): Promise<boolean> {
  return engine.getContainer(id).inspect().then(() => false, () => true);
}

describe.skipIf(!docker.available)('the reaper and clean stops', () => {
  let image: string;
  beforeAll(async () => {
    image = await ensureBusyboxImage();
  });
  afterAll(async () => {
    expect(await leftovers(SUITE)).toEqual({ containers: [], networks: [] });
  });

  it('removes what a run created when it stops cleanly (stdin closed)', async () => {
    const mcp = await connect({});
    const box = data(await mcp.call('container_run', { image, command: ['sleep', '300'], labels }));
    const net = data(await mcp.call('network_create', { name: `berth-${RUN}-clean`, labels }));
    await mcp.close();
    await eventually(async () => (await gone(String(box['id']))) && (await engine.getNetwork(String(net['id'])).inspect().then(() => false, () => true)));
  });

  it('after the server is killed mid-run, the next run reaps its containers and networks', async () => {
    const first = await connect({});
    const box = data(await first.call('container_run', { image, command: ['sleep', '300'], labels }));
    const net = data(await first.call('network_create', { name: `berth-${RUN}-killed`, labels }));
    const pid = first.transport.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    await eventually(async () => {
      try {
        process.kill(pid as number, 0);
        return false;
      } catch {
        return true;
      }
    });
    await first.close().catch(() => undefined);
    expect(await gone(String(box['id']))).toBe(false);
    const second = await connect({});
    try {
      await eventually(async () => (await leftovers(SUITE)).containers.length === 0 && (await leftovers(SUITE)).networks.length === 0);
      expect(await gone(String(box['id']))).toBe(true);
      await expect(engine.getNetwork(String(net['id'])).inspect()).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await second.close();
    }
  });

  it('leaves alone the containers of a run that is still alive', async () => {
    const alive = await connect({});
    const other = await connect({});
    try {
      const box = data(await alive.call('container_run', { image, command: ['sleep', '300'], labels }));
      await new Promise((r) => setTimeout(r, 2500));
      expect(await gone(String(box['id']))).toBe(false);
    } finally {
      await other.close();
      await alive.close();
    }
  });
});
