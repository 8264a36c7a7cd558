// Many clients at once: CLIENTS MCP clients (the official 2.x client, protocol 2026-07-28, each its own
// connection) each making CALLS sequential tools/call over Streamable HTTP, all at the same time — to Berth serving
// the examples/echo-tool plugin sandboxed (the process tier, over RPC, in a PluginHost) against the bare MCP SDK
// server with the same tool in process, measured in the same run (alternating, twice each).
// Aim (issue 16): Berth's throughput ≥ 0.8× the bare server's, and no failed call.
// Plain Node ESM over the built host (dist/). Run standalone: node bench/mcp-concurrency.bench.js [--json]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bareHttp, berthSandboxed, connectHttp, round } from './lib/mcp-servers.js';

const CLIENTS = 20;
const CALLS = 250;
const ROUNDS = 2;
const AIM = 0.8;

/** Runs CLIENTS × CALLS calls against `server`; calls per second, failures, and the first failure seen. */
async function storm(server) {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connectHttp('2.x', server.url)));
  let failed = 0;
  let firstFailure;
  const fail = (why) => {
    failed++;
    firstFailure ??= why;
  };
  try {
    // Warm-up: one call per client.
    await Promise.all(clients.map((client) => client.callTool({ name: server.tool, arguments: { text: 'warm' } })));
    const start = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = 0; i < CALLS; i++) {
          const text = `c${c} #${i}`;
          try {
            const result = await client.callTool({ name: server.tool, arguments: { text } });
            if (result.isError === true || result.content?.[0]?.text !== text) fail(JSON.stringify(result).slice(0, 300));
          } catch (error) {
            fail(error instanceof Error ? error.message : String(error));
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return { rate: (CLIENTS * CALLS) / seconds, failed, firstFailure };
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }
}

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const sandboxed = await berthSandboxed();
  const bare = await bareHttp();
  try {
    const rates = { sandboxed: [], bare: [] };
    let failed = 0;
    let firstFailure;
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, server] of [['bare', bare], ['sandboxed', sandboxed]]) {
        const result = await storm(server);
        rates[name].push(result.rate);
        if (name === 'sandboxed') {
          failed += result.failed;
          firstFailure ??= result.firstFailure;
        }
      }
    }
    const best = (xs) => Math.max(...xs);
    const ratio = best(rates.sandboxed) / best(rates.bare);
    return {
      name: 'mcp-concurrency',
      results: {
        'sandboxed tool tier': sandboxed.tier,
        'Berth (sandboxed tool) calls/s': Math.round(best(rates.sandboxed)),
        'bare SDK (tool in process) calls/s': Math.round(best(rates.bare)),
        'Berth failed calls': failed,
        ...(firstFailure !== undefined ? { 'first failure': firstFailure } : {}),
        runs: `${CLIENTS} clients × ${CALLS} calls, ${ROUNDS} rounds each (best round)`,
      },
      ratios: { 'Berth sandboxed / bare SDK throughput': round(ratio) },
      aims: [
        { aim: `${CLIENTS} clients × ${CALLS} calls over HTTP to a sandboxed tool: throughput ≥ ${AIM}× the bare SDK server`, actual: `${round(ratio)}×`, met: ratio >= AIM },
        { aim: '0 failed calls', actual: failed, met: failed === 0 },
      ],
    };
  } finally {
    await sandboxed.close();
    await bare.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : report);
}
