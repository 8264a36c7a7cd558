// tools/call through Berth's MCP endpoint over HTTP (token, origin and Host checks, era routing, the tool
// registry with validation and guards, the call log) against the same tool served by a bare MCP SDK server over
// HTTP (the SDK's createMcpHandler, no checks, no registry), measured in the same run with the official 2.x client
// (protocol 2026-07-28) and the 1.x client (2025-11-25). Aim: Berth ≤ 1.25× the bare server at p50.
// Also: calls per second with 16 calls in flight, for both. Plain Node ESM over the built host (dist/).
// Run standalone: node bench/mcp-endpoint.bench.js [--json]
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as Http1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { pino } from 'pino';
import { EventBus, HookEngine, ToolRegistry } from '../packages/host/dist/api/index.js';
import { serveMcpHttp, toolSourceOf } from '../packages/host/dist/endpoints/mcp/index.js';
import { sendWebResponse, toWebRequest } from '../packages/host/dist/endpoints/http/index.js';

const WARMUP = 50;
const SAMPLES = 300;
const ROUNDS = 3;
const IN_FLIGHT = 16;
const THROUGHPUT_CALLS = 800;
const TOKEN = 'bench-token-0123456789abcdef';
const allowAll = { check: () => true, assert: () => undefined };
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child() { return silent; } };

const inputSchema = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number' }, note: { type: 'string', maxLength: 100 } },
  required: ['a', 'b'],
  additionalProperties: false,
};
const add = (args) => ({ content: [{ type: 'text', text: String(args.a + args.b) }] });
const args = { a: 2, b: 3, note: 'bench' };

/** Berth: the endpoint over the tool registry, logging each call (to /dev/null) as it does in production. */
async function berth() {
  const hooks = new HookEngine({ gate: allowAll, logger: silent });
  const tools = new ToolRegistry({ hooks, events: new EventBus({ logger: silent }) });
  tools.register('bench', { name: 'add', description: 'adds', inputSchema, handler: add });
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const endpoint = await serveMcpHttp({ source: toolSourceOf(tools), token: TOKEN, logger, port: 0 });
  return { url: endpoint.mcpUrl, tool: 'bench__add', close: () => endpoint.close() };
}

/** The bare SDK server: McpServer with the same tool, createMcpHandler (both eras), a plain node:http server. */
async function bare() {
  const factory = () => {
    const server = new McpServer({ name: 'bare', version: '1.0.0' });
    server.registerTool('add', { description: 'adds', inputSchema: fromJsonSchema(inputSchema) }, async (a) => add(a));
    return server;
  };
  const handler = createMcpHandler(factory);
  const http = createServer((req, res) => {
    handler.fetch(toWebRequest(req, res)).then((response) => sendWebResponse(res, response));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    tool: 'add',
    close: async () => {
      await handler.close();
      await new Promise((resolve) => {
        http.close(resolve);
        http.closeAllConnections();
      });
    },
  };
}

async function connect(generation, url) {
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

async function latencies(client, tool) {
  const call = () => client.callTool({ name: tool, arguments: args });
  const check = await call();
  if (check.isError || check.content[0].text !== '5') throw new Error(`unexpected result ${JSON.stringify(check)}`);
  for (let i = 0; i < WARMUP; i++) await call();
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function throughput(client, tool) {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next++ < THROUGHPUT_CALLS) await client.callTool({ name: tool, arguments: args });
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return THROUGHPUT_CALLS / ((performance.now() - start) / 1000);
}

function percentile(values, p) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `work` with a freshly connected client of `generation` to `server`. */
async function withClient(generation, server, work) {
  const client = await connect(generation, server.url);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

/** Measures one client generation against both servers, alternating them so machine load affects both alike. */
async function measure(generation, servers) {
  const samples = { berth: [], bare: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ['bare', 'berth']) {
      samples[name].push(...(await withClient(generation, servers[name], (client) => latencies(client, servers[name].tool))));
    }
  }
  const rate = {};
  for (const name of ['bare', 'berth']) rate[name] = await withClient(generation, servers[name], (client) => throughput(client, servers[name].tool));
  return { samples, rate };
}

export async function run() {
  const servers = { berth: await berth(), bare: await bare() };
  try {
    const results = {};
    const ratios = {};
    const aims = [];
    for (const generation of ['2.x', '1.x']) {
      const { samples, rate } = await measure(generation, servers);
      const p50 = percentile(samples.berth, 0.5) / percentile(samples.bare, 0.5);
      const p90 = percentile(samples.berth, 0.9) / percentile(samples.bare, 0.9);
      results[`${generation} client: Berth p50 ms`] = round(percentile(samples.berth, 0.5), 3);
      results[`${generation} client: Berth p90 ms`] = round(percentile(samples.berth, 0.9), 3);
      results[`${generation} client: bare SDK p50 ms`] = round(percentile(samples.bare, 0.5), 3);
      results[`${generation} client: bare SDK p90 ms`] = round(percentile(samples.bare, 0.9), 3);
      results[`${generation} client: Berth calls/s (${IN_FLIGHT} in flight)`] = Math.round(rate.berth);
      results[`${generation} client: bare SDK calls/s (${IN_FLIGHT} in flight)`] = Math.round(rate.bare);
      ratios[`${generation} Berth / bare (p50)`] = round(p50);
      ratios[`${generation} Berth / bare (p90)`] = round(p90);
      ratios[`${generation} bare / Berth calls/s`] = round(rate.bare / rate.berth);
      aims.push({ aim: `tools/call over HTTP, ${generation} client: Berth ≤ 1.25× the bare SDK server at p50`, actual: `${round(p50)}×`, met: p50 <= 1.25 });
    }
    results.samples = `${ROUNDS} × ${SAMPLES} sequential calls per server and client generation; ${THROUGHPUT_CALLS} calls for throughput`;
    return { name: 'mcp-endpoint', results, ratios, aims };
  } finally {
    await servers.berth.close();
    await servers.bare.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(report);
}
