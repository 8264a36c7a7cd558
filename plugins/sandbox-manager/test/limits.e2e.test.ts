import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapCase, dockerCase } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';
import type { StartedPlugin } from './support/harness.js';

/** Every IPv4 address of this machine (loopback, docker0's gateway, the LAN one). */
function hostAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
}

const CONNECT = (port: number, hosts: string[]): string =>
  `const net=require('net');let left=${hosts.length};for(const h of ${JSON.stringify(hosts)}){const s=net.connect({host:h,port:${port},timeout:1500});` +
  `s.on('connect',()=>{console.log('CONNECTED '+h);s.destroy();if(--left===0)process.exit(0)});` +
  `s.on('timeout',()=>{console.log('TIMEOUT '+h);s.destroy();if(--left===0)process.exit(0)});` +
  `s.on('error',e=>{console.log('FAILED '+h+' '+e.code);if(--left===0)process.exit(0)})}`;

/** Acceptance 2: the limits hold on each backend. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`limits hold (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    let plugin: StartedPlugin;
    let listener: Server;
    let connections = 0;
    beforeAll(async () => {
      backend = await load();
      if (backend.skip !== undefined) return;
      plugin = await startPlugin(backend.settings);
      listener = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
    }, 120_000);
    afterAll(async () => {
      listener?.close();
      await plugin?.stop();
    });

    const create = async (args: Record<string, number | string>): Promise<string> => String((await plugin.call('create', args))['id']);

    it('kills a memory bomb and reports it as out of memory', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({ memory_mb: backend.name === 'docker' ? 96 : 1024 });
      const ran = await plugin.call('exec', { sandbox: id, command: ['node', '-e', 'const a=[];for(;;)a.push(Buffer.alloc(1<<20,1))'], timeout_seconds: 60 });
      expect(ran['killed']).toBe('killed: out of memory');
      expect(ran['exit_code']).not.toBe(0);
      const again = await plugin.call('exec', { sandbox: id, command: 'echo alive' });
      expect(again).toMatchObject({ exit_code: 0, stdout: 'alive\n' });
    }, 90_000);

    it('kills a busy loop at its time limit and says so', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({});
      const ran = await plugin.call('exec', { sandbox: id, command: ['node', '-e', 'for(;;){}'], timeout_seconds: 2 });
      expect(ran['killed']).toBe('killed: time limit 2 s');
      expect(ran['exit_code']).toBe(137);
      expect(ran['duration_ms']).toBeGreaterThanOrEqual(2000);
      expect(ran['duration_ms']).toBeLessThan(15_000);
    }, 60_000);

    it('kills a command its caller cancels, and says so', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({});
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 1500);
      const ran = await plugin.call('exec', { sandbox: id, command: 'sleep 60', timeout_seconds: 60 }, abort.signal);
      expect(ran['killed']).toBe('killed: cancelled by the caller');
      expect(ran['duration_ms']).toBeLessThan(15_000);
    }, 60_000);

    it('stops a fork bomb at the process limit', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({ pids: 24 });
      const script = 'i=0; while [ $i -lt 100 ]; do (sleep 4 &) ; i=$((i+1)); done; ls -d /proc/[0-9]* | wc -l';
      const ran = await plugin.call('exec', { sandbox: id, command: script, timeout_seconds: 30 });
      expect(String(ran['stderr'])).toMatch(/fork|Resource temporarily unavailable/i);
      expect(Number(String(ran['stdout']).trim())).toBeLessThanOrEqual(24);
    }, 60_000);

    it('with network none, cannot connect to a listener on the host', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({});
      const port = (listener.address() as { port: number }).port;
      const hosts = hostAddresses();
      const ran = await plugin.call('exec', { sandbox: id, command: ['node', '-e', CONNECT(port, hosts)], timeout_seconds: 30 });
      const lines = String(ran['stdout']).trim().split('\n');
      expect(lines).toHaveLength(hosts.length);
      for (const line of lines) expect(line).toMatch(/^(FAILED|TIMEOUT) /);
      expect(connections).toBe(0);
      const inspected = await plugin.call('inspect', { sandbox: id });
      expect(inspected['limits']).toMatchObject({ network: 'none' });
    }, 60_000);

    it('control: with allow_network and network open, the same probe reaches the listener', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const open = await startPlugin({ ...backend.settings, allow_network: true });
      try {
        const id = String((await open.call('create', { network: 'open' }))['id']);
        const port = (listener.address() as { port: number }).port;
        const ran = await open.call('exec', { sandbox: id, command: ['node', '-e', CONNECT(port, hostAddresses())], timeout_seconds: 30 });
        expect(String(ran['stdout'])).toMatch(/^CONNECTED /m);
        expect(connections).toBeGreaterThan(0);
        connections = 0;
      } finally {
        await open.stop();
      }
    }, 60_000);

    it('cannot write outside the workspace and /tmp', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const id = await create({});
      for (const path of ['/x', '/etc/x', '/usr/x', '/bin/x', '/proc/x']) {
        const ran = await plugin.call('exec', { sandbox: id, command: `echo x > ${path}` });
        expect(ran['exit_code'], path).not.toBe(0);
        expect(String(ran['stderr']), path).toMatch(/Read-only file system|Permission denied|No such file|can't create|cannot create/i);
      }
      const ok = await plugin.call('exec', { sandbox: id, command: 'echo a > /tmp/a && echo b > /workspace/b && cat /tmp/a /workspace/b' });
      expect(ok).toMatchObject({ exit_code: 0, stdout: 'a\nb\n' });
    }, 60_000);

    it('outlives neither its lifetime nor its idle timeout, even when nobody calls again', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const short = await create({ lifetime_seconds: 2 });
      const idle = await create({ lifetime_seconds: 600, idle_timeout_seconds: 2 });
      const kept = await create({ lifetime_seconds: 600, idle_timeout_seconds: 600 });
      const extended = await create({ lifetime_seconds: 2 });
      const moved = await plugin.call('extend', { sandbox: extended, seconds: 120 });
      expect(moved['next_deadline']).toMatchObject({ why: 'lifetime' });
      expect(Date.parse(String(moved['expires'])) - Date.now()).toBeGreaterThan(100_000);
      const backendIds = async (): Promise<string[]> => (await plugin.runtime.manager()).backend.findAll().then((all) => all.map((s) => s.id));
      expect(await backendIds()).toEqual(expect.arrayContaining([short, idle, kept, extended]));
      await new Promise((resolve) => setTimeout(resolve, 4500));
      const ids = await backendIds();
      expect(ids).not.toContain(short);
      expect(ids).not.toContain(idle);
      expect(ids).toContain(kept);
      expect(ids).toContain(extended);
      await expect(plugin.call('exec', { sandbox: short, command: 'true' })).rejects.toMatchObject({ code: 'BERTH_SANDBOX_NOT_FOUND', message: expect.stringContaining(`no sandbox '${short}'`) });
    }, 60_000);
  });
}
