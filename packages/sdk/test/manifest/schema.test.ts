import { describe, expect, test } from 'vitest';
import { isStrictSemver, isValidPluginName, pluginManifestSchema } from '@berth/sdk';

const base = { name: 'docker-mcp-tools', version: '1.0.0', type: 'mcp-provider', main: 'index.js' };

describe('pluginManifestSchema', () => {
  test('normalises the specification type mcp-provider to mcp and applies defaults', () => {
    const manifest = pluginManifestSchema.parse(base);
    expect(manifest.type).toBe('mcp');
    expect(manifest.permissions).toEqual([]);
    expect(manifest.configuration).toEqual({});
    expect(manifest.dependencies).toEqual({});
    expect(manifest.activation).toBe('startup');
    expect(manifest.reload).toEqual({ onConfigChange: 'event', onDependencyReload: 'notify' });
  });

  test('accepts $schema and drops unknown fields from the result', () => {
    const manifest = pluginManifestSchema.parse({ ...base, $schema: 'https://berth.dev/schemas/plugin.schema.json', extra: 1 });
    expect(manifest.$schema).toBe('https://berth.dev/schemas/plugin.schema.json');
    expect(manifest).not.toHaveProperty('extra');
  });

  test('accepts a stdio and a Streamable HTTP server block', () => {
    expect(pluginManifestSchema.parse({ ...base, server: { command: 'node', args: ['s.js'] } }).server).toEqual({ command: 'node', args: ['s.js'] });
    expect(pluginManifestSchema.parse({ ...base, server: { url: 'https://mcp.example.com/mcp' } }).server).toEqual({ url: 'https://mcp.example.com/mcp' });
    expect(pluginManifestSchema.safeParse({ ...base, server: { url: 'file:///etc/passwd' } }).success).toBe(false);
  });

  test.each([
    ['docker-mcp-tools', true],
    ['@acme/tools', true],
    ['a.b_c-1', true],
    ['p'.repeat(64), true],
    ['p'.repeat(65), false],
    ['Docker', false],
    ['-leading-dash', false],
    ['@scope/', false],
    ['a/b', false],
    ['', false],
  ])('plugin name %j valid: %s', (name, valid) => {
    expect(isValidPluginName(name)).toBe(valid);
  });

  test.each([
    ['1.0.0', true],
    ['2.1.0-beta.1+build.5', true],
    ['1.0', false],
    ['v1.0.0', false],
    ['01.0.0', false],
    [' 1.0.0', false],
  ])('version %j strict semver: %s', (version, valid) => {
    expect(isStrictSemver(version)).toBe(valid);
  });
});
