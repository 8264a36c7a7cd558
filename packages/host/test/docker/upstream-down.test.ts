import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerPolicyProxy } from '@berth/host';
import { describe, expect, it } from 'vitest';

/** `GET path` on a UNIX socket: status and `message`. */
function get(socketPath: string, path: string): Promise<{ status: number; message: string }> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(text) as { message: string }).message }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the policy socket when the engine is down', () => {
  it('answers 502 "Docker is not reachable at <upstream>" for forwarded and for checked requests, and removes its socket on close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-proxy-down-'));
    const upstream = join(dir, 'no-engine.sock');
    const proxy = await startDockerPolicyProxy({ plugin: 'p', upstreamSocket: upstream, socketPath: join(dir, 'p.sock') });
    try {
      const ping = await get(proxy.socketPath, '/_ping');
      expect(ping.status).toBe(502);
      expect(ping.message).toMatch(new RegExp(`^Docker is not reachable at ${upstream}: connect ENOENT`));
      const inspect = await get(proxy.socketPath, '/v1.41/containers/abc/json');
      expect(inspect.status).toBe(502);
      expect(inspect.message).toMatch(new RegExp(`^Docker is not reachable at ${upstream}: connect ENOENT .*\\(berth docker.access policy could not check the request\\)$`));
    } finally {
      await proxy.close();
    }
    await expect(get(proxy.socketPath, '/_ping')).rejects.toMatchObject({ code: 'ENOENT' });
    await rm(dir, { recursive: true, force: true });
  });
});
