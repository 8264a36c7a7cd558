// tools/call through Berth's MCP endpoint over HTTP (token, origin and Host checks, era routing, the tool
// registry with validation and guards, the call log) against the same tool served by a bare MCP SDK server over
// HTTP (the SDK's createMcpHandler, no checks, no registry), measured in the same run with the official 2.x client
// (protocol 2026-07-28) and the 1.x client (2025-11-25). Berth serves the tool two ways: registered in process,
// and from the examples/echo-tool plugin running sandboxed (the process tier, over RPC) in a PluginHost.
// Aim: Berth ≤ 1.25× the bare server at p50. Also: calls per second with 16 calls in flight.
// Plain Node ESM over the built host (dist/).
// Run standalone: node bench/mcp-endpoint.bench.js [--json]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EventBus, HookEngine, ToolRegistry } from '../packages/host/dist/api/index.js';
import { serveMcpHttp, toolSourceOf } from '../packages/host/dist/endpoints/mcp/index.js';
import { bareHttp as bare, berthSandboxed, callLog, connectHttp as connect, echo, echoInputSchema as inputSchema, percentile, round, TOKEN } from './lib/mcp-servers.js';

const WARMUP = 50;
const SAMPLES = 300;
const ROUNDS = 3;
const IN_FLIGHT = 16;
const THROUGHPUT_CALLS = 800;
const allowAll = { check: () => true, assert: () => undefined };
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child() { return silent; } };
const args = { text: 'bench' };

/** Berth: the endpoint over a tool registry holding the tool in process, logging each call (to /dev/null). */
async function berth() {
  const hooks = new HookEngine({ gate: allowAll, logger: silent });
  const tools = new ToolRegistry({ hooks, events: new EventBus({ logger: silent }) });
  tools.register('bench', { name: 'echo', description: 'echoes', inputSchema, handler: echo });
  const endpoint = await serveMcpHttp({ source: toolSourceOf(tools), token: TOKEN, logger: callLog(), port: 0 });
  return { url: endpoint.mcpUrl, tool: 'bench__echo', close: () => endpoint.close() };
}

async function latencies(client, tool) {
  const call = () => client.callTool({ name: tool, arguments: args });
  const check = await call();
  if (check.isError || check.content[0].text !== 'bench') throw new Error(`unexpected result ${JSON.stringify(check)}`);
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

/** Runs `work` with a freshly connected client of `generation` to `server`. */
async function withClient(generation, server, work) {
  const client = await connect(generation, server.url);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

/** Measures one client generation against the servers, alternating them so machine load affects all alike. */
async function measure(generation, servers, names) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      samples[name].push(...(await withClient(generation, servers[name], (client) => latencies(client, servers[name].tool))));
    }
  }
  const rate = {};
  for (const name of names) rate[name] = await withClient(generation, servers[name], (client) => throughput(client, servers[name].tool));
  return { samples, rate };
}

const LABELS = { berth: 'Berth (tool in process)', sandboxed: 'Berth (sandboxed tool)', bare: 'bare SDK' };

export async function run() {
  const servers = { berth: await berth(), sandboxed: await berthSandboxed(), bare: await bare() };
  try {
    const results = { 'sandboxed tool tier': servers.sandboxed.tier };
    const ratios = {};
    const aims = [];
    // The 2.x client against all three; the 1.x client (2025 sessions) against the in-process variant and bare.
    for (const [generation, names] of [['2.x', ['bare', 'berth', 'sandboxed']], ['1.x', ['bare', 'berth']]]) {
      const { samples, rate } = await measure(generation, servers, names);
      for (const name of names) {
        results[`${generation} client: ${LABELS[name]} p50 ms`] = round(percentile(samples[name], 0.5), 3);
        results[`${generation} client: ${LABELS[name]} p90 ms`] = round(percentile(samples[name], 0.9), 3);
        results[`${generation} client: ${LABELS[name]} calls/s (${IN_FLIGHT} in flight)`] = Math.round(rate[name]);
      }
      for (const name of names.filter((n) => n !== 'bare')) {
        const p50 = percentile(samples[name], 0.5) / percentile(samples.bare, 0.5);
        ratios[`${generation} ${LABELS[name]} / bare (p50)`] = round(p50);
        ratios[`${generation} ${LABELS[name]} / bare (p90)`] = round(percentile(samples[name], 0.9) / percentile(samples.bare, 0.9));
        ratios[`${generation} bare / ${LABELS[name]} calls/s`] = round(rate.bare / rate[name]);
        aims.push({ aim: `tools/call over HTTP, ${generation} client: ${LABELS[name]} ≤ 1.25× the bare SDK server at p50`, actual: `${round(p50)}×`, met: p50 <= 1.25 });
      }
    }
    results.samples = `${ROUNDS} × ${SAMPLES} sequential calls per server and client generation; ${THROUGHPUT_CALLS} calls for throughput`;
    return { name: 'mcp-endpoint', results, ratios, aims };
  } finally {
    for (const server of Object.values(servers)) await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(report);
}
