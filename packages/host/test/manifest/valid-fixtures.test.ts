import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { normalizePermissions } from '@berth/sdk';
import { loadManifest } from '@berth/host';

const VALID = join(import.meta.dirname, '../fixtures/manifests/valid');

describe('valid manifests', () => {
  test("the specification's example (plus main) is valid and its type is normalised to mcp", async () => {
    const dir = join(VALID, 'docker-mcp-tools');
    const result = await loadManifest(dir);
    if (!result.ok) throw result.error;
    expect(result.warnings).toEqual([]);
    expect(result.mainPath).toBe(join(dir, 'index.js'));
    expect(result.manifest).toEqual({
      name: 'docker-mcp-tools',
      version: '1.0.0',
      type: 'mcp',
      main: 'index.js',
      permissions: ['docker.access', 'filesystem.read'],
      configuration: { docker_socket: { type: 'string', default: '/var/run/docker.sock' } },
      dependencies: {},
      activation: 'startup',
      reload: { onConfigChange: 'event', onDependencyReload: 'notify' },
    });
    expect(normalizePermissions(result.manifest.permissions)).toEqual([
      { permission: 'docker.access' },
      { permission: 'filesystem.read' },
    ]);
  });

  test('every field at once, with $schema, scoped permissions and a stdio server, is valid', async () => {
    const result = await loadManifest(join(VALID, 'full'));
    if (!result.ok) throw result.error;
    const { manifest } = result;
    expect(result.warnings).toEqual([]);
    expect(result.mainPath).toBeUndefined();
    expect(manifest.$schema).toBe('../../../../../sdk/plugin.schema.json');
    expect(manifest.type).toBe('mcp');
    expect(manifest.activation).toBe('lazy');
    expect(manifest.server).toEqual({ command: 'node', args: ['server.js'], env: { LOG: '1' } });
    expect(manifest.engines).toEqual({ berth: '^0.1.0' });
    expect(manifest.limits).toEqual({ initializeTimeoutMs: 5000, callTimeoutMs: 60000, memoryMb: 256 });
    expect(normalizePermissions(manifest.permissions)).toEqual([
      { permission: 'network' },
      { permission: 'filesystem.read', scope: ['${workspace}', '/etc/hosts'] },
      { permission: 'env', scope: ['GITHUB_TOKEN'] },
      { permission: 'network', scope: ['api.example.com'] },
      { permission: 'process.unconfined' },
    ]);
  });

  test('a byte-order mark before the JSON is accepted', async () => {
    const result = await loadManifest(join(VALID, 'bom'));
    expect(result.ok).toBe(true);
  });

  test('unknown fields are warnings, with "did you mean" when close to a known field', async () => {
    const dir = join(VALID, 'unknown-fields');
    const result = await loadManifest(dir);
    if (!result.ok) throw result.error;
    const file = join(dir, 'plugin.json');
    expect(result.warnings).toEqual([
      { file, path: '/reload/onConfigChnage', message: 'unknown field "onConfigChnage" is ignored', hint: 'did you mean "onConfigChange"?' },
      { file, path: '/permisions', message: 'unknown field "permisions" is ignored', hint: 'did you mean "permissions"?' },
      { file, path: '/displayName', message: 'unknown field "displayName" is ignored', hint: 'remove it, or check the field names in the plugin.json schema' },
    ]);
    expect(result.manifest).not.toHaveProperty('permisions');
  });
});
