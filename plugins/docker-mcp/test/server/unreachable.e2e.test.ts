import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, failure } from '../support/client.js';
import type { Connected } from '../support/client.js';
import { SocketRelay } from '../support/relay.js';

const docker = await skipUnlessDocker();

describe.skipIf(!docker.available)('Docker going away mid-session', () => {
  let dir: string;
  let relay: SocketRelay;
  let mcp: Connected;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-dmcp-relay-'));
    relay = new SocketRelay(join(dir, 'docker.sock'));
    await relay.up();
    mcp = await connect({ docker_socket: relay.path });
  });

  afterAll(async () => {
    await mcp?.close();
    await relay?.down();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers "not reachable" while Docker is away, stays up, reports health, and recovers when it is back', async () => {
    expect(data(await mcp.call('system_health'))).toMatchObject({ reachable: true, endpoint: relay.path });
    await relay.down();
    const error = failure(await mcp.call('container_list', {}));
    expect(error.code).toBe('BERTH_DOCKER_UNREACHABLE');
    expect(error.message).toMatch(new RegExp(`^Docker is not reachable at ${relay.path}: ENOENT.*\\. Start dockerd or set docker_socket`));
    const health = data(await mcp.call('system_health'));
    expect(health).toMatchObject({ reachable: false, endpoint: relay.path });
    expect(String(health['error'])).toContain(`Docker is not reachable at ${relay.path}`);
    await relay.up();
    expect(data(await mcp.call('container_list', {}))).toHaveProperty('containers');
    expect(data(await mcp.call('system_health'))).toMatchObject({ reachable: true });
  });

  it('starts and serves its tools even when Docker is absent from the start', async () => {
    const orphan = await connect({ docker_socket: join(dir, 'nothing-here.sock') });
    try {
      expect((await orphan.client.listTools()).tools.length).toBe(38);
      const error = failure(await orphan.call('system_info'));
      expect(error.code).toBe('BERTH_DOCKER_UNREACHABLE');
      expect(error.message).toContain(`Docker is not reachable at ${join(dir, 'nothing-here.sock')}: ENOENT`);
    } finally {
      await orphan.close();
    }
  });
});
