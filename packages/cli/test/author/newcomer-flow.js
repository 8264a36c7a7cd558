// The scripted newcomer: in an empty temporary folder outside the repository, `berth new hello --type <type>`, then
// its `npm test`, then `berth dev hello` and a tool call through the MCP endpoint with the official SDK client, then
// an edit of the source and the new answer. Plain JavaScript so that both the test (newcomer.test.ts) and
// bench/author-kit.bench.js run the very same steps. Only the three commands a newcomer types are run.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const berthMain = path.join(repoRoot, 'packages', 'cli', 'dist', 'main.js');

/** Per type: the tool to call, its arguments, the answer before and after the edit, and the edit itself. */
export const NEWCOMER_CASES = {
  tool: { tool: 'greet', args: { name: 'Ada' }, before: 'Hello, Ada!', after: 'Hello, Ada! Welcome.', file: 'src/index.ts', from: "${String(args['name'])}!`", to: "${String(args['name'])}! Welcome.`" },
  provider: { tool: 'ask', args: { prompt: 'hi' }, before: 'You said: hi', after: 'You wrote: hi', file: 'src/index.ts', from: 'You said: ', to: 'You wrote: ' },
  mcp: { tool: 'greet', args: { name: 'Ada' }, before: 'Hello, Ada!', after: 'Hi, Ada!', file: 'src/server.ts', from: 'Hello, ${name}!', to: 'Hi, ${name}!' },
};

/**
 * This process's environment without what an enclosing `npm test` (the repository's) put there: a newcomer's
 * shell has no npm_config_local_prefix or npm_package_json pointing at Berth's repository.
 */
export function newcomerEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key) && key !== 'INIT_CWD'));
  return { ...env, ...extra };
}

const run = (command, args, options) =>
  new Promise((resolve) => {
    execFile(command, args, { ...options, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });

const textOf = (result) => (result.content ?? []).filter((p) => p.type === 'text').map((p) => p.text).join('\n');

/** Waits for `berth dev` to print its endpoint and token file. */
function endpointOf(child, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth dev did not start within 60 s:\n${output()}`)), 60_000);
    const check = () => {
      const url = /MCP endpoint\s+(http:\/\/\S+\/mcp)/.exec(output())?.[1];
      const token = /the token in (\S+?);/.exec(output())?.[1];
      if (url !== undefined && token !== undefined) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    };
    child.stderr.on('data', check);
    child.once('exit', (code) => reject(new Error(`berth dev exited with ${code}:\n${output()}`)));
  });
}

/**
 * Runs the newcomer's three commands for one plugin type. Resolves with each step's wall time (ms), the answers
 * and the outputs; throws with the output of the step that failed.
 */
export async function runNewcomer(type, { keep = false } = {}) {
  const c = NEWCOMER_CASES[type];
  const work = await mkdtemp(path.join(os.tmpdir(), `berth-newcomer-${type}-`));
  const env = newcomerEnv({ BERTH_HOME: path.join(work, '.berth-home'), BERTH_LOG_FORMAT: 'json' });
  const times = {};
  const started = performance.now();
  let dev;
  let client;
  try {
    let t = performance.now();
    const created = await run(process.execPath, [berthMain, 'new', 'hello', '--type', type], { cwd: work, env });
    times.new = performance.now() - t;
    if (created.code !== 0) throw new Error(`berth new failed (${created.code}):\n${created.stdout}${created.stderr}`);
    const dir = path.join(work, 'hello');

    t = performance.now();
    const tested = await run('npm', ['test'], { cwd: dir, env: { ...env, npm_config_offline: 'true' } });
    times.npmTest = performance.now() - t;
    if (tested.code !== 0) throw new Error(`npm test failed (${tested.code}):\n${tested.stdout}${tested.stderr}`);

    t = performance.now();
    let output = '';
    dev = spawn(process.execPath, [berthMain, 'dev', 'hello', '--port', '0'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    dev.stdout.on('data', (chunk) => (output += chunk));
    dev.stderr.on('data', (chunk) => (output += chunk));
    const { url, token } = await endpointOf(dev, () => output);
    const bearer = (await readFile(token, 'utf8')).trim();
    client = new Client({ name: 'newcomer', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } }));
    const wire = `hello__${c.tool}`;
    const first = textOf(await client.callTool({ name: wire, arguments: c.args }));
    times.devFirstAnswer = performance.now() - t;

    t = performance.now();
    const file = path.join(dir, c.file);
    const source = await readFile(file, 'utf8');
    if (!source.includes(c.from)) throw new Error(`${c.file} no longer holds ${c.from}`);
    await writeFile(file, source.replace(c.from, c.to));
    let second = first;
    const deadline = Date.now() + 60_000;
    while (second !== c.after && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      second = await client.callTool({ name: wire, arguments: c.args }).then(textOf, (error) => `error: ${error.message}`);
    }
    times.editToNewAnswer = performance.now() - t;
    times.total = performance.now() - started;
    return { type, times, first, second, output: () => output, dir };
  } finally {
    await client?.close().catch(() => undefined);
    if (dev !== undefined && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      dev.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (dev.exitCode === null) dev.kill('SIGKILL');
    }
    if (!keep) await rm(work, { recursive: true, force: true });
  }
}
