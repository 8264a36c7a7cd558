import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, McpConnectFailedError, McpServerCrashedError } from '@berth/sdk';
import { McpPluginConnection } from '@berth/host';
import { memoryLogger, NOTES_DIR } from '../endpoints/mcp/support/http-fixture.js';

const { logger } = memoryLogger();

describe('McpPluginConnection', () => {
  it('negotiates the 2026-07-28 protocol with a 2.x server and lists its tools', async () => {
    const connection = new McpPluginConnection({ plugin: 'notes', server: { kind: 'command', runtime: 'node', command: process.execPath, args: [`${NOTES_DIR}server.mjs`], env: {}, cwd: NOTES_DIR }, logger });
    await connection.connect();
    try {
      expect(connection.protocolVersion).toBe('2026-07-28');
      expect(connection.tools.map((t) => t.name)).toContain('add_note');
      expect(await connection.listResources()).toEqual([]);
    } finally {
      await connection.close();
    }
    expect(connection.state).toBe('closed');
  });

  it('fails to connect to a command that is not an MCP server with McpConnectFailedError', async () => {
    const connection = new McpPluginConnection({
      plugin: 'broken',
      server: { kind: 'command', runtime: 'native', command: process.execPath, args: ['-e', 'process.exit(3)'], env: {}, cwd: NOTES_DIR },
      logger,
      connectTimeoutMs: 5_000,
    });
    const error = await connection.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpConnectFailedError);
    expect((error as McpConnectFailedError).code).toBe(ErrorCodes.MCP_CONNECT_FAILED);
    expect((error as Error).message).toContain(`plugin 'broken': could not connect to its MCP server (${process.execPath} -e process.exit(3))`);
    expect((error as Error).message).toContain("check the 'server' (or 'main') field of its plugin.json");
    expect(connection.state).toBe('down');
  });

  it('fails to reach a URL that answers with no MCP server', async () => {
    const http = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
    try {
      const connection = new McpPluginConnection({ plugin: 'remote', server: { kind: 'url', url, headers: {} }, logger, connectTimeoutMs: 5_000 });
      const error = await connection.connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(McpConnectFailedError);
      expect((error as Error).message).toContain(`plugin 'remote': could not connect to its MCP server (${url})`);
    } finally {
      http.close();
    }
  });

  it('fails a call at once with McpServerCrashedError while the server is down', async () => {
    const connection = new McpPluginConnection({ plugin: 'idle', server: { kind: 'url', url: 'http://127.0.0.1:9/mcp', headers: {} }, logger });
    const error = await connection.callTool('x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpServerCrashedError);
    expect((error as McpServerCrashedError).code).toBe(ErrorCodes.PLUGIN_CRASHED);
    expect((error as Error).message).toBe(
      "the MCP server of plugin 'idle' stopped: it is not running (state 'idle') when 'x' was asked for; Berth restarts it — retry the call, and if it keeps stopping run: berth plugins inspect idle",
    );
  });
});
