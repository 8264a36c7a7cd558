import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, McpServerNotInstalledError, McpServerUnspecifiedError, McpServerVariableError } from '@berth/sdk';
import { describeMcpServer, mcpServerTargetOf } from '@berth/host';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..', '..');
const memoryBin = realpathSync(join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/package.json')), 'dist', 'index.js'));

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
      { settings: { root: '/home/me' } },
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

  it('substitutes ${pluginData}, ${home}, ${tmp} and ${workspace} in args, env values and cwd (issue 19.3)', () => {
    const target = mcpServerTargetOf(
      {
        name: 'memory',
        server: { command: '/usr/bin/srv', args: ['--db', '${pluginData}/db', '${workspace}', '${tmp}/x'], env: { MEMORY_FILE_PATH: '${pluginData}/memory.json', H: '${home}/.cfg' }, cwd: '${pluginData}' },
      },
      '/plugins/memory',
      { pluginData: '/data/memory', home: '/home/me', tmp: '/tmp', workspace: '/work/project' },
    );
    expect(target).toMatchObject({
      kind: 'command',
      args: ['--db', '/data/memory/db', '/work/project', '/tmp/x'],
      env: { MEMORY_FILE_PATH: '/data/memory/memory.json', H: '/home/me/.cfg' },
      cwd: '/data/memory',
    });
  });

  it('refuses ${workspace} when Berth has none, naming the plugin, the file and the field', () => {
    const manifest = { name: 'ws', server: { command: '/usr/bin/srv', env: { ROOT: '${workspace}/src' } } };
    expect(() => mcpServerTargetOf(manifest, '/plugins/ws', { pluginData: '/d' })).toThrow(McpServerVariableError);
    expect(() => mcpServerTargetOf(manifest, '/plugins/ws', { pluginData: '/d' })).toThrow(
      "plugin 'ws' (/plugins/ws/plugin.json, /server/env/ROOT) uses ${workspace}, which has no value here",
    );
  });

  it('runs `npx <package>` as node + the installed package\'s bin file, so it is sandboxed (issue 19.2)', () => {
    const target = mcpServerTargetOf({ name: 'memory', server: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory', '--flag'] } }, repoRoot);
    expect(target).toMatchObject({
      kind: 'command',
      runtime: 'node',
      command: process.execPath,
      args: [memoryBin, '--flag'],
      resolvedFrom: 'npx -y @modelcontextprotocol/server-memory --flag',
    });
  });

  it('runs a bin name found in node_modules/.bin, and a path to a Node script, the same way', () => {
    for (const command of ['mcp-server-memory', './node_modules/.bin/mcp-server-memory']) {
      expect(mcpServerTargetOf({ name: 'memory', server: { command } }, repoRoot)).toMatchObject({ runtime: 'node', command: process.execPath, args: [memoryBin] });
    }
  });

  it('refuses `npx` of a package not installed in the plugin folder, or of another version: npx would download it', () => {
    for (const spec of ['berth-no-such-package-xyz', '@modelcontextprotocol/server-memory@0.0.1']) {
      const run = (): unknown => mcpServerTargetOf({ name: 'dl', server: { command: 'npx', args: ['-y', spec] } }, repoRoot);
      expect(run).toThrow(McpServerNotInstalledError);
      expect(run).toThrow(`runs '${spec}', which is not installed in ${repoRoot}: npx would download and run it outside the sandbox`);
    }
  });

  it('leaves a native program native (only process.unconfined may start it)', () => {
    expect(mcpServerTargetOf({ name: 'py', server: { command: 'uvx', args: ['mcp-server-fetch'] } }, repoRoot)).toMatchObject({ runtime: 'native', command: 'uvx' });
    expect(mcpServerTargetOf({ name: 'sh', server: { command: '/usr/bin/chromium' } }, repoRoot)).toMatchObject({ runtime: 'native' });
  });
});
