import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ToolProgress } from '@berth/sdk';
import { McpPluginConnection } from '@berth/host';
import { createTestRegistry } from '../endpoints/mcp/support/test-registry.mjs';

// Issue 19 point 6: a call to an mcp plugin asks its server for progress only when the caller listens (a progress
// token costs the server and both SDK ends work per call); when the caller listens, progress still arrives.

const server = join(import.meta.dirname, 'fixtures', 'progress-server.mjs');

describe('progress asked of an mcp plugin server', () => {
  const registry = createTestRegistry();
  let connection: McpPluginConnection;

  beforeAll(async () => {
    connection = new McpPluginConnection({
      plugin: 'prog',
      server: { kind: 'command', runtime: 'node', command: process.execPath, args: [server], env: {}, cwd: import.meta.dirname },
      logger: pino({ level: 'silent' }),
      registerTool: registry.register,
    });
    await connection.connect();
  }, 30_000);
  afterAll(async () => {
    await connection?.close();
  });

  it('sends no progress token when the caller does not listen to progress', async () => {
    const result = await registry.source.call('prog/token', {}, {});
    expect(result.content).toEqual([{ type: 'text', text: 'no progress token' }]);
    const direct = await connection.callTool('token', {});
    expect(direct.content).toEqual([{ type: 'text', text: 'no progress token' }]);
  });

  it('asks for progress and forwards it when the caller listens', async () => {
    const updates: ToolProgress[] = [];
    const result = await registry.source.call('prog/token', {}, { onProgress: (u) => updates.push(u) });
    expect(result.content).toEqual([{ type: 'text', text: 'progress token' }]);
    expect(updates).toEqual([{ progress: 1, total: 2, message: 'half' }]);
  });
});
