// Latency of a call to an `mcp` plugin (issue 19, point 6): a published MCP server
// (@modelcontextprotocol/server-everything, unmodified; its `echo` tool) called
//   (d) directly over stdio by the MCP SDK's client (the server spawned as an assistant would),
//   (s) through Berth over stdio: the client spawns `berth serve --stdio`, which runs the server as a sandboxed
//       mcp plugin and is its client,
//   (h) through Berth over Streamable HTTP: the endpoint over a PluginHost running the same plugin sandboxed,
// against (b) the bare HTTP transport's own cost: the bare MCP SDK server over HTTP answering an in-process echo.
// All in the same run, alternating. Aims: (h) ≤ 1.5 × (d) + (b), per client generation; (s) ≤ 1.5 × (d) + (d)
// (its one extra stdio hop costs what the direct call does).
// Plain Node ESM over the built host and CLI (dist/). Run standalone: node bench/mcp-plugin.bench.js [--json]
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bareHttp, berthHost, connectHttp, percentile, round } from './lib/mcp-servers.js';

const WARMUP = 50;
const SAMPLES = 300;
const ROUNDS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const require = createRequire(import.meta.url);
const everythingMain = path.join(path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const cli = path.join(repo, 'packages', 'cli', 'dist', 'main.js');

/**
 * A plugin root holding `everything`, an mcp plugin running server-everything with `node <its bin file>`, the
 * package linked into the plugin folder's node_modules as npm would install it (the sandbox makes it readable).
 */
function pluginRoot() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-mcp-plugin-'));
  const dir = path.join(root, 'everything');
  mkdirSync(path.join(dir, 'node_modules', '@modelcontextprotocol'), { recursive: true });
  symlinkSync(path.dirname(path.dirname(everythingMain)), path.join(dir, 'node_modules', '@modelcontextprotocol', 'server-everything'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'everything-plugin', private: true, dependencies: { '@modelcontextprotocol/server-everything': '*' } }));
  writeFileSync(
    path.join(dir, 'plugin.json'),
    JSON.stringify({
      name: 'everything',
      version: '1.0.0',
      type: 'mcp',
      description: "The MCP project's reference server.",
      server: { command: 'node', args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'] },
    }),
  );
  return root;
}

/** An SDK 1.x stdio client of `command args`. */
async function stdioClient(command, args, env) {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command, args, stderr: 'ignore', ...(env !== undefined ? { env } : {}) }));
  return client;
}

/** Latencies (ms) of SAMPLES sequential echo calls after a warm-up, checking the first answer. */
async function latencies(client, tool, argsOf) {
  const call = (i) => client.callTool({ name: tool, arguments: argsOf(i) });
  const check = await call(0);
  const text = check.content?.[0]?.text;
  if (check.isError === true || typeof text !== 'string' || !text.includes('0')) throw new Error(`unexpected answer from ${tool}: ${JSON.stringify(check)}`);
  for (let i = 0; i < WARMUP; i++) await call(i);
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await call(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

const echoArgs = (i) => ({ message: `hi ${i}` });
const bareArgs = (i) => ({ text: `hi ${i}` });

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const root = pluginRoot();
  const home = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-mcp-plugin-home-'));
  const contestants = {};
  try {
    const http = await berthHost([root], 'everything', 'everything__echo');
    const bare = await bareHttp();
    contestants.http = http;
    contestants.bare = bare;
    const direct = await stdioClient(process.execPath, [everythingMain, 'stdio']);
    const viaStdio = await stdioClient(process.execPath, [cli, '--plugins-dir', root, '--log-level', 'error', 'serve', '--stdio'], {
      ...process.env,
      BERTH_HOME: home,
    });
    const clients = {
      direct: { client: direct, tool: 'echo', args: echoArgs },
      stdio: { client: viaStdio, tool: 'everything__echo', args: echoArgs },
      'http 2.x': { client: await connectHttp('2.x', http.url), tool: 'everything__echo', args: echoArgs },
      'http 1.x': { client: await connectHttp('1.x', http.url), tool: 'everything__echo', args: echoArgs },
      'bare 2.x': { client: await connectHttp('2.x', bare.url), tool: 'echo', args: bareArgs },
      'bare 1.x': { client: await connectHttp('1.x', bare.url), tool: 'echo', args: bareArgs },
    };
    const samples = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
    // The order rotates each round: two contestants share a process (Berth's host and its plugin server for both
    // (h); the SDK's HTTP code for all four HTTP ones), and the one always going first paid the warm-up of both.
    const order = Object.keys(clients);
    for (let r = 0; r < ROUNDS; r++) {
      const start = (r * 2) % order.length;
      for (const name of [...order.slice(start), ...order.slice(0, start)]) {
        const c = clients[name];
        samples[name].push(...(await latencies(c.client, c.tool, c.args)));
      }
    }
    for (const c of Object.values(clients)) await c.client.close().catch(() => undefined);

    const p50 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v, 0.5)]));
    const p90 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v, 0.9)]));
    const results = { 'plugin tier': http.tier };
    const labels = {
      direct: '(d) direct stdio',
      stdio: '(s) through Berth, stdio',
      'http 2.x': '(h) through Berth, HTTP, 2.x client',
      'http 1.x': '(h) through Berth, HTTP, 1.x client',
      'bare 2.x': '(b) bare SDK HTTP, in-process echo, 2.x client',
      'bare 1.x': '(b) bare SDK HTTP, in-process echo, 1.x client',
    };
    for (const [k, label] of Object.entries(labels)) {
      results[`${label} p50 ms`] = round(p50[k], 3);
      results[`${label} p90 ms`] = round(p90[k], 3);
    }
    results.samples = `${ROUNDS} × ${SAMPLES} sequential calls per path`;
    const budgetHttp = (gen) => 1.5 * p50.direct + p50[`bare ${gen}`];
    const budgetStdio = 1.5 * p50.direct + p50.direct;
    const ratios = {
      '(s) / (d) p50': round(p50.stdio / p50.direct),
      '(h) 2.x / (d) p50': round(p50['http 2.x'] / p50.direct),
      '(h) 1.x / (d) p50': round(p50['http 1.x'] / p50.direct),
      '(h) 2.x / (1.5×(d) + (b) 2.x) p50': round(p50['http 2.x'] / budgetHttp('2.x')),
      '(h) 1.x / (1.5×(d) + (b) 1.x) p50': round(p50['http 1.x'] / budgetHttp('1.x')),
      '(s) / (1.5×(d) + (d)) p50': round(p50.stdio / budgetStdio),
    };
    const aims = [
      ...['2.x', '1.x'].map((gen) => ({
        aim: `mcp plugin call through Berth over HTTP (${gen} client) ≤ 1.5× direct stdio + the bare HTTP transport's cost, p50`,
        actual: `${round(p50[`http ${gen}`], 3)} ms vs budget ${round(budgetHttp(gen), 3)} ms`,
        met: p50[`http ${gen}`] <= budgetHttp(gen),
      })),
      {
        aim: 'mcp plugin call through Berth over stdio ≤ 1.5× direct stdio + one stdio hop (the direct call), p50',
        actual: `${round(p50.stdio, 3)} ms vs budget ${round(budgetStdio, 3)} ms`,
        met: p50.stdio <= budgetStdio,
      },
    ];
    return { name: 'mcp-plugin', results, ratios, aims };
  } finally {
    for (const c of Object.values(contestants)) await c.close().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : report);
}
