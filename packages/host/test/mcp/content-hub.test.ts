import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpContentHub, McpPluginConnection, serveMcpHttp, type McpHttpEndpoint } from '@berth/host';
import { createTestRegistry } from '../endpoints/mcp/support/test-registry.mjs';
import { memoryLogger } from '../endpoints/mcp/support/http-fixture.js';

// The resources and prompts of an mcp plugin's server (server-everything) are served through the endpoint too:
// prompts under namespaced wire names, resources under their own URIs, read from the server that listed them.

const require = createRequire(import.meta.url);
const everythingMain = join(require.resolve('@modelcontextprotocol/server-everything/package.json'), '..', 'dist', 'index.js');
const TOKEN = 'tok-content-hub-123456';

describe("an mcp plugin's resources and prompts", () => {
  const { logger } = memoryLogger();
  let connection: McpPluginConnection;
  let endpoint: McpHttpEndpoint;
  let removeFromHub: () => void;

  beforeAll(async () => {
    const registry = createTestRegistry(logger);
    const hub = new McpContentHub(logger);
    connection = new McpPluginConnection({
      plugin: 'everything',
      server: { kind: 'command', runtime: 'native', command: process.execPath, args: [everythingMain, 'stdio'], env: {}, cwd: join(everythingMain, '..') },
      logger,
      registerTool: registry.register,
    });
    await connection.connect();
    removeFromHub = hub.add(connection);
    endpoint = await serveMcpHttp({ source: registry.source, content: hub, token: TOKEN, logger, port: 0 });
  });
  afterAll(async () => {
    removeFromHub();
    await endpoint.close();
    await connection.close();
  });

  const requestInit = { headers: { authorization: `Bearer ${TOKEN}` } };
  const clients = [
    ['1.x', async () => {
      const client = new Client1({ name: 't', version: '1' });
      await client.connect(new Http1(new URL(endpoint.mcpUrl), { requestInit }));
      return client;
    }],
    ['2.x', async () => {
      const client = new Client2({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
      await client.connect(new Http2(new URL(endpoint.mcpUrl), { requestInit }));
      return client;
    }],
  ] as const;

  it.each(clients)('lists and reads them with a %s client', async (_generation, connect) => {
    const client = await connect();
    try {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['everything__simple-prompt', 'everything__args-prompt']));
      const prompt = await client.getPrompt({ name: 'everything__simple-prompt' });
      expect(prompt.messages[0]?.content).toMatchObject({ type: 'text' });

      const { resources } = await client.listResources();
      const document = resources.find((r) => r.uri.startsWith('demo://resource/static/document/'));
      expect(document).toBeDefined();
      const read = await client.readResource({ uri: document?.uri ?? '' });
      expect(read.contents[0]?.uri).toBe(document?.uri);

      await expect(client.readResource({ uri: 'demo://nothing/here' })).rejects.toThrow("no MCP plugin offers the resource 'demo://nothing/here'");
    } finally {
      await client.close();
    }
  });
});
