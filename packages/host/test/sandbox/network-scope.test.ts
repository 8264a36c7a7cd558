import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePermissions } from '@berth/sdk';
import { ProcessRunner, type PluginInstance, type SandboxMode } from '@berth/host';
import { createHarness, FIXTURES, runnable, type Harness } from './harness.js';

describe.each(['bwrap', 'nobwrap'] as const)('a network grant scoped to hosts (%s)', (mode: SandboxMode) => {
  let h: Harness;
  let instance: PluginInstance;
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    h = createHarness();
    server = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const plugin = runnable(`${FIXTURES}net-scoped`);
    h.grants.set(plugin.name, normalizePermissions([{ permission: 'network', hosts: ['127.0.0.1'] }]).map((g) => ({ ...g })));
    instance = await new ProcessRunner({ mode, grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }).start(plugin, h.context(plugin));
  });
  afterAll(async () => {
    await instance?.stop();
    server?.close();
    h?.cleanup();
  });

  const reach = async (way: string, host = '127.0.0.1') =>
    (await h.api.tools.call('net-scoped/reach', { way, host, port })).structuredContent as { ok: boolean; result?: string; code?: string };

  it('reaches a granted host through net, http and fetch', async () => {
    expect(await reach('net')).toEqual({ ok: true, result: 'connected' });
    expect(await reach('http')).toEqual({ ok: true, result: 'http 200' });
    expect(await reach('fetch')).toEqual({ ok: true, result: 'fetch 200' });
    expect(hits).toBeGreaterThanOrEqual(2);
  });

  it('is refused any other host name, DNS for other names, UDP and listening — and audited', async () => {
    expect(await reach('net', 'localhost')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(await reach('http', 'localhost')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(await reach('dns', 'example.com')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(await reach('dgram')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(await reach('listen')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
    // Behind the egress proxy (bwrap) 'localhost' is the namespace's own loopback: its name lookup is what is refused.
    const localhost = mode === 'bwrap' ? 'localhost' : `localhost:${port}`;
    expect(h.audit.read({ plugin: 'net-scoped', allowed: false }).map((r) => r.target)).toEqual(expect.arrayContaining([localhost, 'example.com']));
  });

  it('a custom lookup cannot send a granted name to another address', async () => {
    const before = hits;
    expect(await reach('netEvilLookup')).toEqual({ ok: true, result: 'connected' });
    expect(hits).toBe(before);
  });

  it('redefining String and Array built-ins does not open the allow-list', async () => {
    expect(await reach('poisoned')).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' });
  });
});

describe.each(['bwrap', 'nobwrap'] as const)('a network grant scoped to a domain (%s)', (mode: SandboxMode) => {
  let h: Harness;
  let instance: PluginInstance;
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    h = createHarness();
    server = http.createServer((_req, res) => (hits++, res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const plugin = runnable(`${FIXTURES}net-scoped`);
    h.grants.set(plugin.name, normalizePermissions([{ permission: 'network', hosts: ['*.example.com'] }]).map((g) => ({ ...g })));
    instance = await new ProcessRunner({ mode, grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }).start(plugin, h.context(plugin));
  });
  afterAll(async () => {
    await instance?.stop();
    server?.close();
    h?.cleanup();
  });

  it('a name with a NUL byte cannot match the domain and then resolve as what precedes the NUL', async () => {
    // getaddrinfo reads a C string: '127.0.0.1\0.example.com' ends like the grant and resolves as 127.0.0.1.
    const reached = (await h.api.tools.call('net-scoped/reach', { way: 'net', host: '127.0.0.1\0.example.com', port })).structuredContent as { ok: boolean };
    expect(reached.ok).toBe(false);
    expect(hits).toBe(0);
  });
});
