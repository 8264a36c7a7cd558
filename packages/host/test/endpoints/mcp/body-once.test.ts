import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMcpHttp, type McpHttpEndpoint } from '@berth/host';
import { connect1, connect2, textOf } from './support/clients.js';
import { memoryLogger } from './support/http-fixture.js';
import { registerDemoTools } from './support/demo-tools.mjs';
import { createTestRegistry } from './support/test-registry.mjs';

// The MCP HTTP endpoint reads and parses each JSON POST body once (shared by the era routing and the handler):
// what the SDK answered for odd bodies must stay as it was, and both generations still work.

const TOKEN = 'body-once-token-0123456789';
let endpoint: McpHttpEndpoint;
beforeAll(async () => {
  const { logger } = memoryLogger();
  const registry = createTestRegistry(logger);
  registerDemoTools(registry);
  endpoint = await serveMcpHttp({ source: registry.source, token: TOKEN, logger, port: 0 });
});
afterAll(async () => {
  await endpoint.close();
});

const post = (body: string | Uint8Array, contentType = 'application/json') =>
  fetch(endpoint.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType, accept: 'application/json, text/event-stream' },
    body,
  });

describe('MCP endpoint: one read of the request body', () => {
  it('calls tools with both client generations', async () => {
    for (const connect of [connect1, connect2]) {
      const client = await connect({ url: endpoint.mcpUrl, token: TOKEN });
      try {
        expect(textOf(await client.call('demo__echo', { text: 'once' }))).toContain('once');
      } finally {
        await client.close();
      }
    }
  });

  it('answers a body over the SDK limit with 413, without reading it whole', async () => {
    const response = await post(new Uint8Array(5 * 1024 * 1024).fill(0x20));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Payload Too Large/);
  });

  it('answers a body that is not JSON as a JSON-RPC parse error (the SDK answers it)', async () => {
    const response = await post('{not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('still refuses a POST that is not JSON by content type (415)', async () => {
    expect((await post('{}', 'text/plain')).status).toBe(415);
  });
});
