import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBwrap } from '@berth/host';
import { repoRoot, runBerth, tempHome } from './run-berth.js';

// egress-escape requests the whole network (and process.spawn); the user approves less: one host:port.
const plugins = ['--plugins-dir', path.join(repoRoot, 'packages', 'host', 'test', 'network', 'fixtures')];

describe.skipIf(!probeBwrap().usable)('approving less network than requested, and berth audit of the egress proxy', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let a: http.Server;
  let b: http.Server;
  let bContacts = 0;
  const port = (s: http.Server) => (s.address() as AddressInfo).port;

  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    a = http.createServer((_q, r) => r.end('hello'));
    b = http.createServer((_q, r) => r.end('hello')).on('connection', () => bContacts++);
    await new Promise<void>((resolve) => a.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => b.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    a?.close();
    b?.close();
    await cleanup?.();
  });

  it('a plugin asking for unscoped network runs with network scoped to one host:port; the rest is refused and audited', async () => {
    const before = await runBerth(home, [...plugins, 'plugins', 'list', '--json']);
    expect(JSON.parse(before.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'egress-escape', state: 'needs-approval' })]));
    expect((await runBerth(home, [...plugins, 'permissions', 'grant', 'egress-escape', 'network', '--scope', `127.0.0.1:${port(a)}`])).code).toBe(0);
    expect((await runBerth(home, [...plugins, 'permissions', 'grant', 'egress-escape', 'process.spawn'])).code).toBe(0);
    const list = await runBerth(home, [...plugins, 'permissions', 'list', 'egress-escape']);
    expect(list.stdout).toContain(`network (127.0.0.1:${port(a)})`);
    expect(list.stdout).toContain('narrowed');

    const call = (p: number) => runBerth(home, [...plugins, 'tools', 'call', 'egress-escape/try', '--args', JSON.stringify({ way: 'wgetViaProxy', port: p })]);
    const allowed = await call(port(a));
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('hello');
    const refused = await call(port(b));
    expect(refused.stdout).toMatch(/403/);
    expect(bContacts).toBe(0);

    const audit = await runBerth(home, [...plugins, 'audit', '--plugin', 'egress-escape', '--json']);
    const records = JSON.parse(audit.stdout) as { plugin: string; permission: string; target?: string; allowed: boolean; source?: string }[];
    expect(records).toEqual(expect.arrayContaining([
      expect.objectContaining({ plugin: 'egress-escape', permission: 'network', target: `127.0.0.1:${port(a)}`, allowed: true, source: 'egress-proxy' }),
      expect.objectContaining({ plugin: 'egress-escape', permission: 'network', target: `127.0.0.1:${port(b)}`, allowed: false, source: 'egress-proxy' }),
    ]));
    const table = await runBerth(home, [...plugins, 'audit', '--plugin', 'egress-escape', '--denied']);
    expect(table.stdout).toMatch(new RegExp(`egress-escape\\s+DENIED\\s+network\\s+127\\.0\\.0\\.1:${port(b)}`));
  });
});

describe('berth doctor on network enforcement', { timeout: 120_000 }, () => {
  it('says when OS-level enforcement of network scopes is unavailable, and when it is on', async () => {
    const { home, cleanup } = await tempHome();
    try {
      const without = await runBerth(home, ['doctor'], { BERTH_SANDBOX: 'nobwrap' });
      expect(without.stdout).toMatch(/network scopes: +NOT enforced at the OS level/);
      expect(without.stdout).toContain('missing protection: scoped network grants (host:port) are not enforced at the OS level');
      if (probeBwrap().usable) expect((await runBerth(home, ['doctor'])).stdout).toMatch(/network scopes: +enforced at the OS level \(empty network namespace \+ egress proxy per plugin\)/);
    } finally {
      await cleanup();
    }
  });
});
