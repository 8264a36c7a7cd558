import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBwrap, type PluginHost } from '@berth/host';
import { tempHost } from '../support/temp-host.js';

describe.skipIf(!probeBwrap().usable)('a Node MCP server granted network:127.0.0.1:<A>, under bubblewrap', () => {
  let host: PluginHost;
  let cleanup: () => Promise<void>;
  let a: http.Server;
  let b: http.Server;
  let bContacts = 0;
  const port = (s: http.Server) => (s.address() as AddressInfo).port;

  beforeAll(async () => {
    a = http.createServer((_q, r) => r.end('hello from A'));
    b = http.createServer((_q, r) => r.end('hello from B')).on('connection', () => bContacts++);
    await new Promise<void>((resolve) => a.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => b.listen(0, '127.0.0.1', resolve));
    const made = await tempHost([{ kind: 'user', dir: path.join(import.meta.dirname, 'mcp-fixtures') }], { sandboxMode: 'bwrap' });
    ({ host, cleanup } = made);
    await host.config.load();
    // It asks for the whole network; the user approves one host:port.
    await host.config.setGrants('mcp-fetcher', [{ permission: 'network', scope: [`127.0.0.1:${port(a)}`] }], '1.0.0');
    await host.start();
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
    a?.close();
    b?.close();
  });

  const get = async (p: number) => {
    const result = await host.api.tools.call('mcp-fetcher/get', { url: `http://127.0.0.1:${p}/` });
    return (result.content as { text: string }[])[0]?.text;
  };

  it('runs (approved less than it asked), reaches A through its egress proxy and never B, both audited', async () => {
    expect(host.get('mcp-fetcher')?.state).toBe('active');
    expect(await get(port(a))).toBe('hello from A');
    expect(await get(port(b))).toMatch(/^refused/);
    expect(bContacts).toBe(0);
    expect(host.audit.read({ plugin: 'mcp-fetcher' }).filter((r) => r.source === 'egress-proxy')).toEqual(
      expect.arrayContaining([expect.objectContaining({ target: `127.0.0.1:${port(a)}`, allowed: true })]),
    );
  }, 60_000);
});
