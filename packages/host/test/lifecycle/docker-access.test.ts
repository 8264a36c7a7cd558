import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
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

describe('a plugin whose Docker engine is plain TCP to another machine', () => {
  it('starts, and the host logs a warning naming the plugin, the address and the fix', async () => {
    const outward = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
    if (outward === undefined) throw new Error('this test needs a network interface besides loopback');
    const engine = `tcp://${outward}:2375`;
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-plain-tcp-'));
    try {
      await mkdir(path.join(dir, 'plugins', 'on-plain-tcp'), { recursive: true });
      const configuration = { docker_socket: { type: 'string', default: '/var/run/docker.sock' }, docker_host: { type: 'string' } };
      await writeFile(path.join(dir, 'plugins', 'on-plain-tcp', 'plugin.json'), JSON.stringify({ name: 'on-plain-tcp', version: '1.0.0', type: 'tool', main: 'index.js', permissions: ['docker.access'], configuration }));
      await writeFile(path.join(dir, 'plugins', 'on-plain-tcp', 'index.js'), 'export default { initialize() {} };\n');
      const lines: { level: number; msg: string; plugin?: string }[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]), done()) });
      const made = await tempHost([{ kind: 'extra', dir: path.join(dir, 'plugins') }], { logger: pino({ level: 'warn' }, sink) });
      try {
        await made.host.config.load();
        await made.host.config.update((config) => ({
          ...config,
          plugins: { ...config.plugins, 'on-plain-tcp': { grants: [{ permission: 'docker.access' }], approvedVersion: '1.0.0', settings: { docker_host: engine }, trusted: true } },
        }));
        await made.host.start();
        expect(made.host.get('on-plain-tcp')?.state).toBe('active');
        const warning = lines.find((l) => l.msg.includes('plain TCP without TLS'));
        expect(warning).toMatchObject({ level: 40, plugin: 'on-plain-tcp' });
        expect(warning?.msg).toContain(`plugin 'on-plain-tcp': Docker engine ${engine} is plain TCP without TLS`);
        expect(warning?.msg).toMatch(/Fix: turn TLS on/);
      } finally {
        await made.cleanup();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
