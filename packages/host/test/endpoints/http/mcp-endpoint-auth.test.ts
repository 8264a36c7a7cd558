import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serveMcpHttp, type McpHttpEndpoint } from '@berth/host';
import { createTestRegistry } from '../mcp/support/test-registry.mjs';
import { registerDemoTools } from '../mcp/support/demo-tools.mjs';
import { memoryLogger } from '../mcp/support/http-fixture.js';

// Acceptance 3 on the real MCP endpoint: official clients without the token are refused; a token in the query
// string does not count; /health answers without one.

let endpoint: McpHttpEndpoint;
beforeAll(async () => {
  const { logger } = memoryLogger();
  const registry = createTestRegistry(logger);
  registerDemoTools(registry);
  endpoint = await serveMcpHttp({ source: registry.source, token: 'the-real-token-0123456789', logger, port: 0 });
});
afterAll(async () => {
  await endpoint.close();
});

describe('the MCP endpoint over HTTP', () => {
  it('refuses a 1.x client without the token', async () => {
    const client = new Client1({ name: 't', version: '1' });
    await expect(client.connect(new Http1(new URL(endpoint.mcpUrl)))).rejects.toThrow(/401|nauthorized/);
  });

  it('refuses a 2.x client with a wrong token', async () => {
    const client = new Client2({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    const transport = new Http2(new URL(endpoint.mcpUrl), { requestInit: { headers: { authorization: 'Bearer wrong' } } });
    await expect(client.connect(transport)).rejects.toThrow(/401|nauthorized/);
  });

  it('does not take the token from the query string', async () => {
    const response = await fetch(`${endpoint.mcpUrl}?token=the-real-token-0123456789`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="berth"');
  });

  it('answers /health without a token, and a path that normalises to /mcp still needs one', async () => {
    expect((await fetch(`${endpoint.url}/health`)).status).toBe(200);
    const sneaky = await fetch(`${endpoint.url}/health/../mcp`, { method: 'POST', body: '{}' });
    expect(sneaky.status).toBe(401);
  });
});
