import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRunner, probeBwrap, type PluginInstance } from '@berth/host';
import { createHarness, runnable, type Harness } from '../sandbox/harness.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/egress-escape', import.meta.url));

/** A listener on 127.0.0.1 (and, when the machine has it, ::1) answering "hello", counting every contact. */
async function listener(port = 0): Promise<{ port: number; contacts: () => number; close: () => void }> {
  let contacts = 0;
  const servers: net.Server[] = [];
  const v4 = http.createServer((_q, r) => r.end('hello')).on('connection', () => contacts++);
  await new Promise<void>((resolve) => v4.listen(port, '127.0.0.1', resolve));
  const bound = (v4.address() as net.AddressInfo).port;
  servers.push(v4);
  const v6 = http.createServer((_q, r) => r.end('hello')).on('connection', () => contacts++);
  await new Promise<void>((resolve) => v6.once('error', () => resolve()).listen(bound, '::1', resolve));
  servers.push(v6);
  const udp = dgram.createSocket('udp4').on('message', () => contacts++);
  await new Promise<void>((resolve) => udp.once('error', () => resolve()).bind(bound, '127.0.0.1', resolve));
  return { port: bound, contacts: () => contacts, close: () => (servers.forEach((s) => s.close()), udp.close()) };
}

describe.skipIf(!probeBwrap().usable)('a plugin granted network:127.0.0.1:<A>, under bubblewrap (OS-level egress)', () => {
  let h: Harness;
  let instance: PluginInstance;
  let a: Awaited<ReturnType<typeof listener>>;
  let b: Awaited<ReturnType<typeof listener>>;
  let abstract: net.Server;
  let abstractContacts = 0;
  const abstractName = `\0berth-canary-${process.pid}-${Date.now()}`;

  let tlsServer: https.Server;
  beforeAll(async () => {
    h = createHarness();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', path.join(h.dir, 'key.pem'), '-out', path.join(h.dir, 'cert.pem')], { stdio: 'ignore' });
    tlsServer = https.createServer({ key: fs.readFileSync(path.join(h.dir, 'key.pem')), cert: fs.readFileSync(path.join(h.dir, 'cert.pem')) }, (_q, r) => r.end('hello over tls'));
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    a = await listener();
    b = await listener();
    abstract = net.createServer(() => abstractContacts++);
    await new Promise<void>((resolve) => abstract.listen(abstractName, resolve));
    const plugin = runnable(FIXTURE);
    const tlsPort = (tlsServer.address() as net.AddressInfo).port;
    h.grants.set(plugin.name, [{ permission: 'network', scope: [`127.0.0.1:${a.port}`, `127.0.0.1:${tlsPort}`] }, { permission: 'process.spawn' }]);
    instance = await new ProcessRunner({ mode: 'bwrap', grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }).start(plugin, h.context(plugin));
  }, 60_000);
  afterAll(async () => {
    await instance?.stop();
    a?.close();
    b?.close();
    abstract?.close();
    tlsServer?.close();
    h?.cleanup();
  });

  const attempt = async (way: string, port: number) =>
    (await h.api.tools.call('egress-escape/try', { way, port, abstract: abstractName })).structuredContent as { ok: boolean; result?: unknown; code?: string };

  it('reaches listener A by raw TCP, fetch, http with its own agent, busybox nc and busybox wget (through the proxy variables)', async () => {
    expect(await attempt('tcp', a.port)).toEqual({ ok: true, result: 'hello' });
    expect(await attempt('fetch', a.port)).toEqual({ ok: true, result: 'hello' });
    expect(await attempt('httpAgent', a.port)).toEqual({ ok: true, result: 'hello' });
    expect(await attempt('nc', a.port)).toMatchObject({ ok: true, result: { out: expect.stringContaining('hello') } });
    expect(await attempt('wgetViaProxy', a.port)).toMatchObject({ ok: true, result: { code: 0, out: 'hello' } });
    expect(a.contacts()).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('never reaches listener B: TCP, UDP, fetch, http agent, DNS, IPv6 ::1, an abstract UNIX socket, busybox nc and wget, an unguarded Node child', async () => {
    expect(await attempt('tcp', b.port)).toMatchObject({ ok: false });
    expect(await attempt('udp', b.port)).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(await attempt('fetch', b.port)).toMatchObject({ ok: false });
    expect(await attempt('httpAgent', b.port)).toMatchObject({ ok: false });
    expect(await attempt('dns', b.port)).toMatchObject({ ok: false });
    expect(await attempt('ipv6', b.port)).toMatchObject({ ok: false });
    expect(await attempt('abstract', b.port)).toMatchObject({ ok: false });
    expect(await attempt('nc', b.port)).toMatchObject({ ok: true, result: { out: expect.not.stringContaining('hello') } });
    expect(await attempt('wgetViaProxy', b.port)).toMatchObject({ ok: true, result: { code: 1, out: expect.stringMatching(/403/) } });
    // No preload, no permission model: only the empty network namespace and the proxy stand in its way.
    const raw = (await attempt('rawNode', b.port)) as { ok: boolean; result: Record<string, unknown> };
    expect(raw.ok).toBe(true);
    expect(raw.result).toMatchObject({ tcp: 'ECONNREFUSED', abstract: expect.stringMatching(/ECONNREFUSED|ENOENT/) });
    expect(raw.result['ipv6']).not.toBe('connected');
    expect(raw.result['interfaces']).toEqual(['lo']);
    expect(b.contacts()).toBe(0);
    expect(abstractContacts).toBe(0);
  }, 90_000);

  it('TLS (https with its own options, fetch) runs through the proxy to a granted TLS server', async () => {
    const tlsPort = (tlsServer.address() as net.AddressInfo).port;
    expect(await attempt('https', tlsPort)).toEqual({ ok: true, result: 'hello over tls' });
    expect(await attempt('fetchHttps', tlsPort)).toMatchObject({ ok: false, code: expect.stringMatching(/SELF_SIGNED|CERT/) });
  }, 60_000);

  it("reaches its own child's listener on the namespace's private loopback (even at B's port number) without touching the host's", async () => {
    expect(await attempt('ownChild', b.port)).toEqual({ ok: true, result: 'mine' });
    expect(b.contacts()).toBe(0);
  }, 60_000);

  it('audits the allowed and the refused connections made through the proxy, with plugin, target and decision', async () => {
    const records = h.audit.read({ plugin: 'egress-escape' }).filter((r) => r.source === 'egress-proxy');
    expect(records).toEqual(expect.arrayContaining([
      expect.objectContaining({ permission: 'network', target: `127.0.0.1:${a.port}`, allowed: true }),
      expect.objectContaining({ permission: 'network', target: `127.0.0.1:${b.port}`, allowed: false, detail: expect.stringContaining('http') }),
    ]));
  });
});
