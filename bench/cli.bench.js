// `berth plugins list` against `node -e ''` (the cost of starting Node at all), measured in the same run: with no
// server running (the CLI resolves the plugins from the files, starting none) and with a running `berth serve`
// (the CLI asks it over the control socket). Aims (issue 14): ≤ 3× without a server, ≤ 2× with one.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const berth = path.join(repo, 'packages', 'cli', 'dist', 'main.js');
const RUNS = 9;

function time(args, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    execFile(process.execPath, args, { cwd: repo, env }, (error) => (error ? reject(error) : resolve(performance.now() - start)));
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Medians of `RUNS` interleaved runs of each command (interleaved: a load spike hits all alike). */
async function measure(commands, env) {
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS + 1; i++) {
    for (const [j, args] of commands.entries()) {
      const ms = await time(args, env);
      if (i > 0) times[j].push(ms); // the first round warms the file cache
    }
  }
  return times.map(median);
}

async function startServe(env) {
  const child = spawn(process.execPath, [berth, 'serve', '--port', '0'], { cwd: repo, env });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const end = Date.now() + 120_000;
  while (!stderr.includes('control socket') && child.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (!stderr.includes('control socket')) throw new Error(`berth serve did not start:\n${stderr}`);
  return child;
}

export async function run() {
  const home = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-cli-'));
  const env = { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' };
  try {
    const bare = ['-e', ''];
    const list = [berth, 'plugins', 'list'];
    const [nodeCold, files] = await measure([bare, list], env);
    const server = await startServe(env);
    let nodeWarm;
    let live;
    try {
      [nodeWarm, live] = await measure([bare, list], env);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    const filesRatio = files / nodeCold;
    const liveRatio = live / nodeWarm;
    return {
      name: 'cli: berth plugins list',
      results: {
        "node -e '' (ms, median)": nodeCold.toFixed(0),
        'plugins list, no server (ms)': files.toFixed(0),
        "node -e '' beside the server (ms)": nodeWarm.toFixed(0),
        'plugins list, through the server (ms)': live.toFixed(0),
      },
      ratios: { 'no server / node': filesRatio.toFixed(2), 'through the server / node': liveRatio.toFixed(2) },
      aims: [
        { aim: 'no server ≤ 3× node -e ""', actual: `${filesRatio.toFixed(2)}×`, met: filesRatio <= 3 },
        { aim: 'through the server ≤ 2× node -e ""', actual: `${liveRatio.toFixed(2)}×`, met: liveRatio <= 2 },
      ],
    };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
