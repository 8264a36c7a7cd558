import { describe, expect, it } from 'vitest';
import { expandScopePath, filesystemScopes, grantsAllow, hostMatches, type ScopeVars } from '@berth/host';

const vars: ScopeVars = { home: '/home/u', tmp: '/tmp', pluginDir: '/plugins/p', pluginData: '/data/p', workspace: '/work/ws' };

describe('scope variables', () => {
  it('expands ${workspace}, ${home}, ${pluginData}, ${tmp} and drops a trailing /**', () => {
    expect(expandScopePath('p', 'filesystem.read', '${workspace}/src/**', vars)).toBe('/work/ws/src');
    expect(expandScopePath('p', 'filesystem.read', '${home}/.config', vars)).toBe('/home/u/.config');
    expect(expandScopePath('p', 'filesystem.write', '${pluginData}', vars)).toBe('/data/p');
    expect(expandScopePath('p', 'filesystem.write', '${tmp}/x/../y', vars)).toBe('/tmp/y');
  });

  it('refuses an unknown variable, a relative path and an unset workspace with GrantInvalidError', () => {
    const call = (p: string, v: ScopeVars = vars) => () => expandScopePath('p', 'filesystem.read', p, v);
    expect(call('${secrets}/x')).toThrow(
      expect.objectContaining({
        code: 'BERTH_GRANT_INVALID',
        message: "plugin 'p': the grant of 'filesystem.read' is invalid: '${secrets}/x' uses an unknown variable (known: ${workspace}, ${home}, ${pluginData}, ${tmp}) (run: berth permissions revoke p filesystem.read, then grant it again)",
      }),
    );
    expect(call('src')).toThrow(expect.objectContaining({ code: 'BERTH_GRANT_INVALID', message: expect.stringContaining("'src' is not an absolute path") }));
    const { workspace: _, ...noWorkspace } = vars;
    expect(call('${workspace}', noWorkspace)).toThrow(expect.objectContaining({ message: expect.stringContaining("'${workspace}' uses ${workspace}, which is not set here") }));
  });
});

describe('grant matching', () => {
  it('unscoped filesystem.read means the plugin folder and data folder only; write means the data folder only', () => {
    const grants = [{ permission: 'filesystem.read' }, { permission: 'filesystem.write' }];
    expect(filesystemScopes('p', grants, vars)).toEqual({ read: ['/plugins/p', '/data/p'], write: ['/data/p'] });
    expect(grantsAllow('p', grants, 'filesystem.read', '/plugins/p/index.js', vars)).toBe(true);
    expect(grantsAllow('p', grants, 'filesystem.read', '/etc/passwd', vars)).toBe(false);
    expect(grantsAllow('p', grants, 'filesystem.write', '/plugins/p/index.js', vars)).toBe(false);
    expect(grantsAllow('p', grants, 'filesystem.write', '/data/p/db.json', vars)).toBe(true);
  });

  it('scoped paths cover what lies beneath them, not their siblings or a .. escape', () => {
    const grants = [{ permission: 'filesystem.read', scope: ['${workspace}/**'] }];
    expect(grantsAllow('p', grants, 'filesystem.read', '/work/ws/a/b.ts', vars)).toBe(true);
    expect(grantsAllow('p', grants, 'filesystem.read', '/work/ws-other/a', vars)).toBe(false);
    expect(grantsAllow('p', grants, 'filesystem.read', '/work/ws/../secret', vars)).toBe(false);
  });

  it('network: unscoped is any host; scoped matches exact hosts, *.subdomains and host:port', () => {
    expect(grantsAllow('p', [{ permission: 'network' }], 'network', 'anything.example', vars)).toBe(true);
    const scoped = [{ permission: 'network', scope: ['api.example.com', '*.github.com', 'localhost:8080'] }];
    expect(grantsAllow('p', scoped, 'network', 'api.example.com', vars)).toBe(true);
    expect(grantsAllow('p', scoped, 'network', 'raw.github.com', vars)).toBe(true);
    expect(grantsAllow('p', scoped, 'network', 'github.com.evil.io', vars)).toBe(false);
    expect(grantsAllow('p', scoped, 'network', 'localhost:8080', vars)).toBe(true);
    expect(grantsAllow('p', scoped, 'network', 'localhost:9229', vars)).toBe(false);
    expect(hostMatches('API.Example.com', 'api.example.com')).toBe(true);
  });

  it('env: scoped to names (PREFIX_* allowed), unscoped means every variable; nothing without a grant', () => {
    const scoped = [{ permission: 'env', scope: ['GITHUB_TOKEN', 'MY_*'] }];
    expect(grantsAllow('p', scoped, 'env', 'GITHUB_TOKEN', vars)).toBe(true);
    expect(grantsAllow('p', scoped, 'env', 'MY_SETTING', vars)).toBe(true);
    expect(grantsAllow('p', scoped, 'env', 'AWS_SECRET_ACCESS_KEY', vars)).toBe(false);
    expect(grantsAllow('p', [{ permission: 'env' }], 'env', 'AWS_SECRET_ACCESS_KEY', vars)).toBe(true);
    expect(grantsAllow('p', [], 'env', 'HOME', vars)).toBe(false);
  });

  it('unscoped permissions are held or not; an unknown permission is never held', () => {
    expect(grantsAllow('p', [{ permission: 'docker.access' }], 'docker.access', undefined, vars)).toBe(true);
    expect(grantsAllow('p', [{ permission: 'docker.access' }], 'process.spawn', undefined, vars)).toBe(false);
    expect(grantsAllow('p', [], 'docker.access', undefined, vars)).toBe(false);
  });
});

describe('network grant matching with ports, ranges and CIDRs', () => {
  it('a port in the scope limits the grant to that port; ranges and CIDRs match what they cover', () => {
    expect(hostMatches('127.0.0.1:5432', '127.0.0.1:5432')).toBe(true);
    expect(hostMatches('127.0.0.1:5432', '127.0.0.1:5433')).toBe(false);
    expect(hostMatches('127.0.0.1:5432', '127.0.0.1')).toBe(false);
    expect(hostMatches('10.0.0.0/8:8000-8100', '10.2.3.4:8080')).toBe(true);
    expect(hostMatches('10.0.0.0/8:8000-8100', '10.2.3.4:9000')).toBe(false);
    expect(hostMatches('[::1]:5432', '[::1]:5432')).toBe(true);
    expect(hostMatches('*.example.com:443', 'api.example.com:443')).toBe(true);
    expect(hostMatches('*.example.com:443', 'example.com:443')).toBe(false);
  });
});
