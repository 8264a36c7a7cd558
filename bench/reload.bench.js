// Hot reload (acceptance 7 of issue 5), sandboxed process tier, over the built host (dist/):
//  - file change → first "v2" answer (the folder watcher with its default debounce, then the reload), against one
//    cold start of the same plugin (start its process, initialize, first answer) measured in the same run.
//    Aim: ≤ 1.5×.
//  - host RSS after 200 reloads against after 1. Aim: within 20 MB. (A reload replaces the plugin's process.)
//  - for information: the same growth for the trusted in-process tier, which re-imports with a fresh URL (ESM
//    module records are never freed, so it grows: see docs/architecture.md, "Hot reload").
// Run standalone: node bench/reload.bench.js [--json]
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { ConfigStore, InProcessRunner, PluginHost } from '../packages/host/dist/index.js';
import { DEFAULT_WATCH_DEBOUNCE_MS } from '../packages/host/dist/reload/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'packages', 'host', 'test', 'fixtures', 'reload', 'hot');
const RUNS = 5;
const RELOADS = 200;
const round = (x) => Math.round(x * 100) / 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => round(bytes / 1024 / 1024);

/** A host over a temporary root holding a copy of the `hot` fixture. */
async function makeHost(options = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-reload-bench-'));
  await cp(fixture, path.join(dir, 'plugins', 'hot'), { recursive: true });
  const config = new ConfigStore({ configDir: path.join(dir, 'config'), dataDir: path.join(dir, 'data'), readProject: false });
  const host = new PluginHost({ roots: [{ kind: 'extra', dir: path.join(dir, 'plugins') }], config, logger: pino({ level: 'silent' }), ...options });
  return { host, pluginDir: path.join(dir, 'plugins', 'hot'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const answer = async (host) => (await host.api.tools.call('hot/version', {})).content[0].text;

async function setAnswer(pluginDir, text) {
  const file = path.join(pluginDir, 'index.js');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/const ANSWER = '[^']*';/, `const ANSWER = '${text}';`));
}

/** Start the plugin's process, initialize it, get its first answer (the host already discovered it). */
async function coldStart() {
  const { host, cleanup } = await makeHost();
  await host.start({ activate: false });
  const started = performance.now();
  await host.activate('hot');
  if ((await answer(host)) !== 'v1') throw new Error('cold start: unexpected answer');
  const ms = performance.now() - started;
  await host.stop();
  await cleanup();
  return ms;
}

/** Save a new answer, then poll until it answers (the watcher notices, debounces, reloads). */
async function fileChangeToAnswer(host, pluginDir, text) {
  const saved = performance.now();
  await setAnswer(pluginDir, text);
  for (;;) {
    if ((await answer(host)) === text) return performance.now() - saved;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function rssGrowth(options) {
  const { host, cleanup } = await makeHost(options);
  await host.start();
  const settle = async () => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
    globalThis.gc?.();
    return process.memoryUsage().rss;
  };
  await host.reload('hot');
  const afterOne = await settle();
  for (let i = 1; i < RELOADS; i++) {
    const outcome = await host.reload('hot');
    if (outcome.status !== 'reloaded') throw new Error(`reload ${i}: ${outcome.status}`);
  }
  if ((await answer(host)) !== 'v1') throw new Error('after the reloads: unexpected answer');
  const afterAll = await settle();
  await host.stop();
  await cleanup();
  return { afterOne, afterAll, growth: afterAll - afterOne };
}

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const colds = [];
  for (let i = 0; i < RUNS; i++) colds.push(await coldStart());

  const { host, pluginDir, cleanup } = await makeHost();
  await host.start();
  const stopWatching = await host.watchPlugins();
  const changes = [];
  for (let i = 0; i < RUNS; i++) changes.push(await fileChangeToAnswer(host, pluginDir, `v${i + 2}`));
  await stopWatching();
  await host.stop();
  await cleanup();

  const processTier = await rssGrowth({});
  const trusted = new InProcessRunner();
  const inProcess = await rssGrowth({ runnerFor: () => trusted });

  const cold = median(colds);
  const change = median(changes);
  const ratio = change / cold;
  const growthMb = mb(processTier.growth);
  return {
    name: 'reload',
    results: {
      'cold start → first answer, median ms': round(cold),
      [`file change → first new answer, median ms (${DEFAULT_WATCH_DEBOUNCE_MS} ms debounce included)`]: round(change),
      [`host RSS after 1 reload, MB`]: mb(processTier.afterOne),
      [`host RSS after ${RELOADS} reloads, MB`]: mb(processTier.afterAll),
      [`in-process tier: RSS growth over ${RELOADS} reloads, MB`]: mb(inProcess.growth),
      runs: `${RUNS} cold starts, ${RUNS} file changes, ${RELOADS} reloads per tier${globalThis.gc ? ' (gc before each RSS reading)' : ''}`,
    },
    ratios: { 'file change → answer / cold start (median)': round(ratio) },
    aims: [
      { aim: 'file change → first new answer ≤ 1.5× a cold start', actual: `${round(ratio)}×`, met: ratio <= 1.5 },
      { aim: `host RSS after ${RELOADS} reloads within 20 MB of after 1 (process tier)`, actual: `${growthMb} MB`, met: growthMb <= 20 },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.table({ ...report.results, ...Object.fromEntries(Object.entries(report.ratios).map(([k, v]) => [`ratio ${k}`, `${v}×`])) });
}
