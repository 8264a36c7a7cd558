import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker, startLocalRegistry } from '../../../../test/support/docker/index.js';
import type { LocalRegistry } from '../../../../test/support/docker/index.js';
import { connect, data, engine, leftovers } from '../support/client.js';
import type { Connected } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `pull-${process.pid}`;

/** Pulls against a registry on 127.0.0.1 serving the locally built busybox image: no outside registry involved. */
describe.skipIf(!docker.available)('image_pull and pull-on-run, against a local registry', () => {
  let registry: LocalRegistry;
  let mcp: Connected;
  let pulled: string[] = [];

  beforeAll(async () => {
    const image = await ensureBusyboxImage();
    registry = await startLocalRegistry({ [image]: `berth-test/pullable-${process.pid}:1` });
    mcp = await connect({});
  });

  afterAll(async () => {
    await mcp?.close();
    await registry?.close();
    for (const name of pulled) await engine.getImage(name).remove({ force: true }).catch(() => undefined);
    expect(await leftovers(`berth.test.suite=${RUN}`)).toEqual({ containers: [], networks: [] });
  });

  it('pulls an image, reporting the layers as MCP progress notifications', async () => {
    const name = `${registry.host}/berth-test/pullable-${process.pid}:1`;
    pulled.push(name);
    await engine.getImage(name).remove({ force: true }).catch(() => undefined);
    const progress: string[] = [];
    const result = await mcp.client.callTool({ name: 'image_pull', arguments: { image: name } }, undefined, {
      onprogress: (p) => progress.push(p.message ?? ''),
      timeout: 120_000,
    });
    expect(result.isError, JSON.stringify(result.content)).not.toBe(true);
    expect(progress).toContain(`1: Pulling from berth-test/pullable-${process.pid}`);
    expect(progress).toContain(`Status: Downloaded newer image for ${name}`);
    expect(registry.served()).toBeGreaterThan(0);
    const info = await engine.getImage(name).inspect();
    expect((result.structuredContent as { id: string }).id).toBe(info.Id);
  });

  it('pulls a missing image when running it', async () => {
    const name = `${registry.host}/berth-test/pullable-${process.pid}:1`;
    await engine.getImage(name).remove({ force: true }).catch(() => undefined);
    const ran = data(await mcp.call('container_run', { image: name, command: 'echo pulled and ran', wait: true, auto_remove: true, labels: { 'berth.test.suite': RUN } }));
    expect(ran).toMatchObject({ exitCode: 0, stdout: 'pulled and ran\n' });
  });
});
