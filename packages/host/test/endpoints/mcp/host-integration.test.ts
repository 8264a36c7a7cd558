import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore, PluginHost, serveMcpHttp, toolSourceOf, type McpHttpEndpoint } from '@berth/host';
import { connect1, connect2, textOf } from './support/clients.js';

// The whole path `berth serve` takes: a PluginHost over examples/ — echo-tool (a tool plugin) and mcp-notes (an
// mcp plugin) each running in the sandbox — served by the MCP endpoint to official clients of both generations.

const examples = fileURLToPath(new URL('../../../../../examples/', import.meta.url));
const TOKEN = 'host-integration-token-42';
let home: string;
let host: PluginHost;
let endpoint: McpHttpEndpoint;

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'berth-mcp-host-'));
  const config = new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
  host = new PluginHost({ roots: [{ kind: 'user', dir: examples }], config, logger: pino({ level: 'silent' }) });
  const report = await host.start();
  for (const name of ['echo-tool', 'mcp-notes']) {
    expect(report.plugins.find((p) => p.name === name)).toMatchObject({ state: 'active' });
  }
  endpoint = await serveMcpHttp({ source: toolSourceOf(host.api.tools), token: TOKEN, logger: pino({ level: 'silent' }), port: 0 });
}, 60_000);
afterAll(async () => {
  await endpoint?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

describe.each([
  ['1.x', () => connect1({ url: endpoint.mcpUrl, token: TOKEN })],
  ['2.x', () => connect2({ url: endpoint.mcpUrl, token: TOKEN })],
] as const)('a %s client of a host with sandboxed plugins', (generation, connect) => {
  it('lists and calls the tool plugin and the mcp plugin, and sees a tool added at run time', async () => {
    const client = await connect();
    try {
      expect(await client.listToolNames()).toEqual(expect.arrayContaining(['echo-tool__echo', 'mcp-notes__add_note', 'mcp-notes__add_shortcut']));
      expect(textOf(await client.call('echo-tool__echo', { text: 'hi', times: 2 }))).toBe('hi hi');
      const title = `h${generation.replace('.', '')}`;
      expect(textOf(await client.call('mcp-notes__add_note', { title, text: 'from the sandbox' }))).toBe(`saved '${title}'`);
      const changed = client.nextListChanged();
      await client.call('mcp-notes__add_shortcut', { title });
      await changed;
      expect(textOf(await client.call(`mcp-notes__note_${title}`, {}))).toBe('from the sandbox');
      const invalid = await client.call('echo-tool__echo', { text: '' });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toContain("invalid arguments for tool 'echo-tool/echo' (plugin 'echo-tool')");
    } finally {
      await client.close();
    }
  });
});
