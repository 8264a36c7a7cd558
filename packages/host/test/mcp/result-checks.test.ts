import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpPluginConnection } from '@berth/host';
import { memoryLogger } from '../endpoints/mcp/support/http-fixture.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const { logger } = memoryLogger();

// Tools without an output schema take Berth's direct tools/call path (BerthMcpClient.callPlainTool); tools with one
// take the SDK's callTool. Both must refuse what the SDK refuses.
describe('results of an mcp plugin server, as Berth’s client checks them', () => {
  const connection = new McpPluginConnection({
    plugin: 'raw',
    server: { kind: 'command', runtime: 'node', command: process.execPath, args: [path.join(fixtures, 'raw-results-server.mjs')], env: {}, cwd: fixtures },
    logger,
  });
  beforeAll(() => connection.connect());
  afterAll(() => connection.close());

  it('passes a well-formed result of a tool without an output schema', async () => {
    expect(connection.protocolVersion).toBe('2025-11-25');
    await expect(connection.callTool('plain', {})).resolves.toEqual({ content: [{ type: 'text', text: 'fine' }] });
  });

  it('refuses a malformed result of a tool without an output schema, as the SDK’s result schema does', async () => {
    await expect(connection.callTool('malformed', {})).rejects.toThrow(/Invalid result for tools\/call/);
    // The connection stays usable.
    await expect(connection.callTool('plain', {})).resolves.toMatchObject({ content: [{ text: 'fine' }] });
  });

  it('still checks structured content against a tool’s output schema', async () => {
    const result = await connection.callTool('typed', {});
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/output schema/);
  });
});
