// The plugin-author kit (issue 17, acceptance 1): a newcomer's wall time from nothing to a hot-reloaded second
// answer, per plugin type, over the built CLI — the same scripted steps as packages/cli/test/author/newcomer.test.ts:
//   1. berth new hello --type <type>      2. npm test (build + sandboxed tests)
//   3. berth dev hello → first tool answer through /mcp (official SDK client) → edit the source → the new answer
// Aim: ≤ 60 s and ≤ 3 commands. Baseline, measured in the same run: `berth --version` (the CLI's bare start-up), so
// the ratios say how many bare CLI starts each step costs on this machine.
// Run standalone: node bench/author-kit.bench.js [--json]
import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runNewcomer } from '../packages/cli/test/author/newcomer-flow.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const berthMain = path.join(here, '..', 'packages', 'cli', 'dist', 'main.js');
const round = (x) => Math.round(x * 100) / 100;
const seconds = (ms) => round(ms / 1000);

async function bareStart() {
  const t = performance.now();
  await new Promise((resolve, reject) => execFile(process.execPath, [berthMain, '--version'], (error) => (error ? reject(error) : resolve())));
  return performance.now() - t;
}

export async function run() {
  const baseline = Math.min(await bareStart(), await bareStart(), await bareStart());
  const results = { 'berth --version (baseline), s': seconds(baseline) };
  const ratios = {};
  const aims = [];
  for (const type of ['tool', 'provider', 'mcp']) {
    const { times, second } = await runNewcomer(type);
    for (const [step, ms] of Object.entries(times)) {
      results[`${type}: ${step}, s`] = seconds(ms);
      ratios[`${type}: ${step} / baseline`] = round(ms / baseline);
    }
    aims.push({ aim: `${type}: berth new → hot-reloaded second answer ≤ 60 s in 3 commands`, actual: `${seconds(times.total)} s`, met: times.total <= 60_000 && second !== undefined });
  }
  return { name: 'author-kit', results, ratios, aims };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : report);
}
