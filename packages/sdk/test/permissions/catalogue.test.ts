import { describe, expect, test } from 'vitest';
import { PERMISSION_CATALOGUE, PERMISSION_NAMES, isPermissionName, normalizePermission, permissionInfo, permissionEntrySchema } from '@berth/sdk';

describe('permission catalogue', () => {
  test('holds exactly the permissions Berth knows, each with a description and a risk', () => {
    expect(PERMISSION_NAMES).toEqual([
      'filesystem.read', 'filesystem.write', 'network', 'process.spawn', 'process.unconfined', 'env',
      'docker.access', 'hooks.tools', 'hooks.providers', 'worker.threads', 'native.addons',
    ]);
    for (const name of PERMISSION_NAMES) {
      const info = PERMISSION_CATALOGUE[name];
      expect(info.name).toBe(name);
      expect(info.description).toMatch(/^[A-Z].+\.$/);
      expect(['low', 'medium', 'high', 'critical']).toContain(info.risk);
    }
  });

  test('docker.access is described honestly: control of Docker is control of the machine', () => {
    expect(PERMISSION_CATALOGUE['docker.access'].risk).toBe('critical');
    expect(PERMISSION_CATALOGUE['docker.access'].description).toContain('control of the whole machine');
    expect(PERMISSION_CATALOGUE['process.unconfined'].risk).toBe('critical');
  });

  test('scopable permissions say what they are scoped by and what unscoped means', () => {
    expect(permissionInfo('filesystem.read')).toMatchObject({ scope: 'paths', unscoped: "only the plugin's own folder and its data folder" });
    expect(permissionInfo('filesystem.write')).toMatchObject({ scope: 'paths' });
    expect(permissionInfo('network')).toMatchObject({ scope: 'hosts' });
    expect(permissionInfo('env')).toMatchObject({ scope: 'names' });
    expect(permissionInfo('docker.access')).not.toHaveProperty('scope');
  });

  test('unknown names are not permissions (deny by default), including prototype keys', () => {
    expect(isPermissionName('docker')).toBe(false);
    expect(isPermissionName('toString')).toBe(false);
    expect(isPermissionName('__proto__')).toBe(false);
    expect(permissionInfo('constructor')).toBeUndefined();
  });
});

describe('normalizePermission', () => {
  test.each([
    ['docker.access', { permission: 'docker.access' }],
    [{ permission: 'filesystem.read', paths: ['${workspace}'] }, { permission: 'filesystem.read', scope: ['${workspace}'] }],
    [{ permission: 'network', hosts: ['api.example.com'] }, { permission: 'network', scope: ['api.example.com'] }],
    [{ permission: 'env', names: ['GITHUB_TOKEN'] }, { permission: 'env', scope: ['GITHUB_TOKEN'] }],
  ])('%j → %j', (entry, expected) => {
    expect(normalizePermission(permissionEntrySchema.parse(entry))).toEqual(expected);
  });
});
