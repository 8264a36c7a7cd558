import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, McpServerUnspecifiedError } from '@berth/sdk';
import { describeMcpServer, mcpServerTargetOf } from '@berth/host';

describe("an mcp plugin's server target", () => {
  it('runs a Node main with the host node, in the plugin folder', () => {
    expect(mcpServerTargetOf({ name: 'notes', main: 'server.mjs' }, '/plugins/notes')).toEqual({
      kind: 'command',
      runtime: 'node',
      command: process.execPath,
      args: ['/plugins/notes/server.mjs'],
      env: {},
      cwd: '/plugins/notes',
    });
  });

  it('starts a server command, substituting ${pluginDir} and ${config.<name>}, cwd inside the plugin', () => {
    const target = mcpServerTargetOf(
      { name: 'fs', server: { command: './bin/server', args: ['--root', '${config.root}', '--data', '${pluginDir}/data', '${config.unset}'], env: { A: '1' }, cwd: 'work' } },
      '/plugins/fs',
      { root: '/home/me' },
    );
    expect(target).toEqual({
      kind: 'command',
      runtime: 'native',
      command: '/plugins/fs/bin/server',
      args: ['--root', '/home/me', '--data', '/plugins/fs/data', '${config.unset}'],
      env: { A: '1' },
      cwd: join('/plugins/fs', 'work'),
    });
    expect(describeMcpServer(target)).toBe('/plugins/fs/bin/server --root /home/me --data /plugins/fs/data ${config.unset}');
  });

  it('reaches a Streamable HTTP server by url', () => {
    expect(mcpServerTargetOf({ name: 'remote', server: { url: 'http://127.0.0.1:9000/mcp', headers: { authorization: 'Bearer x' } } }, '/p')).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:9000/mcp',
      headers: { authorization: 'Bearer x' },
    });
  });

  it('refuses a manifest with neither, naming the plugin, the file, the field and the fix', () => {
    const error = (() => {
      try {
        return mcpServerTargetOf({ name: 'empty' }, '/plugins/empty');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(McpServerUnspecifiedError);
    expect((error as McpServerUnspecifiedError).code).toBe(ErrorCodes.MCP_SERVER_UNSPECIFIED);
    expect((error as Error).message).toBe(
      "plugin 'empty' (/plugins/empty/plugin.json) is of type 'mcp' but says neither how to start its MCP server nor where to " +
        'reach it; add "main": "<server>.js", or "server": { "command": "...", "args": [...] }, or "server": { "url": "http://..." }',
    );
    expect((error as McpServerUnspecifiedError).details).toMatchObject({ plugin: 'empty', path: '/server' });
  });
});
