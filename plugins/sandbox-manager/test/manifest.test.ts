import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadManifest, validateManifest } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { sandboxTools } from '../src/tools/index.js';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));
const file = `${pluginDir}plugin.json`;

describe("sandbox-manager's plugin.json", () => {
  it("passes the host's manifest validator as a tool plugin asking for docker.access and process.spawn", async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const result = validateManifest(raw, file);
    expect(result.ok ? result.warnings : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.manifest).toMatchObject({ name: 'sandbox-manager', version: '1.0.0', type: 'tool', main: 'dist/index.js' });
    expect(result.manifest.permissions).toEqual(['docker.access', 'process.spawn']);
  });

  it('loads from its folder with its built main in place', async () => {
    const loaded = await loadManifest(pluginDir);
    expect(loaded.ok ? loaded.mainPath : loaded.error.message).toBe(`${pluginDir}dist/index.js`);
  });

  it('declares exactly the tools the plugin registers, and the defaults the code uses', async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as { contributes: { tools: { name: string }[] }; configuration: Record<string, { default?: unknown }> };
    expect(raw.contributes.tools.map((t) => t.name)).toEqual(sandboxTools({ manager: () => Promise.reject(new Error('unused')) }).map((t) => t.name));
    const defaults = Object.fromEntries(Object.entries(raw.configuration).map(([key, setting]) => [key, setting.default]));
    expect(defaults).toEqual({ ...DEFAULT_SETTINGS });
  });

  it('gives every tool MCP annotations and an object input schema', () => {
    for (const tool of sandboxTools({ manager: () => Promise.reject(new Error('unused')) })) {
      expect(tool.inputSchema, tool.name).toMatchObject({ type: 'object', additionalProperties: false });
      expect(tool.annotations?.openWorldHint, tool.name).toBe(false);
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
    }
  });
});
