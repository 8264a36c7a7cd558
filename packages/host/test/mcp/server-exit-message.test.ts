import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { McpConnectFailedError } from '@berth/sdk';
import { McpPluginConnection, type McpServerCommand } from '@berth/host';
import { memoryLogger } from '../endpoints/mcp/support/http-fixture.js';

// Issue 19, point 5 (the log says why): a published server that dies at start — @modelcontextprotocol/server-filesystem
// given only a folder that does not exist says so and exits 1 — fails to connect with an error that says how the process ended
// and what it last wrote to stderr, not only "the connection closed".

const fsBin = realpathSync(join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/server-filesystem/package.json')), 'dist', 'index.js'));

describe('a server that dies at start', () => {
  it('names its exit status and its last stderr lines in BERTH_MCP_CONNECT_FAILED', async () => {
    const server: McpServerCommand = { kind: 'command', runtime: 'node', command: process.execPath, args: [fsBin, '/nonexistent-berth-folder'], env: {}, cwd: dirname(fsBin) };
    const { logger } = memoryLogger();
    const connection = new McpPluginConnection({ plugin: 'filesystem', server, logger });
    const error = await connection.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    await connection.close();
    expect(error).toBeInstanceOf(McpConnectFailedError);
    expect((error as Error).message).toMatch(/the server exited with code 1; its last stderr lines:\n.*Cannot access directory \/nonexistent-berth-folder.*None of the specified directories are accessible/s);
  });
});
