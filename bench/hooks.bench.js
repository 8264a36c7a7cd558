// Dispatching a series hook with 10 handlers: Berth's hook engine against unjs/hookable's callHook with 10 hooks,
// measured in the same run, with synchronous and with async handlers. Aim: no slower than hookable.
// Plain Node ESM over the built host (dist/). Run standalone: node bench/hooks.bench.js [--json]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createHooks } from 'hookable';
import { HookEngine } from '../packages/host/dist/api/index.js';

const HANDLERS = 10;
const CALLS = 20_000;
const SAMPLES = 15;
const payload = { plugin: 'bench', from: 'loading', to: 'active' };
const allowAll = { check: () => true, assert: () => undefined };
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Berth: one engine, 10 plugins each with a handler on the series hook `plugin:stateChanged`. */
function berth(handler) {
  const engine = new HookEngine({ gate: allowAll, logger: silent });
  for (let i = 0; i < HANDLERS; i++) engine.on(`p${i}`, 'plugin:stateChanged', handler);
  return () => engine.notify('plugin:stateChanged', payload);
}

/** hookable: 10 hooks on one name, called in series by callHook. */
function hookable(handler) {
  const hooks = createHooks();
  for (let i = 0; i < HANDLERS; i++) hooks.hook('plugin:stateChanged', handler);
  return () => hooks.callHook('plugin:stateChanged', payload);
}

/** Nanoseconds per dispatch over one sample of CALLS dispatches. */
async function sample(dispatch) {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await dispatch();
  return ((performance.now() - start) * 1e6) / CALLS;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

/** Interleaved samples of both, after a warm-up; the median of each. */
async function compare(handler) {
  const ours = berth(handler);
  const theirs = hookable(handler);
  for (let i = 0; i < 3; i++) (await sample(ours), await sample(theirs));
  const a = [];
  const b = [];
  for (let i = 0; i < SAMPLES; i++) {
    a.push(await sample(ours));
    b.push(await sample(theirs));
  }
  return { berth: median(a), hookable: median(b) };
}

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  let count = 0;
  const sync = await compare(() => {
    count++;
  });
  const async = await compare(async () => {
    count++;
  });
  if (count === 0) throw new Error('handlers never ran');
  const ratioSync = sync.berth / sync.hookable;
  const ratioAsync = async.berth / async.hookable;
  return {
    name: 'hooks',
    results: {
      'berth series, 10 sync handlers, ns/dispatch': round(sync.berth),
      'hookable callHook, 10 sync hooks, ns/dispatch': round(sync.hookable),
      'berth series, 10 async handlers, ns/dispatch': round(async.berth),
      'hookable callHook, 10 async hooks, ns/dispatch': round(async.hookable),
      samples: `${SAMPLES} × ${CALLS} dispatches (median)`,
    },
    ratios: {
      'berth / hookable (sync handlers)': round(ratioSync),
      'berth / hookable (async handlers)': round(ratioAsync),
    },
    aims: [
      { aim: 'series dispatch no slower than hookable (sync handlers)', actual: `${round(ratioSync)}×`, met: ratioSync <= 1 },
      { aim: 'series dispatch no slower than hookable (async handlers)', actual: `${round(ratioAsync)}×`, met: ratioAsync <= 1 },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.table({ ...report.results, ...Object.fromEntries(Object.entries(report.ratios).map(([k, v]) => [`ratio ${k}`, `${v}×`])) });
}
