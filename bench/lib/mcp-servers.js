// Servers and clients the MCP benches share: Berth's HTTP endpoint over a PluginHost (a sandboxed tool, or an
// mcp plugin), the bare MCP SDK server over HTTP with an in-process tool, and the 1.x/2.x clients.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { pino } from 'pino';
import { ConfigStore, PluginHost } from '../../packages/host/dist/index.js';
import { serveMcpHttp, toolSourceOf } from '../../packages/host/dist/endpoints/mcp/index.js';
import { sendWebResponse, toWebRequest } from '../../packages/host/dist/endpoints/http/index.js';

/** The bearer token every bench endpoint expects. */
export const TOKEN = 'bench-token-0123456789abcdef';

/** The examples/ folder (echo-tool lives there). */
export const examples = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples');

/** The call log of `berth serve`, written to /dev/null (the cost of logging each call stays in). */
export const callLog = () => pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));

/** The examples/echo-tool plugin's input schema, which the bare server copies. */
export const echoInputSchema = {
  type: 'object',
  properties: { text: { type: 'string', minLength: 1 }, times: { type: 'integer', minimum: 1, maximum: 10 } },
  required: ['text'],
  additionalProperties: false,
};

/** The echo-tool plugin's handler, for the bare server and in-process registrations. */
export const echo = ({ text, times = 1 }) => ({
  content: [{ type: 'text', text: Array.from({ length: times }, () => text).join(' ') }],
  structuredContent: { text, times },
});

/**
 * Berth over a PluginHost whose roots are `roots` (plugin folders started as `berth serve` would: sandboxed tool
 * plugins in the process tier, mcp plugins through their launcher), served by the HTTP endpoint.
 */
export async function berthHost(roots, plugin, tool) {
  const home = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-host-'));
  const config = new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
  const host = new PluginHost({ roots: roots.map((dir) => ({ kind: 'user', dir })), config, logger: pino({ level: 'silent' }) });
  const report = await host.start();
  const info = report.plugins.find((p) => p.name === plugin);
  if (info?.state !== 'active' && info?.state !== 'resolved') throw new Error(`${plugin} did not start: ${JSON.stringify(info)}`);
  const endpoint = await serveMcpHttp({ source: toolSourceOf(host.api.tools), token: TOKEN, logger: callLog(), port: 0 });
  return {
    url: endpoint.mcpUrl,
    tool,
    tier: info.tier ?? 'unknown',
    host,
    close: async () => {
      await endpoint.close();
      await host.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Berth with the examples/echo-tool plugin running sandboxed (the process tier, over RPC). */
export const berthSandboxed = () => berthHost([examples], 'echo-tool', 'echo-tool__echo');

/** The bare SDK server: McpServer with the echo tool in process, createMcpHandler (both eras), plain node:http. */
export async function bareHttp() {
  const factory = () => {
    const server = new McpServer({ name: 'bare', version: '1.0.0' });
    server.registerTool('echo', { description: 'echoes', inputSchema: fromJsonSchema(echoInputSchema) }, async (a) => echo(a));
    return server;
  };
  const handler = createMcpHandler(factory);
  const http = createServer((req, res) => {
    handler.fetch(toWebRequest(req, res)).then((response) => sendWebResponse(res, response));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    tool: 'echo',
    close: async () => {
      await handler.close();
      await new Promise((resolve) => {
        http.close(resolve);
        http.closeAllConnections();
      });
    },
  };
}

/** A connected client of `generation` ('1.x': 2025-11-25 sessions; '2.x': 2026-07-28) to `url`. */
export async function connectHttp(generation, url) {
  const requestInit = { headers: { authorization: `Bearer ${TOKEN}` } };
  if (generation === '1.x') {
    const client = new Client1({ name: 'bench', version: '1.0.0' });
    await client.connect(new Http1(new URL(url), { requestInit }));
    return client;
  }
  const client = new Client2({ name: 'bench', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new Http2(new URL(url), { requestInit }));
  return client;
}

/** The value at quantile `p` of `values`. */
export function percentile(values, p) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** `value` rounded to `digits` decimals. */
export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
