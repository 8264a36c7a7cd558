import { describe, expect, it } from 'vitest';
import { diffGrants, narrowedGrants } from '@berth/host';

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

  it('env becoming unscoped is more than a scoped grant; a scoped request is covered by an unscoped grant', () => {
    expect(diffGrants([{ permission: 'env' }], [{ permission: 'env', scope: ['A'] }])).toEqual([{ permission: 'env' }]);
    expect(diffGrants([{ permission: 'network', scope: ['a.example'] }], [{ permission: 'network' }])).toEqual([]);
  });

  it('an unscoped filesystem request (own folders only) is covered by any grant of it', () => {
    expect(diffGrants([{ permission: 'filesystem.write' }], [{ permission: 'filesystem.write', scope: ['${tmp}'] }])).toEqual([]);
    expect(diffGrants([{ permission: 'filesystem.write' }], [])).toEqual([{ permission: 'filesystem.write' }]);
  });

  it('the user may approve less network than requested: unscoped network is covered by a scoped grant, shown as narrowed', () => {
    const requested = [{ permission: 'network' }];
    const scoped = [{ permission: 'network', scope: ['127.0.0.1:5432'] }];
    expect(diffGrants(requested, scoped)).toEqual([]);
    expect(narrowedGrants(requested, scoped)).toEqual([{ permission: 'network' }]);
    expect(narrowedGrants(requested, [{ permission: 'network' }])).toEqual([]);
    expect(diffGrants(requested, [])).toEqual([{ permission: 'network' }]);
    // Scoped requests still need each of their entries.
    expect(diffGrants([{ permission: 'network', scope: ['a.example', 'b.example'] }], [{ permission: 'network', scope: ['a.example'] }])).toEqual([{ permission: 'network', scope: ['b.example'] }]);
  });
});
