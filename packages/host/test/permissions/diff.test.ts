import { describe, expect, it } from 'vitest';
import { diffGrants } from '@berth/host';

describe('diffGrants (what an upgrade asks for beyond the grant)', () => {
  it('is empty when the grant covers the request', () => {
    expect(diffGrants([{ permission: 'docker.access' }, { permission: 'env', scope: ['A'] }], [{ permission: 'docker.access' }, { permission: 'env', scope: ['A', 'B'] }])).toEqual([]);
  });

  it('lists new permissions whole, and only the new scope entries of scoped ones', () => {
    expect(
      diffGrants(
        [{ permission: 'process.spawn' }, { permission: 'filesystem.read', scope: ['${workspace}', '${home}/.ssh'] }],
        [{ permission: 'filesystem.read', scope: ['${workspace}'] }],
      ),
    ).toEqual([{ permission: 'process.spawn' }, { permission: 'filesystem.read', scope: ['${home}/.ssh'] }]);
  });

  it('network or env becoming unscoped is more than a scoped grant; a scoped request is covered by an unscoped grant', () => {
    expect(diffGrants([{ permission: 'network' }], [{ permission: 'network', scope: ['api.example.com'] }])).toEqual([{ permission: 'network' }]);
    expect(diffGrants([{ permission: 'network', scope: ['a.example'] }], [{ permission: 'network' }])).toEqual([]);
  });

  it('an unscoped filesystem request (own folders only) is covered by any grant of it', () => {
    expect(diffGrants([{ permission: 'filesystem.write' }], [{ permission: 'filesystem.write', scope: ['${tmp}'] }])).toEqual([]);
    expect(diffGrants([{ permission: 'filesystem.write' }], [])).toEqual([{ permission: 'filesystem.write' }]);
  });
});
