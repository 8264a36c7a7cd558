// `npm run bench`: runs every bench/*.bench.js and prints a table of results, ratios and aims (met / not met),
// or one JSON document with --json. Each bench module exports
//   async function run({ json }) → { name, results, ratios, aims? } | { skipped: "<reason>" }
// where results and ratios are { label: value } objects and aims a list of { aim, actual?, met }.
// Performance is reported, never asserted: the exit code is 1 only when a bench throws.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const json = process.argv.includes('--json');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

async function benchFiles() {
  const names = (await readdir(here)).filter((f) => f.endsWith('.bench.js')).sort();
  return only.length === 0 ? names : names.filter((f) => only.some((o) => f.includes(o)));
}

async function runOne(file) {
  const fallback = file.replace(/\.bench\.js$/, '');
  try {
    const mod = await import(pathToFileURL(path.join(here, file)).href);
    if (typeof mod.run !== 'function') return { name: fallback, file, error: 'exports no run() function' };
    const result = await mod.run({ json });
    if (result && typeof result.skipped === 'string') return { name: result.name ?? fallback, file, skipped: result.skipped };
    return { name: fallback, ...result, file, aims: normaliseAims(result?.aims) };
  } catch (error) {
    return { name: fallback, file, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Accepts aims as a list of { aim | name, actual?, met } or as an object { aim: boolean | { met, actual } }. */
function normaliseAims(aims) {
  if (aims === undefined || aims === null) return [];
  if (Array.isArray(aims)) return aims.map((a) => ({ aim: a.aim ?? a.name ?? a.description ?? '?', actual: a.actual ?? a.value, met: Boolean(a.met) }));
  return Object.entries(aims).map(([aim, v]) => (typeof v === 'object' && v !== null ? { aim, actual: v.actual ?? v.value, met: Boolean(v.met) } : { aim, met: Boolean(v) }));
}

function printTable(reports) {
  const lines = [];
  for (const r of reports) {
    lines.push('', `▸ ${r.name}  (${r.file})`);
    if (r.skipped !== undefined) {
      lines.push(`  skipped: ${r.skipped}`);
      continue;
    }
    if (r.error !== undefined) {
      lines.push(`  FAILED: ${r.error}`);
      continue;
    }
    const rows = [
      ...Object.entries(r.results ?? {}).map(([k, v]) => [k, String(v)]),
      ...Object.entries(r.ratios ?? {}).map(([k, v]) => [`ratio ${k}`, `${v}×`]),
    ];
    const width = Math.max(10, ...rows.map(([k]) => k.length));
    for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
    for (const a of r.aims) lines.push(`  aim ${a.met ? 'met    ' : 'NOT met'}  ${a.aim}${a.actual !== undefined ? ` (actual ${a.actual})` : ''}`);
  }
  const aims = reports.flatMap((r) => r.aims ?? []);
  const skipped = reports.filter((r) => r.skipped !== undefined).length;
  const failed = reports.filter((r) => r.error !== undefined).length;
  lines.push(
    '',
    `${reports.length} benchmark(s): ${aims.filter((a) => a.met).length}/${aims.length} aims met, ${skipped} skipped, ${failed} failed`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

const reports = [];
for (const file of await benchFiles()) {
  if (!json) process.stderr.write(`running ${file}…\n`);
  reports.push(await runOne(file));
}
if (json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, cpus: (await import('node:os')).cpus().length, benchmarks: reports }, null, 2)}\n`);
} else {
  printTable(reports);
}
process.exitCode = reports.some((r) => r.error !== undefined) ? 1 : 0;
