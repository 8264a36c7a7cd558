import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmPluginFolder } from '../../../../test/support/npm-plugin.js';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from './serve-client.js';

// Issue 19, points 1, 2 and 3, with the published @modelcontextprotocol/server-memory run unmodified as a
// sandboxed mcp plugin: its folder is what `npm install` leaves, its manifest says `npx -y <package>` (as its
// README does) and stores its file at ${pluginData}/memory.json; it is installed by copy, the source folder is
// then deleted, and it is called through `berth serve`'s /mcp with the official SDK client. The knowledge graph
// written before a restart of berth serve is there after it.

describe('@modelcontextprotocol/server-memory, installed by copy, through berth serve', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    const folder = npmPluginFolder({
      packages: ['@modelcontextprotocol/server-memory'],
      manifest: {
        name: 'memory',
        version: '1.0.0',
        type: 'mcp',
        description: 'A knowledge graph memory (the MCP project reference server), run unmodified.',
        server: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], env: { MEMORY_FILE_PATH: '${pluginData}/memory.json' } },
      },
    });
    const installed = await runBerth(home, ['plugins', 'install', folder, '--yes']);
    expect(installed.stderr + installed.stdout).toContain('installed memory 1.0.0');
    expect(installed.code).toBe(0);
    rmSync(path.dirname(folder), { recursive: true, force: true }); // the copy must stand on its own
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  it('keeps node_modules in the copy (point 1)', () => {
    const copy = path.join(home, 'data', 'plugins', 'memory');
    expect(existsSync(path.join(copy, 'node_modules', '@modelcontextprotocol', 'server-memory', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(path.join(copy, 'node_modules', '@modelcontextprotocol', 'sdk', 'package.json'))).toBe(true);
  });

  it('runs `npx -y <package>` sandboxed (no process.unconfined) and keeps its graph in ${pluginData} across a restart (points 2, 3)', async () => {
    const first = await serveAndConnect(home);
    try {
      expect(await first.client.toolNames()).toEqual(expect.arrayContaining(['memory__create_entities', 'memory__read_graph']));
      const created = await first.client.call('memory__create_entities', {
        entities: [{ name: 'Berth', entityType: 'project', observations: ['hosts MCP servers in a sandbox'] }],
      });
      expect(created).toContain('Berth');
      expect(first.serve.stderr()).not.toContain('process.unconfined');
    } finally {
      await first.stop();
    }
    const file = path.join(home, 'data', 'plugin-data', 'memory', 'memory.json');
    expect(readFileSync(file, 'utf8')).toContain('hosts MCP servers in a sandbox');
    const second = await serveAndConnect(home);
    try {
      const graph = await second.client.call('memory__read_graph', {});
      expect(graph).toContain('hosts MCP servers in a sandbox');
    } finally {
      await second.stop();
    }
  });
});
