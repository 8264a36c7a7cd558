// An in-process tools.call (lookup, ajv validation, guard and afterCall checks, handler under a time limit,
// result normalisation) against the bare minimum it must do — an ajv validation of the arguments followed by a
// direct call of the handler — measured in the same run. Aim: ≤ 2× at p50.
// Plain Node ESM over the built host (dist/). Run standalone: node bench/tool-call.bench.js [--json]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EventBus, HookEngine, ToolRegistry } from '../packages/host/dist/api/index.js';

const BATCH = 200;
const SAMPLES = 400;
const allowAll = { check: () => true, assert: () => undefined };
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const inputSchema = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number' }, note: { type: 'string', maxLength: 100 } },
  required: ['a', 'b'],
  additionalProperties: false,
};
const handler = async (args) => ({ content: [{ type: 'text', text: String(args.a + args.b) }] });
const args = { a: 2, b: 3, note: 'bench' };

/** Berth: a registry with the tool registered by plugin `bench`. */
function berth() {
  const hooks = new HookEngine({ gate: allowAll, logger: silent });
  const tools = new ToolRegistry({ hooks, events: new EventBus({ logger: silent }) });
  tools.register('bench', { name: 'add', description: 'adds', inputSchema, handler });
  return () => tools.call('bench/add', args);
}

/** The bare minimum: validate with ajv, then call the handler. */
function bare() {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(inputSchema);
  return async () => {
    if (!validate(args)) throw new Error('invalid');
    return handler(args);
  };
}

/** Nanoseconds per call over one batch. */
async function batch(call) {
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) await call();
  return ((performance.now() - start) * 1e6) / BATCH;
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x) => Math.round(x * 100) / 100;

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const ours = berth();
  const minimum = bare();
  const check = await ours();
  if (check.content[0].text !== '5') throw new Error(`unexpected result ${JSON.stringify(check)}`);
  for (let i = 0; i < 50; i++) (await batch(ours), await batch(minimum));
  const a = [];
  const b = [];
  for (let i = 0; i < SAMPLES; i++) {
    a.push(await batch(ours));
    b.push(await batch(minimum));
  }
  const p50 = percentile(a, 0.5) / percentile(b, 0.5);
  const p90 = percentile(a, 0.9) / percentile(b, 0.9);
  return {
    name: 'tool-call',
    results: {
      'tools.call p50 ns/call': round(percentile(a, 0.5)),
      'tools.call p90 ns/call': round(percentile(a, 0.9)),
      'ajv + direct call p50 ns/call': round(percentile(b, 0.5)),
      'ajv + direct call p90 ns/call': round(percentile(b, 0.9)),
      samples: `${SAMPLES} batches × ${BATCH} calls`,
    },
    ratios: { 'tools.call / ajv+direct (p50)': round(p50), 'tools.call / ajv+direct (p90)': round(p90) },
    aims: [{ aim: 'in-process tools.call ≤ 2× ajv + direct call at p50', actual: `${round(p50)}×`, met: p50 <= 2 }],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.table({ ...report.results, ...Object.fromEntries(Object.entries(report.ratios).map(([k, v]) => [`ratio ${k}`, `${v}×`])) });
}
