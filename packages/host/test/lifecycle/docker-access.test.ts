import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { lifecycleFixtures, tempHost } from '../support/temp-host.js';

const root = { kind: 'extra' as const, dir: path.join(lifecycleFixtures, '..', 'docker-access') };
let docker = { available: false } as { available: boolean; reason?: string };
beforeAll(async () => {
  docker = await skipUnlessDocker();
});

interface Probe {
  socket: string;
  raw: { error?: string; status?: number };
  version: { status?: number; text?: string };
  privileged: { status?: number; text?: string };
}

describe.each(['bwrap', 'nobwrap'] as const)('docker.access is served through the plugin’s own policy socket (%s)', { timeout: 60_000 }, (mode) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('points docker_socket at the policy socket, keeps the raw socket out of reach, and refuses a privileged container', async (ctx) => {
    if (!docker.available) return ctx.skip(docker.reason);
    const made = await tempHost([root], { sandboxMode: mode });
    cleanup = made.cleanup;
    await made.host.config.load();
    await made.host.config.setGrants('docker-prober', [{ permission: 'docker.access' }], '1.0.0');
    await made.host.start();
    expect(made.host.get('docker-prober')?.state).toBe('active');
    const probe = (await made.host.api.tools.call('docker-prober/probe', {})).structuredContent as unknown as Probe;
    expect(probe.socket).toBe(path.join(made.home, 'data', 'plugin-data', 'docker-prober', 'docker.sock'));
    expect(probe.raw.error).toMatch(/ERR_ACCESS_DENIED|ENOENT|EACCES/);
    expect(probe.version.status).toBe(200);
    expect(probe.privileged.status).toBe(403);
    expect(probe.privileged.text).toMatch(/[Pp]rivileged/);
    const audit = made.host.audit.read({ plugin: 'docker-prober' });
    expect(audit.some((r) => r.permission === 'docker.access' && !r.allowed && /containers\/create/.test(r.target ?? ''))).toBe(true);
  });
});
