import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadManifest, validateManifest } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/tools/catalogue.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));
const file = `${pluginDir}plugin.json`;

describe("docker-mcp's plugin.json", () => {
  it("is the specification's example, completed, and passes the host's manifest validator", async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const result = validateManifest(raw, file);
    expect(result.ok ? result.warnings : result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.manifest).toMatchObject({ name: 'docker-mcp-tools', version: '1.0.0', type: 'mcp', main: 'dist/index.js' });
    expect(raw['type']).toBe('mcp-provider');
    expect(result.manifest.permissions).toEqual(['docker.access', 'filesystem.read']);
    expect(result.manifest.configuration['docker_socket']).toMatchObject({ type: 'string', default: '/var/run/docker.sock' });
  });

  it('loads from its folder with its built main in place', async () => {
    const loaded = await loadManifest(pluginDir);
    expect(loaded.ok ? loaded.mainPath : loaded.error.message).toBe(`${pluginDir}dist/index.js`);
  });

  it('declares exactly the tools the server lists, and defaults the server uses', async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as { contributes: { tools: { name: string }[] }; configuration: Record<string, { default?: unknown }> };
    expect(raw.contributes.tools.map((t) => t.name)).toEqual(ALL_TOOLS.map((t) => t.name));
    expect(raw.configuration['read_only']?.default).toBe(DEFAULT_SETTINGS.readOnly);
    expect(raw.configuration['scope']?.default).toBe(DEFAULT_SETTINGS.scope);
    expect(raw.configuration['output_cap_bytes']?.default).toBe(DEFAULT_SETTINGS.outputCapBytes);
  });
});
