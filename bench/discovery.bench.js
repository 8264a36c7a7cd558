// Discovery + resolution over 1,000 generated plugin folders, against a baseline measured in the same run:
// merely reading and JSON.parse-ing the same 1,000 plugin.json files (fs/promises readFile, the API the manifest
// loader uses; a callback-fs variant is shown for information). Plain Node ESM over the built host (dist/).
import { readFile as readFileCallback } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { brokenByName, discoverPlugins } from '../packages/host/dist/discovery/index.js';
import { resolve } from '../packages/host/dist/resolution/index.js';

const PLUGINS = 1000;
const WARMUP = 3;
const RUNS = 15;
const AIM_MS = 100;
const AIM_RATIO = 3;

/** The folder (relative to the root) and manifest of plugin `i`: some scoped, most with dependencies and settings. */
function pluginSpec(i) {
  const scoped = i % 10 === 0;
  const name = scoped ? `@bench/p${i}` : `p${i}`;
  // Chains of ten (each plugin needs the previous one) hanging off a few shared hubs: about a dozen load layers.
  const dependencies = {};
  if (i % 10 !== 0) dependencies[pluginName(i - 1)] = '^1.0.0';
  if (i >= 100 && i % 3 === 0) dependencies[pluginName((i % 10) * 10)] = '>=1.0.0 <2.0.0';
  const manifest = {
    $schema: '../../node_modules/@berth/sdk/plugin.schema.json',
    name,
    version: `1.${i % 7}.${i % 5}`,
    type: ['tool', 'provider', 'mcp'][i % 3],
    main: 'index.js',
    description: `Generated plugin number ${i} for the discovery benchmark.`,
    engines: { berth: '^1.0.0' },
    dependencies,
    permissions: i % 4 === 0 ? ['network'] : [],
    configuration: {
      level: { type: 'string', default: 'info', description: 'How chatty it is.' },
      retries: { type: 'number', default: 3, description: 'How often it retries.' },
    },
  };
  return { folder: scoped ? path.join('@bench', `p${i}`) : `p${i}`, manifest };
}

function pluginName(i) {
  return i % 10 === 0 ? `@bench/p${i}` : `p${i}`;
}

/** Writes the 1,000 plugin folders under a fresh temporary root; returns the root and the manifest files. */
async function generate() {
  const base = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-discovery-'));
  const root = path.join(base, 'plugins');
  const files = [];
  for (let i = 0; i < PLUGINS; i++) {
    const { folder, manifest } = pluginSpec(i);
    const dir = path.join(root, folder);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
    await writeFile(path.join(dir, 'index.js'), 'export default { initialize() {} };\n');
    files.push(path.join(dir, 'plugin.json'));
  }
  return { base, root, files };
}

/** The baseline: read and JSON.parse every manifest file, all at once. */
async function readAndParse(files) {
  const values = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8'))));
  return values.length;
}

/** The same with the callback `fs.readFile` (about twice as fast as fs/promises on Node 20), for information. */
async function readAndParseCallbacks(files) {
  const read = (file) =>
    new Promise((ok, fail) => readFileCallback(file, 'utf8', (error, text) => (error ? fail(error) : ok(JSON.parse(text)))));
  const values = await Promise.all(files.map(read));
  return values.length;
}

/** The measured work: discover the root, then resolve the candidates. */
async function discoverAndResolve(root) {
  const found = await discoverPlugins([{ kind: 'core', dir: root }]);
  const resolution = resolve(found.candidates, { unavailable: brokenByName(found) });
  return { found, resolution };
}

/** Wall time and process CPU time (all threads: main and the libuv pool) of one call. */
async function time(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs the benchmark; see bench/run.js for the result shape. */
export async function run() {
  const { base, root, files } = await generate();
  try {
    const check = await discoverAndResolve(root);
    if (check.found.candidates.length !== PLUGINS || check.resolution.loaded.size !== PLUGINS) {
      const first = check.found.broken[0]?.error.message ?? [...check.resolution.failed.values()][0]?.error.message;
      throw new Error(`expected ${PLUGINS} plugins to load, got ${check.resolution.loaded.size}: ${first}`);
    }
    for (let i = 0; i < WARMUP; i++) {
      await readAndParse(files);
      await discoverAndResolve(root);
    }
    const baseline = [];
    const fastest = [];
    const measured = [];
    const baselineCpu = [];
    const measuredCpu = [];
    for (let i = 0; i < RUNS; i++) {
      const b = await time(() => readAndParse(files));
      fastest.push((await time(() => readAndParseCallbacks(files))).ms);
      const m = await time(() => discoverAndResolve(root));
      baseline.push(b.ms);
      baselineCpu.push(b.cpuMs);
      measured.push(m.ms);
      measuredCpu.push(m.cpuMs);
    }
    const baselineMs = median(baseline);
    const fastestMs = median(fastest);
    const measuredMs = median(measured);
    const ratio = measuredMs / baselineMs;
    const load = os.loadavg()[0];
    return {
      name: 'discovery',
      results: {
        plugins: PLUGINS,
        levels: check.resolution.levels.length,
        'discovery+resolution median ms': round(measuredMs),
        'read+JSON.parse median ms': round(baselineMs),
        'read+JSON.parse (fs callbacks) median ms': round(fastestMs),
        'discovery+resolution median CPU ms': round(median(measuredCpu)),
        'read+JSON.parse median CPU ms': round(median(baselineCpu)),
        runs: RUNS,
        'load average (1 min) / cpus': `${round(load)} / ${os.cpus().length}`,
      },
      ratios: {
        'discovery+resolution / read+JSON.parse': round(ratio),
        'discovery+resolution / read+JSON.parse (fs callbacks)': round(measuredMs / fastestMs),
        'CPU time, discovery+resolution / read+JSON.parse': round(median(measuredCpu) / median(baselineCpu)),
      },
      aims: [
        { aim: `≤ ${AIM_MS} ms for ${PLUGINS} plugins`, actual: `${round(measuredMs)} ms`, met: measuredMs <= AIM_MS },
        { aim: `≤ ${AIM_RATIO}× the read+JSON.parse baseline`, actual: `${round(ratio)}×`, met: ratio <= AIM_RATIO },
      ],
    };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}
