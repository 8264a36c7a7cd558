import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginManifestSchema } from '@berth/sdk';
import { McpPluginConnection, mcpServerTargetOf, serveMcpHttp, type McpHttpEndpoint } from '@berth/host';
import { createTestRegistry } from '../endpoints/mcp/support/test-registry.mjs';
import { registerDemoTools } from '../endpoints/mcp/support/demo-tools.mjs';
import { connect1, connect2, textOf, type TestClient } from '../endpoints/mcp/support/clients.js';
import { memoryLogger, startHttpFixture, type HttpFixture } from '../endpoints/mcp/support/http-fixture.js';

// Acceptance 1: @modelcontextprotocol/server-everything (published on npm by the MCP project, unmodified),
// declared by a plugin.json, loads as an mcp plugin; its tools are listed and called through the endpoint by
// clients that were connected before it loaded (tools/list_changed forwarded); and a tool an MCP server adds at
// run time (mcp-notes' add_shortcut) appears for connected clients.

const require = createRequire(import.meta.url);
const everythingMain = join(require.resolve('@modelcontextprotocol/server-everything/package.json'), '..', 'dist', 'index.js');

function writeEverythingPlugin(): { dir: string; manifest: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-everything-'));
  const manifest = {
    name: 'everything',
    version: '1.0.0',
    type: 'mcp',
    description: "The MCP project's reference server, run unmodified.",
    server: { command: process.execPath, args: [everythingMain, 'stdio'] },
  };
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
  return { dir, manifest };
}

describe('server-everything as an mcp plugin', () => {
  const { logger } = memoryLogger();
  const registry = createTestRegistry(logger);
  let endpoint: McpHttpEndpoint;
  let connection: McpPluginConnection;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    registerDemoTools(registry);
    endpoint = await serveMcpHttp({ source: registry.source, token: 'tok-everything-123456', logger, port: 0 });
    clients.push(await connect1({ url: endpoint.mcpUrl, token: 'tok-everything-123456' }));
    clients.push(await connect2({ url: endpoint.mcpUrl, token: 'tok-everything-123456' }));
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await connection?.close();
    await endpoint.close();
  });

  it('loads from its plugin.json, and connected clients of both generations are told its tools arrived', async () => {
    const { dir } = writeEverythingPlugin();
    const manifest = pluginManifestSchema.parse(JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'plugin.json'), 'utf8'))));
    expect(manifest.type).toBe('mcp');
    const changed = clients.map((client) => client.nextListChanged());
    connection = new McpPluginConnection({ plugin: manifest.name, server: mcpServerTargetOf(manifest, dir), logger, registerTool: registry.register });
    await connection.connect();
    await Promise.all(changed);
    expect(connection.protocolVersion).toBe('2025-11-25');
    for (const client of clients) {
      expect(await client.listToolNames()).toEqual(expect.arrayContaining(['demo__echo', 'everything__echo', 'everything__get-sum', 'everything__trigger-long-running-operation']));
    }
  });

  it('calls its tools through the endpoint', async () => {
    for (const client of clients) {
      expect(textOf(await client.call('everything__echo', { message: 'hello berth' }))).toBe('Echo: hello berth');
      expect(textOf(await client.call('everything__get-sum', { a: 2, b: 40 }))).toContain('42');
    }
  });

  it('lists the tool it registers only after initialization (get-roots-list, since Berth declares roots)', async () => {
    await expect.poll(() => clients[0]?.listToolNames(), { timeout: 5_000 }).toContain('everything__get-roots-list');
  });
});

describe('a tool an MCP server adds at run time', () => {
  let http: HttpFixture;
  beforeAll(async () => {
    http = await startHttpFixture();
  });
  afterAll(async () => {
    await http.close();
  });

  it.each([
    ['1.x', () => connect1({ url: http.endpoint.mcpUrl, token: http.token })],
    ['2.x', () => connect2({ url: http.endpoint.mcpUrl, token: http.token })],
  ] as const)('appears for a connected %s client, with tools/list_changed', async (generation, connect) => {
    const client = await connect();
    const watcher = await connect();
    try {
      const title = `t${generation.replace('.', '')}`;
      expect(await client.listToolNames()).not.toContain(`notes__note_${title}`);
      await client.call('notes__add_note', { title, text: `note for ${generation}` });
      const changed = watcher.nextListChanged();
      expect(textOf(await client.call('notes__add_shortcut', { title }))).toBe(`added tool note_${title}`);
      await changed;
      expect(await watcher.listToolNames()).toContain(`notes__note_${title}`);
      expect(textOf(await watcher.call(`notes__note_${title}`, {}))).toBe(`note for ${generation}`);
    } finally {
      await client.close();
      await watcher.close();
    }
  });
});
