import { describe, expect, it } from 'vitest';
import { EgressPolicy, isLoopbackHost, isSpecialAddress, networkScopeProblem, parseNetworkScope } from '@berth/host';

describe('network scope entries', () => {
  it('read host names, wildcards, IPv4/IPv6 literals, CIDR ranges, ports and port ranges', () => {
    expect(parseNetworkScope('127.0.0.1:5432')).toMatchObject({ kind: 'address', network: { address: '127.0.0.1', prefix: 32 }, ports: { from: 5432, to: 5432 } });
    expect(parseNetworkScope('*.example.com:443')).toMatchObject({ kind: 'name', name: '*.example.com', ports: { from: 443, to: 443 } });
    expect(parseNetworkScope('[::1]:8000-8100')).toMatchObject({ kind: 'address', network: { address: '::1', family: 'ipv6', prefix: 128 }, ports: { from: 8000, to: 8100 } });
    expect(parseNetworkScope('::1')).toMatchObject({ kind: 'address', network: { address: '::1' } });
    expect(parseNetworkScope('10.0.0.0/8')).toMatchObject({ kind: 'address', network: { prefix: 8 } });
    expect(parseNetworkScope('[fd00::/8]:443')).toMatchObject({ kind: 'address', network: { family: 'ipv6', prefix: 8 }, ports: { from: 443 } });
    expect(parseNetworkScope('db.internal')).toMatchObject({ kind: 'name', name: 'db.internal' });
    expect(parseNetworkScope('db.internal').ports).toBeUndefined();
  });

  it('refuse what is not a scope, saying why', () => {
    expect(networkScopeProblem('db:0')).toMatch(/ports must lie in 1-65535/);
    expect(networkScopeProblem('db:99999')).toMatch(/ports must lie/);
    expect(networkScopeProblem('db:90-80')).toMatch(/ports must lie/);
    expect(networkScopeProblem('10.0.0.0/33')).toMatch(/at most \/32/);
    expect(networkScopeProblem('example.com/8')).toMatch(/cannot take a \/prefix/);
    expect(networkScopeProblem('http://x')).toMatch(/not a network scope/);
    expect(networkScopeProblem('a b')).toMatch(/not a host name/);
    expect(networkScopeProblem('*.example.com:443')).toBeUndefined();
    // A star glued to a name matches nothing (no host name holds a '*'): say so rather than accept a dead entry.
    expect(networkScopeProblem('*example.com')).toMatch(/not a host name/);
  });

  it('treat loopback, link-local (metadata), unspecified and multicast as special, IPv4-mapped IPv6 included', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '169.254.169.254', '0.0.0.0', '::', '224.0.0.1', '::ffff:127.0.0.1', 'fe80::1']) expect(isSpecialAddress(a)).toBe(true);
    for (const a of ['10.1.2.3', '192.168.1.1', '93.184.216.34', '2001:db8::1']) expect(isSpecialAddress(a)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('takes localhost by name and loopback addresses in any spelling; nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['10.0.0.1', 'localhost.example.com', 'example.com', '0.0.0.0', '::', '']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('the egress policy', () => {
  const fixed = (map: Record<string, string[]>) => async (name: string) => {
    const found = map[name];
    if (found === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found;
  };

  it('allows exactly the granted address and port, nothing else on loopback', async () => {
    const policy = new EgressPolicy(['127.0.0.1:5432']);
    expect(await policy.decide('127.0.0.1', 5432)).toMatchObject({ allowed: true, address: '127.0.0.1', scope: '127.0.0.1:5432' });
    expect(await policy.decide('127.0.0.1', 5433)).toMatchObject({ allowed: false });
    expect(await policy.decide('127.0.0.2', 5432)).toMatchObject({ allowed: false });
    expect(await policy.decide('::1', 5432)).toMatchObject({ allowed: false });
    expect(await policy.decide('::ffff:127.0.0.1', 5432)).toMatchObject({ allowed: true, address: '127.0.0.1' });
    expect(await policy.decide('127.0.0.1', 0)).toMatchObject({ allowed: false });
  });

  it('port ranges, CIDR and IPv6 ranges', async () => {
    const policy = new EgressPolicy(['10.0.0.0/8:8000-8100', '[fd00::/8]:443']);
    expect((await policy.decide('10.20.30.40', 8050)).allowed).toBe(true);
    expect((await policy.decide('10.20.30.40', 8101)).allowed).toBe(false);
    expect((await policy.decide('11.0.0.1', 8050)).allowed).toBe(false);
    expect((await policy.decide('fd12::5', 443)).allowed).toBe(true);
    expect((await policy.decide('fe12::5', 443)).allowed).toBe(false);
  });

  it('resolves a granted name itself and pins one checked address; a name resolving to a refused address is refused', async () => {
    const policy = new EgressPolicy(['*.example.com:443', 'db.internal:5432'], fixed({
      'api.example.com': ['93.184.216.34'],
      'evil.example.com': ['127.0.0.1', '169.254.169.254'],
      'mixed.example.com': ['127.0.0.1', '93.184.216.35'],
      'db.internal': ['10.1.2.3'],
    }));
    expect(await policy.decide('api.example.com', 443)).toMatchObject({ allowed: true, address: '93.184.216.34', scope: '*.example.com:443' });
    expect(await policy.decide('API.Example.COM', 443)).toMatchObject({ allowed: true });
    expect(await policy.decide('api.example.com', 80)).toMatchObject({ allowed: false, reason: expect.stringContaining('no entry') });
    expect(await policy.decide('example.com', 443)).toMatchObject({ allowed: false });
    expect(await policy.decide('evil.example.com', 443)).toMatchObject({ allowed: false, reason: expect.stringContaining('127.0.0.1, 169.254.169.254') });
    expect(await policy.decide('mixed.example.com', 443)).toMatchObject({ allowed: true, address: '93.184.216.35' });
    expect(await policy.decide('db.internal', 5432)).toMatchObject({ allowed: true, address: '10.1.2.3' });
    expect(await policy.decide('nowhere.example.com', 443)).toMatchObject({ allowed: false, reason: expect.stringContaining('ENOTFOUND') });
  });

  it('never looks up a name the grant does not mention (a query carries data)', async () => {
    const asked: string[] = [];
    const policy = new EgressPolicy(['127.0.0.1:5432'], async (name) => (asked.push(name), ['127.0.0.1']));
    expect((await policy.decide('secret-data.attacker.test', 5432)).allowed).toBe(false);
    expect(asked).toEqual([]);
    expect((await policy.decide('localhost', 5432)).allowed).toBe(true);
    expect(asked).toEqual(['localhost']);
  });

  it('localhost in a grant stands for the loopback addresses', async () => {
    const policy = new EgressPolicy(['localhost:5432'], async () => ['10.9.9.9']);
    expect(await policy.decide('127.0.0.1', 5432)).toMatchObject({ allowed: true });
    expect(await policy.decide('::1', 5432)).toMatchObject({ allowed: true });
    expect((await policy.decide('localhost', 5432)).allowed).toBe(false);
  });
});

describe('the egress policy against hostile target names', () => {
  it('refuses a name with a NUL byte: the system resolver stops at the NUL, so `10.1.2.3\\0.example.com` would resolve to 10.1.2.3 under a *.example.com grant', async () => {
    // The real resolver (getaddrinfo reads a C string): the truncated name is a numeric address, no DNS needed.
    const policy = new EgressPolicy(['*.example.com:80']);
    expect(await policy.decide('10.1.2.3\0.example.com', 80)).toMatchObject({ allowed: false });
    expect(await policy.decide('93.184.216.34\0.example.com', 80)).toMatchObject({ allowed: false });
  });

  it('never hands the resolver a target that is not a host name (NUL, spaces, control characters, percent escapes)', async () => {
    const asked: string[] = [];
    const policy = new EgressPolicy(['*.example.com:443'], async (name) => (asked.push(name), ['93.184.216.34']));
    for (const name of ['evil.org\0.example.com', 'evil.org .example.com', 'evil.org\n.example.com', 'evil%2eorg.example.com', 'a..example.com', '-x.example.com']) {
      expect((await policy.decide(name, 443)).allowed, JSON.stringify(name)).toBe(false);
    }
    expect(asked).toEqual([]);
    expect(await policy.decide('api.example.com', 443)).toMatchObject({ allowed: true });
  });
});

describe('the egress policy and IPv4-mapped IPv6 in every spelling', () => {
  it('reads ::ffff:7f00:1 and 0:0:0:0:0:ffff:a9fe:a9fe as the IPv4 addresses they reach, so an IPv6 range cannot reach loopback or metadata', async () => {
    const v6 = new EgressPolicy(['::/0']);
    for (const target of ['::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '::ffff:a9fe:a9fe', '0:0:0:0:0:ffff:169.254.169.254', '::FFFF:7F00:1']) {
      expect((await v6.decide(target, 80)).allowed, target).toBe(false);
    }
    expect((await v6.decide('2001:db8::1', 80)).allowed).toBe(true);
    const loopback = new EgressPolicy(['127.0.0.1:5432']);
    expect(await loopback.decide('::ffff:7f00:1', 5432)).toMatchObject({ allowed: true, address: '127.0.0.1' });
  });
});
