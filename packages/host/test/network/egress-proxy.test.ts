import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SocksClient } from 'socks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEgressProxy, type EgressEvent, type EgressProxy } from '@berth/host';

/** A listener that counts connections and answers HTTP. */
async function listener(): Promise<{ port: number; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = http.createServer((_req, res) => res.end('hello'));
  server.on('connection', () => hits++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, hits: () => hits, close: () => server.close() };
}

describe('the egress proxy', () => {
  let dir: string;
  let proxy: EgressProxy;
  let a: Awaited<ReturnType<typeof listener>>;
  let b: Awaited<ReturnType<typeof listener>>;
  const events: EgressEvent[] = [];
  const viaUnix = () => net.connect(proxy.socketPath);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-egress-'));
    a = await listener();
    b = await listener();
    proxy = await startEgressProxy({
      plugin: 'p',
      socketPath: path.join(dir, 'egress.sock'),
      scopes: [`127.0.0.1:${a.port}`, `rebound.test:${b.port}`],
      resolve: async (name) => (name === 'rebound.test' ? ['127.0.0.1'] : []),
      onDecision: (e) => events.push(e),
    });
  });
  afterAll(async () => {
    await proxy?.close();
    a?.close();
    b?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A SOCKS5 CONNECT over the proxy's UNIX socket, by the `socks` client. */
  const socks = async (host: string, port: number) => {
    const existing = viaUnix();
    await new Promise((resolve) => existing.once('connect', resolve));
    return SocksClient.createConnection({ proxy: { host: 'unused', port: 1, type: 5 }, command: 'connect', destination: { host, port }, existing_socket: existing, timeout: 5000 });
  };

  const rawHttp = async (request: string): Promise<string> => {
    const socket = viaUnix();
    socket.write(request);
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    await new Promise((resolve) => socket.once('close', resolve));
    return text;
  };

  it('SOCKS5: connects to the granted endpoint, refuses the other port (canary never hit)', async () => {
    const { socket } = await socks('127.0.0.1', a.port);
    socket.write('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    const answer = await new Promise<string>((resolve) => { let t = ''; socket.on('data', (d: Buffer) => (t += d)); socket.once('close', () => resolve(t)); });
    expect(answer).toContain('hello');
    await expect(socks('127.0.0.1', b.port)).rejects.toThrow(/not allowed|Socks5 proxy rejected/i);
    await expect(socks('::1', a.port)).rejects.toThrow();
    expect(b.hits()).toBe(0);
  });

  it('HTTP CONNECT and absolute-form requests: allowed to A, 403 to B', async () => {
    expect(await rawHttp(`CONNECT 127.0.0.1:${a.port} HTTP/1.1\r\nhost: x\r\n\r\nGET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)).toMatch(/200 Connection Established[\s\S]*hello/);
    expect(await rawHttp(`CONNECT 127.0.0.1:${b.port} HTTP/1.1\r\nhost: x\r\n\r\n`)).toMatch(/403 Forbidden/);
    expect(await rawHttp(`GET http://127.0.0.1:${a.port}/ HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`)).toMatch(/200 OK[\s\S]*hello/);
    expect(await rawHttp(`GET http://127.0.0.1:${b.port}/ HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`)).toMatch(/403/);
    expect(b.hits()).toBe(0);
  });

  it("Berth's preamble: the stream flows after the line; a refused target is closed", async () => {
    expect(await rawHttp(`BERTH/1 127.0.0.1 ${a.port}\nGET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)).toContain('hello');
    expect(await rawHttp(`BERTH/1 127.0.0.1 ${b.port}\nGET / HTTP/1.1\r\nhost: x\r\n\r\n`)).toBe('');
    expect(b.hits()).toBe(0);
  });

  it('a granted name resolving to a refused (loopback) address is refused, by every protocol', async () => {
    await expect(socks('rebound.test', b.port)).rejects.toThrow();
    expect(await rawHttp(`CONNECT rebound.test:${b.port} HTTP/1.1\r\n\r\n`)).toMatch(/403[\s\S]*resolved to 127.0.0.1/);
    expect(b.hits()).toBe(0);
  });

  it('pins an allowed name: resolved once by the proxy, the connection made to the checked address (no second lookup)', async () => {
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-egress-pin-'));
    const lookups: string[] = [];
    // A rebinding resolver: the first answer is the granted address, every later one the canary's host elsewhere.
    const pinned = await startEgressProxy({
      plugin: 'p',
      socketPath: path.join(dir2, 'egress.sock'),
      scopes: [`db.test:${a.port}`, `127.0.0.1:${a.port}`],
      resolve: async (name) => (lookups.push(name), lookups.length === 1 ? ['127.0.0.1'] : ['169.254.169.254']),
      onDecision: (e) => events.push(e),
    });
    try {
      const socket = net.connect(pinned.socketPath);
      socket.write(`BERTH/1 db.test ${a.port}\nGET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
      let text = '';
      socket.on('data', (d: Buffer) => (text += d));
      await new Promise((resolve) => socket.once('close', resolve));
      expect(text).toContain('hello');
      expect(lookups).toEqual(['db.test']);
      expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ target: `db.test:${a.port}`, allowed: true, address: '127.0.0.1' })]));
      // The next connection gets the rebinding answer, and is refused: a name entry never reaches link-local.
      const again = net.connect(pinned.socketPath);
      again.write(`BERTH/1 db.test ${a.port}\n`);
      await new Promise((resolve) => again.once('close', resolve));
      expect(events.at(-1)).toMatchObject({ target: `db.test:${a.port}`, allowed: false, reason: expect.stringContaining('169.254.169.254') });
    } finally {
      await pinned.close();
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('refuses SOCKS5 UDP ASSOCIATE and BIND', async () => {
    const existing = viaUnix();
    await new Promise((resolve) => existing.once('connect', resolve));
    await expect(SocksClient.createConnection({ proxy: { host: 'x', port: 1, type: 5 }, command: 'associate', destination: { host: '0.0.0.0', port: 0 }, existing_socket: existing, timeout: 5000 })).rejects.toThrow();
  });

  it('reports every decision with plugin, target, protocol and decision', () => {
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ plugin: 'p', target: `127.0.0.1:${a.port}`, allowed: true, protocol: 'socks5', address: '127.0.0.1' }),
      expect.objectContaining({ plugin: 'p', target: `127.0.0.1:${b.port}`, allowed: false, protocol: 'socks5' }),
      expect.objectContaining({ target: `[::1]:${a.port}`, allowed: false }),
      expect.objectContaining({ target: `127.0.0.1:${b.port}`, allowed: false, protocol: 'http-connect' }),
      expect.objectContaining({ target: `127.0.0.1:${b.port}`, allowed: false, protocol: 'http' }),
      expect.objectContaining({ target: `127.0.0.1:${b.port}`, allowed: false, protocol: 'berth' }),
      expect.objectContaining({ target: `rebound.test:${b.port}`, allowed: false }),
    ]));
  });
});
