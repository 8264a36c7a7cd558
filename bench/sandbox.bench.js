// A sandboxed tool call (process tier: bubblewrap where usable + Node's permission model, JSON-RPC over fd 3)
// against, in the same run: (a) the same tool call in-process (trusted tier), (b) a bare child process echoing
// newline-delimited JSON over a pipe, (c) the official MCP SDK's stdio client calling an echo tool on a bare MCP
// SDK stdio server. p50 and p99 at one call in flight. Also a plugin's start-up time and idle RSS against a bare
// `node -e` process. Aims (issue 4): p50 ≤ 1.3× (b) and ≤ (c); p99 ≤ 0.5× (c)'s p99; idle RSS ≤ 1.1× bare node.
// Plain Node ESM over the built host (dist/). Run standalone: node bench/sandbox.bench.js [--json]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pino } from 'pino';
import {
  createPluginApi,
  createPluginContext,
  GrantGate,
  InProcessRunner,
  ProcessRunner,
  scopeVarsFor,
  sandboxDoctor,
} from '../packages/host/dist/index.js';

const CALLS = 3000;
const WARMUP = 300;
const STARTS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Latencies (µs) of CALLS sequential calls after a warm-up. */
async function latencies(call) {
  for (let i = 0; i < WARMUP; i++) await call(i);
  const out = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call(i);
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

/** A minimal plugin folder with an echo tool (no SDK import: the smallest real plugin). */
function pluginFolder(root) {
  const dir = path.join(root, 'bench-echo');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `export default { initialize(ctx) { ctx.tools.register({ name: 'echo', description: 'echo', inputSchema: { type: 'object' },
      handler: async (args) => ({ content: [{ type: 'text', text: args.text }] }) }); } };\n`,
  );
  return { name: 'bench-echo', version: '1.0.0', dir, main: path.join(dir, 'index.js') };
}

function hostApi(root) {
  const gate = new GrantGate({ grants: () => [], vars: (p) => scopeVarsFor(root, path.join(root, 'data', p)) });
  return createPluginApi({ gate, logger: pino({ level: 'silent' }) });
}

function contextFor(api, plugin, root) {
  return createPluginContext({ api, plugin, config: { get: () => undefined, all: () => ({}) }, dataDir: path.join(root, 'data', plugin.name) }).context;
}

/** The resident set (kB) of the node process at or under `pid` (bubblewrap and prlimit sit above it). */
function nodeRss(pid) {
  const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (comm === 'node' || comm.startsWith('MainThread')) return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  for (const child of children) {
    const rss = nodeRss(Number(child));
    if (rss !== undefined) return rss;
  }
  return undefined;
}

/** (b): a bare child echoing newline-delimited JSON. */
async function bareEcho() {
  const child = spawn(process.execPath, ['-e', `const rl = require('node:readline').createInterface({ input: process.stdin });
    rl.on('line', (l) => { const m = JSON.parse(l); process.stdout.write(JSON.stringify({ id: m.id, result: { content: [{ type: 'text', text: m.params.text }] } }) + '\\n'); });`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map();
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (d) => {
    const lines = (rest + d).split('\n');
    rest = lines.pop();
    for (const l of lines) { const m = JSON.parse(l); waiting.get(m.id)?.(m.result); waiting.delete(m.id); }
  });
  let id = 0;
  const call = (i) => new Promise((resolve) => { const n = ++id; waiting.set(n, resolve); child.stdin.write(JSON.stringify({ id: n, method: 'echo', params: { text: `hi ${i}` } }) + '\n'); });
  return { call, close: () => child.kill() };
}

/** (c): the MCP SDK's stdio client against a bare MCP SDK stdio server with an echo tool. */
async function mcpEcho(root) {
  const sdk = (p) => import.meta.resolve(`@modelcontextprotocol/sdk/${p}`);
  const server = path.join(root, 'mcp-echo.mjs');
  fs.writeFileSync(server, `import { Server } from '${sdk('server/index.js')}';
import { StdioServerTransport } from '${sdk('server/stdio.js')}';
import { CallToolRequestSchema, ListToolsRequestSchema } from '${sdk('types.js')}';
const s = new Server({ name: 'echo', version: '1.0.0' }, { capabilities: { tools: {} } });
s.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'echo', description: 'echo', inputSchema: { type: 'object' } }] }));
s.setRequestHandler(CallToolRequestSchema, async (r) => ({ content: [{ type: 'text', text: r.params.arguments.text }] }));
await s.connect(new StdioServerTransport());\n`);
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [server], stderr: 'inherit' }));
  return { call: (i) => client.callTool({ name: 'echo', arguments: { text: `hi ${i}` } }), close: () => client.close() };
}

/** Start-up (ms, spawn to initialize done) and idle RSS (kB) of sandboxed plugins; the same for bare `node -e`. */
async function startups(runner, plugin, root) {
  const times = [];
  const rss = [];
  for (let i = 0; i < STARTS; i++) {
    const api = hostApi(root);
    const t = performance.now();
    const instance = await runner.start(plugin, contextFor(api, plugin, root));
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 500));
    rss.push(nodeRss(instance.pid));
    await instance.stop();
  }
  return { time: quantile(times, 0.5), rss: quantile(rss, 0.5) };
}

async function bareStartups() {
  const times = [];
  const rss = [];
  for (let i = 0; i < STARTS; i++) {
    const t = performance.now();
    const child = spawn(process.execPath, ['-e', "process.stdout.write('ready\\n'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 500));
    rss.push(nodeRss(child.pid));
    child.kill();
  }
  return { time: quantile(times, 0.5), rss: quantile(rss, 0.5) };
}

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-sandbox-')));
  try {
    const plugin = pluginFolder(root);
    const mode = sandboxDoctor().mode;
    const sandboxApi = hostApi(root);
    const sandboxed = await new ProcessRunner({ grants: () => [], mode }).start(plugin, contextFor(sandboxApi, plugin, root));
    const inProcessApi = hostApi(root);
    const inProcess = await new InProcessRunner().start(plugin, contextFor(inProcessApi, plugin, root));
    const bare = await bareEcho();
    const mcp = await mcpEcho(root);

    // Interleave rounds so machine noise hits every contestant alike.
    const runs = { sandboxed: [], inProcess: [], bare: [], mcp: [] };
    for (let round_ = 0; round_ < 2; round_++) {
      runs.sandboxed.push(...(await latencies((i) => sandboxApi.tools.call('bench-echo/echo', { text: `hi ${i}` }))));
      runs.inProcess.push(...(await latencies((i) => inProcessApi.tools.call('bench-echo/echo', { text: `hi ${i}` }))));
      runs.bare.push(...(await latencies(bare.call)));
      runs.mcp.push(...(await latencies(mcp.call)));
    }
    await sandboxed.stop();
    await inProcess.stop();
    bare.close();
    await mcp.close();

    const start = await startups(new ProcessRunner({ grants: () => [], mode }), plugin, root);
    const bareStart = await bareStartups();

    const p = (xs, q) => round(quantile(xs, q));
    const results = {
      'sandbox mode': mode,
      'sandboxed call p50 (µs)': p(runs.sandboxed, 0.5),
      'sandboxed call p99 (µs)': p(runs.sandboxed, 0.99),
      '(a) in-process call p50 (µs)': p(runs.inProcess, 0.5),
      '(a) in-process call p99 (µs)': p(runs.inProcess, 0.99),
      '(b) bare child NDJSON p50 (µs)': p(runs.bare, 0.5),
      '(b) bare child NDJSON p99 (µs)': p(runs.bare, 0.99),
      '(c) MCP SDK stdio p50 (µs)': p(runs.mcp, 0.5),
      '(c) MCP SDK stdio p99 (µs)': p(runs.mcp, 0.99),
      'plugin start-up (ms)': round(start.time, 1),
      'bare node -e start-up (ms)': round(bareStart.time, 1),
      'plugin idle RSS (kB)': start.rss,
      'bare node -e idle RSS (kB)': bareStart.rss,
    };
    const r = (a, b) => round(a / b);
    const ratios = {
      'p50 sandboxed / (a) in-process': r(quantile(runs.sandboxed, 0.5), quantile(runs.inProcess, 0.5)),
      'p50 sandboxed / (b) bare child': r(quantile(runs.sandboxed, 0.5), quantile(runs.bare, 0.5)),
      'p50 sandboxed / (c) MCP SDK': r(quantile(runs.sandboxed, 0.5), quantile(runs.mcp, 0.5)),
      'p99 sandboxed / (c) MCP SDK p99': r(quantile(runs.sandboxed, 0.99), quantile(runs.mcp, 0.99)),
      'start-up plugin / bare node': r(start.time, bareStart.time),
      'idle RSS plugin / bare node': r(start.rss, bareStart.rss),
    };
    const aims = [
      { aim: 'p50 ≤ 1.3× (b) bare child', actual: `${ratios['p50 sandboxed / (b) bare child']}×`, met: ratios['p50 sandboxed / (b) bare child'] <= 1.3 },
      { aim: 'p50 no worse than (c) MCP SDK', actual: `${ratios['p50 sandboxed / (c) MCP SDK']}×`, met: ratios['p50 sandboxed / (c) MCP SDK'] <= 1 },
      { aim: "p99 ≤ 0.5× (c)'s p99", actual: `${ratios['p99 sandboxed / (c) MCP SDK p99']}×`, met: ratios['p99 sandboxed / (c) MCP SDK p99'] <= 0.5 },
      { aim: 'idle RSS ≤ 1.1× bare node', actual: `${ratios['idle RSS plugin / bare node']}×`, met: ratios['idle RSS plugin / bare node'] <= 1.1 },
    ];
    return { name: 'sandbox', results, ratios, aims };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : report);
  process.exit(0);
}
void here;
