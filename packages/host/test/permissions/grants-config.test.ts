import { describe, expect, it } from 'vitest';
import { addGrant, grantsOf, revokeGrant, setGrants, type HostConfig } from '@berth/host';

describe('grants in the host configuration (pure functions for the CLI)', () => {
  const base: HostConfig = { plugins: { a: { enabled: true, settings: { x: 1 } } }, aliases: { 'a/t': 't' } };

  it('setGrants saves exactly the grants and the approved version, keeping everything else', () => {
    const next = setGrants(base, 'a', [{ permission: 'network' }], '1.2.0');
    expect(next.plugins?.['a']).toEqual({ enabled: true, settings: { x: 1 }, grants: [{ permission: 'network' }], approvedVersion: '1.2.0' });
    expect(next.aliases).toEqual(base.aliases);
    expect(base.plugins?.['a']?.grants).toBeUndefined();
  });

  it('addGrant merges scopes of the same permission; an unscoped grant replaces a scoped one', () => {
    let c = addGrant(base, 'a', { permission: 'env', scope: ['A'] });
    c = addGrant(c, 'a', { permission: 'env', scope: ['B', 'A'] });
    expect(grantsOf(c, 'a')).toEqual([{ permission: 'env', scope: ['A', 'B'] }]);
    expect(grantsOf(addGrant(c, 'a', { permission: 'env' }), 'a')).toEqual([{ permission: 'env' }]);
  });

  it('revokeGrant removes one permission, some scope entries, or everything', () => {
    const c = setGrants(base, 'a', [{ permission: 'network' }, { permission: 'env', scope: ['A', 'B'] }]);
    expect(grantsOf(revokeGrant(c, 'a', 'network'), 'a')).toEqual([{ permission: 'env', scope: ['A', 'B'] }]);
    expect(grantsOf(revokeGrant(c, 'a', 'env', ['A']), 'a')).toEqual([{ permission: 'network' }, { permission: 'env', scope: ['B'] }]);
    expect(grantsOf(revokeGrant(c, 'a'), 'a')).toEqual([]);
    expect(grantsOf(c, 'nobody')).toEqual([]);
  });
});
