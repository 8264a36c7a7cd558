import { describe, expect, it } from 'vitest';
import { networkScopeSyntaxProblem, scopedNetworkPermissionSchema } from '@berth/sdk';

describe('network scope entries in plugin.json', () => {
  it('accept names, wildcards, IPv4/IPv6 literals, CIDR ranges, ports and port ranges', () => {
    for (const entry of ['api.example.com', '*.example.com:443', '127.0.0.1:5432', '::1', '[::1]:5432', '10.0.0.0/8', '[fd00::/8]:443', 'db.internal:8000-8100', 'localhost:6379'])
      expect(networkScopeSyntaxProblem(entry), entry).toBeUndefined();
  });

  it('refuse malformed entries with a reason the manifest error shows', () => {
    expect(networkScopeSyntaxProblem('db:0')).toMatch(/ports must lie/);
    expect(networkScopeSyntaxProblem('db:80-70')).toMatch(/ports must lie/);
    expect(networkScopeSyntaxProblem('10.0.0.0/40')).toMatch(/bad CIDR prefix/);
    expect(networkScopeSyntaxProblem('example.com/8')).toMatch(/cannot take a \/prefix/);
    expect(networkScopeSyntaxProblem('http://example.com')).toBeDefined();
    const parsed = scopedNetworkPermissionSchema.safeParse({ permission: 'network', hosts: ['127.0.0.1:5432', 'bad host'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['hosts', 1], message: expect.stringContaining("'bad host' is not a host name") });
  });
});
