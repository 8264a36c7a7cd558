// `npm run bench`: runs every bench/*.bench.js and prints a table of results, ratios and aims (met / not met),
// or one JSON document with --json. Each bench module exports
//   async function run({ json }) → { name, results, ratios, aims? } | { skipped: "<reason>" }
// where results and ratios are { label: value } objects and aims a list of { aim, actual?, met }.
// Performance is reported, never asserted: the exit code is 1 only when a bench throws.
// Each bench file runs in its own fresh Node process (see runIsolated).
import { fork } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
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

/**
 * Runs one bench file in a fresh Node process and returns its report. A bench's figures must not depend on which
 * benches ran before it: in one shared process, code both sides of a ratio use (the MCP SDK, the tool registry)
 * arrived JIT-compiled and shaped by the earlier benches' traffic, while a contestant's fresh child process did not
 * (measured: tool-call 2.11× in the shared process against 1.73-1.93× alone). The bench's own output goes to stderr,
 * so stdout keeps the one table or JSON document.
 */
function runIsolated(file) {
  const fallback = file.replace(/\.bench\.js$/, '');
  return new Promise((resolve) => {
    let report;
    const child = fork(fileURLToPath(import.meta.url), ['--one', file, ...(json ? ['--json'] : [])], { stdio: ['ignore', 2, 2, 'ipc'] });
    child.on('message', (message) => (report = message));
    child.on('exit', (code, signal) => resolve(report ?? { name: fallback, file, error: `its process ended (${signal ?? `exit code ${code}`}) without a report` }));
  });
}

const oneIndex = process.argv.indexOf('--one');
if (oneIndex !== -1) {
  // A child of the runner (see runIsolated): one bench, its report sent back, then exit (open handles or not).
  const report = await runOne(process.argv[oneIndex + 1]);
  process.send(report, () => process.exit(0));
} else {
  const reports = [];
  for (const file of await benchFiles()) {
    if (!json) process.stderr.write(`running ${file}…\n`);
    reports.push(await runIsolated(file));
  }
  finish(reports);
}

/** Prints the reports (table, or one JSON document with --json); exit code 1 when a bench failed. */
function finish(reports) {
  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length, benchmarks: reports }, null, 2)}\n`);
  } else {
    printTable(reports);
  }
  process.exitCode = reports.some((r) => r.error !== undefined) ? 1 : 0;
}
